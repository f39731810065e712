package org.federationgateway.testing.peers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.federationgateway.testing.Ports;

/**
 * A throwaway MariaDB server from Debian's {@code mariadb-server} binaries: mariadb-install-db into target/, then
 * mariadbd in the foreground (no service, no system configuration: {@code --no-defaults}) on one loopback address
 * and a free port, its socket and data in target/. A user {@code fgw} (password {@code fgw}) that may connect from
 * 127.0.0.0/8 only and may create databases, so each test gets its own. As root, mariadbd itself changes to the
 * mysql user. Stopped by PID with SIGTERM, MariaDB's normal shutdown.
 */
public final class MariaDbPeer implements AutoCloseable {
    public static final String SERVER = "/usr/sbin/mariadbd";
    public static final String INSTALL_DB = "/usr/bin/mariadb-install-db";
    public static final String PACKAGE = "mariadb-server";
    public static final String OS_USER = "mysql";

    private final String address;
    private final int port;
    private final String user;
    private final String password;
    private final Path directory;
    private final PeerProcess process;

    private MariaDbPeer(String address, int port, String user, String password, Path directory, PeerProcess process) {
        this.address = address;
        this.port = port;
        this.user = user;
        this.password = password;
        this.directory = directory;
        this.process = process;
    }

    /** User {@code fgw} on {@link TestNetwork#MARIADB_IP}. */
    public static MariaDbPeer start() {
        return start(TestNetwork.MARIADB_IP, "fgw", "fgw", PeerDirectories.fresh("mariadb"));
    }

    public static MariaDbPeer start(String address, String user, String password, Path directory) {
        Ports.requireLoopback(address);
        PeerBinaries.require(SERVER, PACKAGE);
        PeerBinaries.require(INSTALL_DB, PACKAGE);
        PeerDirectories.wipe(directory);
        Path data = directory.resolve("data");
        Path run = directory.resolve("run");
        PeerDirectories.write(run.resolve(".keep"), "");
        // The first start creates the test user; nothing else may log in over TCP.
        Path init = PeerDirectories.write(directory.resolve("init.sql"),
                "CREATE USER IF NOT EXISTS '" + user + "'@'127.%' IDENTIFIED BY '" + password.replace("'", "''") + "';\n"
                        + "GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'127.%';\n");
        List<String> asUser = new ArrayList<>();
        if (PeerBinaries.isRoot()) {
            PeerDirectories.chown(directory, OS_USER);
            asUser.add("--user=" + OS_USER);
        }
        List<String> install = new ArrayList<>(List.of(INSTALL_DB, "--no-defaults", "--datadir=" + data, "--skip-test-db",
                "--auth-root-authentication-method=socket", "--skip-name-resolve"));
        install.addAll(asUser);
        Commands.Result installed = Commands.tryRun(Duration.ofSeconds(120), Map.of(), install);
        if (installed.exitCode() != 0) {
            throw new AssertionError("mariadb-install-db failed:\n" + installed.output());
        }
        int port = FreePorts.on(address);
        List<String> server = new ArrayList<>(List.of(SERVER, "--no-defaults", "--datadir=" + data,
                "--bind-address=" + address, "--port=" + port, "--socket=" + run.resolve("mariadb.sock"),
                "--pid-file=" + run.resolve("mariadb.pid"), "--skip-name-resolve", "--init-file=" + init,
                "--log-error=" + directory.resolve("mariadb-error.log"),
                // A test database need not survive a crash: skip the flushes, start and run faster.
                "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--skip-log-bin",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"));
        server.addAll(asUser);
        PeerProcess process = PeerProcess.start("mariadb", server, directory.resolve("mariadb.log"), Map.of(), "TERM");
        MariaDbPeer peer = new MariaDbPeer(address, port, user, password, directory, process);
        try {
            process.awaitPort(address, port, Duration.ofSeconds(60));
            peer.awaitLogin();
        } catch (RuntimeException | Error e) {
            peer.close();
            throw new AssertionError("MariaDB did not start:\n" + PeerProcess.readLog(directory.resolve("mariadb-error.log")), e);
        }
        return peer;
    }

    private void awaitLogin() {
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Connection c = DriverManager.getConnection(serverUrl(), user, password)) {
                return;
            } catch (SQLException e) {
                last = e;
                Ports.sleep(100);
            }
        }
        throw new AssertionError("MariaDB never accepted the test user's login", last);
    }

    /** The server, without a database. */
    public String serverUrl() {
        return "jdbc:mariadb://" + address + ":" + port + "/";
    }

    /** A database on this server (create it first, e.g. with {@link #createDatabase}). */
    public String jdbcUrl(String database) {
        return serverUrl() + database;
    }

    public void createDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl(), user, password); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
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
        return PeerProcess.readLog(directory.resolve("mariadb-error.log"));
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
