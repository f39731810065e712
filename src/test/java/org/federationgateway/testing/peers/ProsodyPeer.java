package org.federationgateway.testing.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.federationgateway.testing.Ports;

/**
 * One Prosody 0.12 serving one domain on one loopback address, started in the foreground from a generated
 * config and stopped by PID. One process per domain: two VirtualHosts in one Prosody would route
 * locally and never use S2S.
 */
public final class ProsodyPeer implements AutoCloseable {
    public static final String PROSODY = "/usr/bin/prosody";
    public static final String PROSODYCTL = "/usr/bin/prosodyctl";
    public static final int C2S_PORT = 5222;
    public static final int S2S_PORT = 5269;

    private final Builder settings;
    private final Path config;
    private final PeerProcess process;

    private ProsodyPeer(Builder settings, Path config, PeerProcess process) {
        this.settings = settings;
        this.config = config;
        this.process = process;
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

    public S2sMode mode() {
        return settings.mode;
    }

    public int c2sPort() {
        return C2S_PORT;
    }

    public int s2sPort() {
        return S2S_PORT;
    }

    public long pid() {
        return process.pid();
    }

    public Path config() {
        return config;
    }

    /** Prosody's debug log: S2S authentication, certificate checks, stanzas. */
    public String log() {
        return PeerProcess.readLog(settings.directory.resolve("prosody.log"));
    }

    public String awaitLog(Pattern pattern, Duration timeout) {
        return PeerProcess.awaitLog("prosody " + domain(), this::log, pattern, timeout);
    }

    /** Client connection settings for an account on this server, trusting the test CA when TLS is on. */
    public XmppClient.Settings clientSettings(XmppAccount account) {
        return new XmppClient.Settings(account, address(), C2S_PORT,
                settings.mode == S2sMode.PLAIN ? null : settings.certificates.trustManager());
    }

    @Override
    public void close() {
        // SIGTERM: Prosody closes its streams and logs "Shutdown complete" within about a second.
        process.stop(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "prosody " + domain() + " on " + address() + " (" + settings.mode + ", " + process + ")";
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

        private Builder(String domain, String address) {
            Ports.requireLoopback(address);
            this.domain = domain;
            this.address = address;
        }

        public Builder mode(S2sMode value) {
            this.mode = value;
            return this;
        }

        /** The CA (trusted in SECURE mode) and this server's certificate, issued by it or a broken variant. */
        public Builder tls(TestCertificates ca, IssuedCertificate serverCertificate) {
            this.certificates = ca;
            this.certificate = serverCertificate;
            return this;
        }

        /** Every test domain this server may have to reach (its private hosts file). */
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

        /**
         * A component this server lets send stanzas from any address ({@code validate_from_addresses = false}, a
         * setting some deployments use for bridges of their own): what a hostile or broken component then passes on.
         */
        public Builder componentSendingAnyFrom(String componentDomain, String secret, int port) {
            components.add(new ExternalComponent(componentDomain, secret, port, false));
            return this;
        }

        /** Scratch directory; default {@code target/peers/prosody-<domain>}. Wiped on start. */
        public Builder directory(Path value) {
            this.directory = value;
            return this;
        }

        public ProsodyPeer start() {
            PeerBinaries.require(PROSODY, "prosody");
            PeerBinaries.require(PROSODYCTL, "prosody");
            // Without lua-unbound, Prosody ignores the private hosts file and asks the real DNS.
            PeerBinaries.requirePackage("lua-unbound");
            if (certificates == null || hosts == null) {
                throw new IllegalStateException("tls(...) and hosts(...) are required");
            }
            if (directory == null) {
                directory = PeerDirectories.fresh("prosody-" + domain);
            } else {
                PeerDirectories.wipe(directory);
            }
            PeerDirectories.copy(certificate.certificatePem(), directory.resolve("certs/" + domain + ".crt"));
            PeerDirectories.copy(certificate.keyPem(), directory.resolve("certs/" + domain + ".key"));
            hosts.writeHostsFile(directory.resolve("hosts"));
            Path config = PeerDirectories.write(directory.resolve("prosody.cfg.lua"), ProsodyConfig.render(this));
            for (XmppAccount account : accounts) {
                // Works while Prosody is stopped: it writes straight into data_path.
                Commands.run(Duration.ofSeconds(20), PROSODYCTL, "--config", config.toString(),
                        "register", account.username(), account.domain(), account.password());
            }
            PeerProcess process = PeerProcess.start("prosody " + domain,
                    List.of(PROSODY, "-F", "--config", config.toString()), directory.resolve("console.log"));
            ProsodyPeer peer = new ProsodyPeer(this, config, process);
            try {
                process.awaitPort(address, C2S_PORT, Duration.ofSeconds(15));
                process.awaitPort(address, S2S_PORT, Duration.ofSeconds(5));
                for (ExternalComponent component : components) {
                    process.awaitPort(address, component.port(), Duration.ofSeconds(5));
                }
            } catch (RuntimeException | Error e) {
                peer.close();
                throw e;
            }
            return peer;
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

        Path caFile() {
            return certificates.caCertificatePem();
        }

        List<ExternalComponent> components() {
            return components;
        }

        String componentPorts() {
            return components.stream().map(c -> Integer.toString(c.port())).distinct().collect(Collectors.joining(", "));
        }
    }
}
