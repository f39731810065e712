package org.federationgateway.testing.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * One ejabberd 23.01 serving one domain on one loopback address: {@code ejabberdctl --config-dir DIR foreground}
 * with its own ejabberdctl.cfg, run as the ejabberd user (ejabberdctl switches to it when started as root), stopped
 * with {@code ejabberdctl stop} and then by PID. It resolves peers only through getaddrinfo, so it runs with a private
 * /etc/hosts holding the test domains ({@link PrivateHosts}); where a mount namespace is not available, they are
 * written into the machine's /etc/hosts for its lifetime instead ({@link EtcHostsBlock}). Both need root.
 */
public final class EjabberdPeer implements AutoCloseable {
    public static final String EJABBERDCTL = "/usr/sbin/ejabberdctl";
    public static final String USER = "ejabberd";
    public static final int C2S_PORT = 5222;
    public static final int S2S_PORT = 5269;
    private static final int EPMD_PORT = 4369;

    private final Builder settings;
    private final PeerProcess process;
    private final EtcHostsBlock etcHosts;
    private final boolean epmdWasRunning;

    private EjabberdPeer(Builder settings, PeerProcess process, EtcHostsBlock etcHosts, boolean epmdWasRunning) {
        this.settings = settings;
        this.process = process;
        this.etcHosts = etcHosts;
        this.epmdWasRunning = epmdWasRunning;
    }

    public static Builder builder(String domain, String loopbackAddress) {
        return new Builder(domain, loopbackAddress);
    }

    public String domain() {
        return settings.domain;
    }

    public String address() {
        return settings.address;
    }

    public long pid() {
        return process.pid();
    }

    /** ejabberd.log: S2S authentication ("Accepted inbound s2s EXTERNAL authentication ..."), errors. */
    public String log() {
        return PeerProcess.readLog(settings.directory.resolve("logs/ejabberd.log"));
    }

    public String awaitLog(Pattern pattern, Duration timeout) {
        return PeerProcess.awaitLog("ejabberd " + domain(), this::log, pattern, timeout);
    }

    public XmppClient.Settings clientSettings(XmppAccount account) {
        return new XmppClient.Settings(account, address(), C2S_PORT,
                settings.mode == S2sMode.PLAIN ? null : settings.certificates.trustManager());
    }

    /** Runs an ejabberdctl command against this node (e.g. {@code register}, {@code add_rosteritem}). */
    public String ctl(String... arguments) {
        return Commands.run(Duration.ofSeconds(30), settings.ctlCommand(arguments));
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                // A clean stop through the node; the foreground chain (ejabberdctl, su, beam) then exits by itself.
                Commands.tryRun(Duration.ofSeconds(20), Map.of(), List.of(settings.ctlCommand("stop")));
                process.awaitExit(Duration.ofSeconds(10));
            }
        } finally {
            process.stop(Duration.ofSeconds(5));
            stopEpmdIfOurs();
            if (etcHosts != null) {
                etcHosts.close();
            }
        }
    }

    /**
     * ERL_DIST_PORT keeps epmd from starting at all; should one appear anyway (say, a different ejabberdctl), stop it
     * by PID, but only if it was not there before and no other node has registered with it.
     */
    private void stopEpmdIfOurs() {
        if (epmdWasRunning || !Ports.isOpen("127.0.0.1", EPMD_PORT)) {
            return;
        }
        String names = Commands.tryRun(Duration.ofSeconds(10), Map.of(), List.of("epmd", "-names")).output();
        if (names.contains("name ")) {
            return; // another Erlang node relies on it
        }
        ListeningProcesses.pidOf("127.0.0.1", EPMD_PORT).ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    }

    @Override
    public String toString() {
        return "ejabberd " + domain() + " on " + address() + " (" + settings.mode + ", " + process + ")";
    }

    public static final class Builder {
        private final String domain;
        private final String address;
        private S2sMode mode = S2sMode.SECURE;
        private TestCertificates certificates;
        private IssuedCertificate certificate;
        private TestHosts hosts;
        private Path directory;
        private final List<XmppAccount> accounts = new ArrayList<>();
        private final List<ExternalComponent> components = new ArrayList<>();
        private String node;
        private int distributionPort;

        private Builder(String domain, String address) {
            Ports.requireLoopback(address);
            this.domain = domain;
            this.address = address;
        }

        public Builder mode(S2sMode value) {
            this.mode = value;
            return this;
        }

        public Builder tls(TestCertificates ca, IssuedCertificate serverCertificate) {
            this.certificates = ca;
            this.certificate = serverCertificate;
            return this;
        }

        /** Every test domain this server may have to reach; what it sees as /etc/hosts while it runs. */
        public Builder hosts(TestHosts value) {
            this.hosts = value;
            return this;
        }

        public Builder account(String username, String password) {
            accounts.add(new XmppAccount(username, domain, password));
            return this;
        }

        public Builder component(String componentDomain, String secret, int port) {
            components.add(new ExternalComponent(componentDomain, secret, port));
            return this;
        }

        /** Scratch directory; default {@code target/peers/ejabberd-<domain>}. Wiped on start (users live in its spool). */
        public Builder directory(Path value) {
            this.directory = value;
            return this;
        }

        public EjabberdPeer start() {
            PeerBinaries.require(EJABBERDCTL, "ejabberd");
            if (!PeerBinaries.isRoot()) {
                // The private /etc/hosts (a mount namespace) and ejabberdctl's switch to the ejabberd user both need root.
                PeerBinaries.unavailable("ejabberd tests need root (ejabberd resolves the test domains only through /etc/hosts)");
            }
            if (certificates == null || hosts == null) {
                throw new IllegalStateException("tls(...) and hosts(...) are required");
            }
            if (directory == null) {
                directory = PeerDirectories.fresh("ejabberd-" + domain);
            } else {
                PeerDirectories.wipe(directory);
            }
            // A long name at the peer's own address (ejabberdctl then uses -name): the Erlang distribution listens
            // there and nowhere else, beside the peer's XMPP ports. Unique per JVM so parallel runs do not clash.
            node = "fgwtest_" + domain.replaceAll("[^A-Za-z0-9]", "_") + "_" + ProcessHandle.current().pid() + "@" + address;
            distributionPort = FreePorts.on(address);
            Path conf = directory.resolve("conf");
            certificate.writeCombinedPem(conf.resolve(domain + ".pem"));
            PeerDirectories.copy(certificates.caCertificatePem(), conf.resolve("ca.crt"));
            PeerDirectories.copy(Path.of("/etc/ejabberd/inetrc"), conf.resolve("inetrc"));
            PeerDirectories.write(conf.resolve("ejabberdctl.cfg"), EjabberdConfig.ejabberdctlCfg(this, node, distributionPort));
            PeerDirectories.write(conf.resolve("ejabberd.yml"), EjabberdConfig.ejabberdYml(this));
            PeerDirectories.write(directory.resolve("spool/.keep"), "");
            PeerDirectories.write(directory.resolve("logs/.keep"), "");
            PeerDirectories.chown(directory, USER);

            boolean epmdWasRunning = Ports.isOpen("127.0.0.1", EPMD_PORT);
            List<String> command = List.of(EJABBERDCTL, "--config-dir", conf.toString(), "foreground");
            EtcHostsBlock etcHosts = null;
            if (PrivateHosts.available()) {
                command = PrivateHosts.wrap(conf.resolve("hosts"), hosts, command);
            } else {
                etcHosts = EtcHostsBlock.install(hosts);
            }
            PeerProcess process = PeerProcess.start("ejabberd " + domain, command, directory.resolve("console.log"));
            EjabberdPeer peer = new EjabberdPeer(this, process, etcHosts, epmdWasRunning);
            try {
                process.awaitPort(address, C2S_PORT, Duration.ofSeconds(30));
                process.awaitPort(address, S2S_PORT, Duration.ofSeconds(5));
                for (ExternalComponent component : components) {
                    process.awaitPort(address, component.port(), Duration.ofSeconds(5));
                }
                for (XmppAccount account : accounts) {
                    register(account);
                }
            } catch (RuntimeException | Error e) {
                peer.close();
                throw e;
            }
            return peer;
        }

        /** Listeners come up before every command is registered: retry briefly. */
        private void register(XmppAccount account) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (true) {
                Commands.Result result = Commands.tryRun(Duration.ofSeconds(20), Map.of(),
                        List.of(ctlCommand("register", account.username(), account.domain(), account.password())));
                if (result.exitCode() == 0) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("ejabberdctl register " + account.bareJid() + " failed:\n" + result.output());
                }
                Ports.sleep(200);
            }
        }

        String[] ctlCommand(String... arguments) {
            List<String> command = new ArrayList<>(List.of(EJABBERDCTL, "--config-dir", directory.resolve("conf").toString()));
            command.addAll(List.of(arguments));
            return command.toArray(String[]::new);
        }

        String domain() {
            return domain;
        }

        String address() {
            return address;
        }

        S2sMode mode() {
            return mode;
        }

        Path directory() {
            return directory;
        }

        List<ExternalComponent> components() {
            return components;
        }
    }
}
