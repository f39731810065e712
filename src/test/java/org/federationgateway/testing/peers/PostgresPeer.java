package org.federationgateway.testing.peers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.federationgateway.testing.Ports;

/**
 * A throwaway PostgreSQL 15 cluster from Debian's binaries: initdb into target/, postgres in the foreground on one
 * loopback address and a free port, trust authentication for 127.0.0.0/8 only, one database and its owner.
 * PostgreSQL refuses to run as root, so as root it runs as the postgres user (setpriv execs, so the PID we hold is
 * the postmaster's). Stopped by PID with SIGINT, PostgreSQL's "fast" shutdown.
 */
public final class PostgresPeer implements AutoCloseable {
    public static final String BIN = "/usr/lib/postgresql/15/bin";
    public static final String OS_USER = "postgres";

    private final String address;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Path directory;
    private final List<String> command;
    private volatile PeerProcess process;

    private PostgresPeer(String address, int port, String database, String user, String password, Path directory,
            List<String> command, PeerProcess process) {
        this.address = address;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.directory = directory;
        this.command = command;
        this.process = process;
    }

    /** Database and user {@code fgw} (password {@code fgw}) on {@link TestNetwork#POSTGRES_IP}. */
    public static PostgresPeer start() {
        return start(TestNetwork.POSTGRES_IP, "fgw", "fgw", "fgw", PeerDirectories.fresh("postgres"));
    }

    public static PostgresPeer start(String address, String database, String user, String password, Path directory) {
        return start(address, database, user, password, directory, false);
    }

    /**
     * @param survivesItsProcess commits reach the operating system before they are acknowledged
     *                           ({@code synchronous_commit=on}), so a server stopped by SIGQUIT or SIGKILL keeps every
     *                           commit it acknowledged; without it the last ones are lost, as a fault test must not see
     */
    public static PostgresPeer start(String address, String database, String user, String password, Path directory,
            boolean survivesItsProcess) {
        Ports.requireLoopback(address);
        PeerBinaries.require(BIN + "/initdb", "postgresql-15");
        PeerBinaries.require(BIN + "/postgres", "postgresql-15");
        PeerDirectories.wipe(directory);
        Path data = directory.resolve("data");
        Path sockets = directory.resolve("run");
        PeerDirectories.write(sockets.resolve(".keep"), "");
        if (PeerBinaries.isRoot()) {
            PeerDirectories.chown(directory, OS_USER);
        }
        Commands.run(Duration.ofSeconds(60), asPostgres(BIN + "/initdb", "-D", data.toString(), "-U", OS_USER,
                "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"));
        // Replace initdb's rules: trust, but only over the socket in target/ and from loopback.
        PeerDirectories.write(data.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.0/8 trust\n");
        int port = FreePorts.on(address);
        List<String> command = List.of(asPostgres(BIN + "/postgres", "-D", data.toString(),
                "-c", "listen_addresses=" + address, "-p", Integer.toString(port),
                "-c", "unix_socket_directories=" + sockets,
                // A test database need not survive a machine crash: skip the fsyncs, start and run faster.
                "-c", "fsync=off", "-c", "synchronous_commit=" + (survivesItsProcess ? "on" : "off"), "-c", "full_page_writes=off"));
        PeerProcess process = PeerProcess.start("postgres", command, directory.resolve("postgres.log"), Map.of(), "INT");
        PostgresPeer peer = new PostgresPeer(address, port, database, user, password, directory, command, process);
        try {
            process.awaitPort(address, port, Duration.ofSeconds(30));
            peer.createDatabaseAndOwner();
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private static String[] asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (PeerBinaries.isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--"));
        }
        full.addAll(List.of(command));
        return full.toArray(String[]::new);
    }

    /**
     * Stops the server by its PID with SIGQUIT, PostgreSQL's "immediate" shutdown: every backend ends at once,
     * open transactions are lost (as after a crash), and clients see their connections break. Waits for the exit.
     */
    public void stopImmediately() {
        Commands.signal(process.pid(), "QUIT");
        if (!process.awaitExit(Duration.ofSeconds(30))) {
            throw new AssertionError("PostgreSQL did not stop on SIGQUIT:\n" + process.tail());
        }
        process.stop(Duration.ofSeconds(1)); // the children it may have left, and the exit hook
    }

    /** Starts the server again on the same data, address and port (after crash recovery), until it accepts logins. */
    public void restart() {
        process = PeerProcess.start("postgres", command, directory.resolve("postgres.log"), Map.of(), "INT");
        process.awaitPort(address, port, Duration.ofSeconds(30));
        SQLException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Connection c = connect()) {
                return;
            } catch (SQLException e) {
                if (!"57P03".equals(e.getSQLState())) {
                    throw new AssertionError("PostgreSQL refused logins after the restart:\n" + process.tail(), e);
                }
                last = e;
                Ports.sleep(100);
            }
        }
        throw new AssertionError("PostgreSQL never accepted logins after the restart:\n" + process.tail(), last);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    private void createDatabaseAndOwner() {
        // The server may accept TCP a moment before it accepts logins ("the database system is starting up").
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), OS_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
                return;
            } catch (SQLException e) {
                if (!"57P03".equals(e.getSQLState())) {
                    throw new AssertionError("cannot create database " + database + ":\n" + process.tail(), e);
                }
                last = e;
                Ports.sleep(100);
            }
        }
        throw new AssertionError("PostgreSQL never accepted logins:\n" + process.tail(), last);
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    private String jdbcUrl(String db) {
        return "jdbc:postgresql://" + address + ":" + port + "/" + db;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        // SIGINT = fast shutdown: disconnect clients, checkpoint, and the backends exit with the postmaster.
        process.stop(Duration.ofSeconds(15));
    }
}
