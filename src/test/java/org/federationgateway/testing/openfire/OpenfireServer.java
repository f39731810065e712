package org.federationgateway.testing.openfire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.federationgateway.testing.Ports;

/**
 * A scratch copy of an installed Openfire, set up headless with autosetup on one loopback address
 * (openfire.xml <autosetup>), started as a plain process and stopped by its PID.
 */
public final class OpenfireServer implements AutoCloseable {
    public static final int ADMIN_PORT = 9090;

    private final Path home;
    private final String address;
    private final String domain;
    private final String javaOptions;
    private Process process;

    private OpenfireServer(Path home, String address, String domain) {
        this(home, address, domain, "-Xmx512m");
    }

    private OpenfireServer(Path home, String address, String domain, String javaOptions) {
        this.home = home;
        this.address = address;
        this.domain = domain;
        this.javaOptions = javaOptions;
    }

    /**
     * One node of an Openfire cluster: the shared database in standard mode, clustering on,
     * Hazelcast joining the listed members over TCP on port 5701 of each node's own address, the clustering plugin
     * copied into plugins/.
     *
     * @param fqdn      this node's own host name (nodes share the XMPP domain, not the FQDN)
     * @param jdbcUrl   the shared PostgreSQL database
     * @param members   every node's address, this one included
     * @param hazelcast Openfire's Hazelcast clustering plugin jar
     */
    public record ClusterNode(String fqdn, String jdbcUrl, String dbUser, String dbPassword, List<String> members, Path hazelcast) {
    }

    public static OpenfireServer prepareClusterNode(Path installation, Path scratch, String address, String domain, String dnsOverride,
                                                    List<String> users, ClusterNode node) {
        Ports.requireLoopback(address);
        node.members().forEach(Ports::requireLoopback);
        try {
            deleteRecursively(scratch);
            copyRecursively(installation, scratch);
            Files.createDirectories(scratch.resolve("logs"));
            String database = "<database><mode>standard</mode><defaultProvider><driver>org.postgresql.Driver</driver><serverURL>"
                    + node.jdbcUrl() + "</serverURL><username>" + node.dbUser() + "</username><password>" + node.dbPassword()
                    + "</password><minConnections>2</minConnections><maxConnections>15</maxConnections>"
                    + "<connectionTimeout>1.0</connectionTimeout></defaultProvider></database>";
            String xml = autosetupXml(address, domain, dnsOverride, users, node.fqdn(),
                    "org.jivesoftware.database.DefaultConnectionProvider", database, "<clustering><enabled>true</enabled></clustering>");
            Files.writeString(scratch.resolve("conf/openfire.xml"), xml, StandardCharsets.UTF_8);
            StringBuilder members = new StringBuilder();
            node.members().forEach(m -> members.append("<member>").append(m).append(":5701</member>"));
            Files.writeString(scratch.resolve("conf/hazelcast-local-config.xml"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\">\n"
                    + "  <network>\n    <public-address>" + address + ":5701</public-address>\n"
                    + "    <port auto-increment=\"false\">5701</port>\n"
                    + "    <join><auto-detection enabled=\"false\"/><multicast enabled=\"false\"/><tcp-ip enabled=\"true\">" + members
                    + "</tcp-ip></join>\n  </network>\n</hazelcast>\n", StandardCharsets.UTF_8);
            Files.createDirectories(scratch.resolve("plugins"));
            Files.copy(node.hazelcast(), scratch.resolve("plugins/hazelcast.jar"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenfireServer(scratch, address, domain,
                "-Xmx512m -Dhazelcast.local.localAddress=" + address + " -Dhazelcast.socket.bind.any=false");
    }

    /** An external database for Openfire's standard mode: the JDBC driver class (one Openfire ships in lib/), URL and login. */
    public record StandardDatabase(String driver, String jdbcUrl, String user, String password) {
        String xml() {
            return "<database><mode>standard</mode><defaultProvider><driver>" + driver + "</driver><serverURL>"
                    + jdbcUrl.replace("&", "&amp;") + "</serverURL><username>" + user + "</username><password>" + password
                    + "</password><minConnections>2</minConnections><maxConnections>15</maxConnections>"
                    + "<connectionTimeout>1.0</connectionTimeout></defaultProvider></database>";
        }
    }

    /** As {@link #prepare}, with Openfire's own tables (and the plugin's) in an external database, standard mode. */
    public static OpenfireServer prepareOnDatabase(Path installation, Path scratch, String address, String domain, StandardDatabase database) {
        return prepareOnDatabase(installation, scratch, address, domain, "", database);
    }

    /** As above, with a DNS override ({@code {b.test,127.0.0.3:5269},...}) so the server finds its peers without DNS. */
    public static OpenfireServer prepareOnDatabase(Path installation, Path scratch, String address, String domain, String dnsOverride,
                                                   StandardDatabase database) {
        Ports.requireLoopback(address);
        try {
            deleteRecursively(scratch);
            copyRecursively(installation, scratch);
            Files.createDirectories(scratch.resolve("logs"));
            Files.writeString(scratch.resolve("conf/openfire.xml"), autosetupXml(address, domain, dnsOverride, List.of(), domain,
                    "org.jivesoftware.database.DefaultConnectionProvider", database.xml(), ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenfireServer(scratch, address, domain);
    }

    /** Copies the installation into {@code scratch} and writes an autosetup configuration for {@code domain}. */
    public static OpenfireServer prepare(Path installation, Path scratch, String address, String domain) {
        return prepare(installation, scratch, address, domain, "", List.of());
    }

    /**
     * As above, with a DNS override ({@code {b.test,127.0.0.3:5269},...}) so the server finds its peers without
     * DNS, and extra users (password "secret") besides alice.
     */
    public static OpenfireServer prepare(Path installation, Path scratch, String address, String domain, String dnsOverride, List<String> users) {
        Ports.requireLoopback(address);
        try {
            deleteRecursively(scratch);
            copyRecursively(installation, scratch);
            Files.createDirectories(scratch.resolve("logs"));
            Files.writeString(scratch.resolve("conf/openfire.xml"), autosetupXml(address, domain, dnsOverride, users, domain,
                    "org.jivesoftware.database.EmbeddedConnectionProvider", "<database><mode>embedded</mode></database>", ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenfireServer(scratch, address, domain);
    }

    static String autosetupXml(String address, String domain, String dnsOverride, List<String> users, String fqdn,
                               String connectionProvider, String database, String extra) {
        StringBuilder extraUsers = new StringBuilder();
        for (int i = 0; i < users.size(); i++) {
            extraUsers.append("<user").append(i + 2).append("><username>").append(users.get(i)).append("</username><password>secret</password></user")
                    .append(i + 2).append(">");
        }
        String override = dnsOverride.isEmpty() ? "" : "<dnsutil><dnsOverride>" + dnsOverride + "</dnsOverride></dnsutil>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jive>
                  <adminConsole><port>%2$d</port><securePort>-1</securePort><interface>%1$s</interface></adminConsole>
                  <network><interface>%1$s</interface></network>
                  <locale>en</locale>
                  <connectionProvider><className>%7$s</className></connectionProvider>
                  <autosetup>
                    <run>true</run><locale>en</locale>
                    <xmpp><domain>%3$s</domain><fqdn>%6$s</fqdn><auth><anonymous>false</anonymous></auth></xmpp>
                    %8$s
                    <admin><email>admin@%3$s</email><password>adminpw</password></admin>
                    <users><user1><username>alice</username><password>secret</password><name>Alice</name><email>alice@%3$s</email></user1>%4$s</users>
                  </autosetup>
                  <xmpp>
                    <proxy><enabled>false</enabled></proxy>
                    <socket><ssl><certificate><strict-validation>false</strict-validation></certificate></ssl></socket>
                    <server><certificate><accept-selfsigned>true</accept-selfsigned></certificate></server>
                  </xmpp>
                  <plugins><loading><monitor><interval>2</interval></monitor></loading></plugins>
                  %5$s
                  %9$s
                </jive>
                """.formatted(address, ADMIN_PORT, domain, extraUsers, override, fqdn, connectionProvider, database, extra);
    }

    /** The same prepared copy, started with these JVM options (OPENFIRE_OPTS) instead of the default heap limit. */
    public OpenfireServer withJavaOptions(String options) {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        return new OpenfireServer(home, address, domain, options);
    }

    /** Adds elements to conf/openfire.xml before the first start (node-local settings such as a SIP listen address). */
    public void addToConfig(String xmlElements) {
        Path config = home.resolve("conf/openfire.xml");
        String xml = read(config);
        int end = xml.lastIndexOf("</jive>");
        try {
            Files.writeString(config, xml.substring(0, end) + xmlElements + "\n" + xml.substring(end), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the server. On the first start Openfire runs its autosetup and then stays in setup mode, so
     * once autosetup has rewritten openfire.xml the server is restarted, as an administrator would.
     */
    public void start(Duration timeout) {
        launch(timeout);
        Path config = home.resolve("conf/openfire.xml");
        if (read(config).contains("<autosetup>")) {
            await("Openfire's autosetup to finish", timeout, () -> !read(config).contains("<autosetup>"));
            close();
            launch(timeout);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec bash bin/openfire.sh")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/stdout.log").toFile()));
        // Not development mode: Openfire then skips its autosetup. The plugin monitor interval is set in openfire.xml.
        pb.environment().put("OPENFIRE_OPTS", javaOptions);
        // openfire.sh prefers OPENFIRE_HOME over its own location: it must run this copy, not the installation.
        pb.environment().remove("OPENFIRE_HOME");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Openfire in " + home, e);
        }
        Ports.awaitOpen(address, ADMIN_PORT, timeout);
    }

    public String adminUrl() {
        return "http://" + address + ":" + ADMIN_PORT;
    }

    public String address() {
        return address;
    }

    public String domain() {
        return domain;
    }

    public Path home() {
        return home;
    }

    public long pid() {
        return process.pid();
    }

    public Path pluginsDir() {
        return home.resolve("plugins");
    }

    /**
     * Gives the server a certificate issued by the tests' CA and trusts that CA for server-to-server TLS, so
     * peers using the same CA authenticate with SASL EXTERNAL (XEP-0178). Call before start.
     */
    public void useCertificate(Path pkcs12, char[] password, String alias, Path caPem) {
        Path security = home.resolve("resources/security");
        keytool("-importkeystore", "-noprompt", "-srckeystore", pkcs12.toString(), "-srcstoretype", "PKCS12",
                "-srcstorepass", new String(password), "-srcalias", alias, "-destkeystore", security.resolve("keystore").toString(),
                "-deststoretype", "JKS", "-deststorepass", "changeit", "-destalias", domain + "_rsa");
        keytool("-importcert", "-noprompt", "-alias", "federationgateway-test-ca", "-file", caPem.toString(),
                "-keystore", security.resolve("truststore").toString(), "-storepass", "changeit");
    }

    private static void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Installs the jar and waits until openfire.log has one more line containing {@code loadedMarker}. Nothing asks
     * for the plugin's pages before that: Openfire's PluginServlet answers a request for a plugin it does not know
     * yet with a NullPointerException in openfire.log ("pluginMetadata" is null), which would hide real errors.
     */
    public void installPluginAndAwait(Path jar, String canonicalName, String loadedMarker, Duration timeout) {
        long before = openfireLog().lines().filter(l -> l.contains(loadedMarker)).count();
        installPlugin(jar, canonicalName);
        await("openfire.log saying '" + loadedMarker + "'", timeout,
                () -> openfireLog().lines().filter(l -> l.contains(loadedMarker)).count() > before);
    }

    /** Drops a plugin jar into plugins/, as an administrator copying it there would. */
    public void installPlugin(Path jar, String canonicalName) {
        Path target = pluginsDir().resolve(canonicalName + ".jar");
        try {
            Path tmp = pluginsDir().resolve("." + canonicalName + ".jar.tmp");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            // A fresh modification time is how Openfire's plugin monitor notices a replaced jar.
            Files.setLastModifiedTime(tmp, FileTime.from(Instant.now()));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deletePlugin(String canonicalName) {
        try {
            Files.deleteIfExists(pluginsDir().resolve(canonicalName + ".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String openfireLog() {
        try {
            Path log = home.resolve("logs/openfire.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thread names of the running server, from the JDK's own jcmd. */
    public List<String> threadNames() {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.startsWith("\"")).map(l -> l.substring(1, l.indexOf('"', 1))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Ports.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
    }

    /** Kills the server at once (SIGKILL), as a crashed machine would leave it: no shutdown, no destroyPlugin. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts a server prepared before (and stopped or killed since) again, without autosetup. */
    public void restart(Duration timeout) {
        launch(timeout);
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Openfire shuts down cleanly, calling destroyPlugin
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
