package org.federationgateway.testing.lab;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.federationgateway.standalone.ComponentGateway;
import org.federationgateway.standalone.Launcher;
import org.federationgateway.standalone.StandaloneConfig;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.EjabberdPeer;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;

/**
 * The federation lab on one /24 of loopback: local Prosody a.test with the gateway as its component sip.a.test,
 * partner Prosody b.test (user juliet), non-partner Prosody c.test (user carol), optionally partner ejabberd
 * e.test (user ethan), Kamailio for a.test as the SIP front end, and the gateway itself. Everything is real.
 */
public final class Lab implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final String SECRET = "lab-secret";

    private final String prefix;
    private final String name;
    private final TestCertificates certificates;
    private final TestHosts hosts;
    private ProsodyPeer local;
    private ProsodyPeer partner;
    private ProsodyPeer stranger;
    private EjabberdPeer ejabberd;
    private KamailioPeer kamailio;
    private ComponentGateway gateway;
    private org.federationgateway.testing.peers.PeerProcess gatewayProcess;
    private OpenfireServer openfire;
    private OpenfireServer openfire2;
    private org.federationgateway.testing.peers.PostgresPeer database;
    private java.util.Map<String, String> gatewayOverrides = java.util.Map.of();
    private java.util.List<String> partnerUsers = java.util.List.of();

    private Lab(String prefix, String name) {
        this(prefix, name, false);
    }

    /** @param cluster a.test is two Openfire nodes, at .1 and .7: the partners know both addresses */
    private Lab(String prefix, String name, boolean cluster) {
        this.prefix = prefix;
        this.name = name;
        this.certificates = TestCertificates.create(PeerDirectories.fresh(name + "/certs"));
        TestHosts.Builder h = TestHosts.builder().add("a.test", ip(1)).add("sip.a.test", ip(1)).add("b.test", ip(2)).add("c.test", ip(3))
                .add("e.test", ip(4));
        if (cluster) {
            h.alsoAt("a.test", ip(7)).alsoAt("sip.a.test", ip(7));
        }
        this.hosts = h.build();
    }

    /** @param prefix e.g. {@code 127.0.78}: .1 a.test, .2 b.test, .3 c.test, .4 e.test, .5 Kamailio, .6 gateway, .10+ phones */
    public static Lab start(String prefix, String name, boolean withEjabberd) throws Exception {
        return start(prefix, name, withEjabberd, null);
    }

    /** As above; with {@code gatewayJar} the gateway runs as its own process from the standalone jar. */
    public static Lab start(String prefix, String name, boolean withEjabberd, java.nio.file.Path gatewayJar) throws Exception {
        return start(prefix, name, withEjabberd, gatewayJar, java.util.Map.of());
    }

    /** As above, with gateway properties that differ from {@link #gatewayConfig()}'s. */
    public static Lab start(String prefix, String name, boolean withEjabberd, java.nio.file.Path gatewayJar,
                            java.util.Map<String, String> gatewayOverrides) throws Exception {
        return start(prefix, name, withEjabberd, gatewayJar, gatewayOverrides, java.util.List.of());
    }

    /** As above, with further users of b.test besides juliet (password secret), for {@link #partnerUser}. */
    public static Lab start(String prefix, String name, boolean withEjabberd, java.nio.file.Path gatewayJar,
                            java.util.Map<String, String> gatewayOverrides, java.util.List<String> partnerUsers) throws Exception {
        Lab lab = new Lab(prefix, name);
        lab.gatewayOverrides = java.util.Map.copyOf(gatewayOverrides);
        lab.partnerUsers = java.util.List.copyOf(partnerUsers);
        try {
            lab.startKamailio();
            lab.startLocal();
            lab.partner = lab.partnerServer().start();
            lab.stranger = lab.prosody("c.test", lab.ip(3), "carol").start();
            if (withEjabberd) {
                lab.ejabberd = EjabberdPeer.builder("e.test", lab.ip(4)).mode(S2sMode.SECURE).tls(lab.certificates, lab.certificates.issue("e.test"))
                        .hosts(lab.hosts).account("ethan", "secret").directory(PeerDirectories.fresh(name + "/e.test")).start();
            }
            if (gatewayJar == null) {
                lab.gateway = ComponentGateway.start(StandaloneConfig.from(lab.gatewayConfig()));
                lab.awaitComponent();
            } else {
                lab.startGatewayProcess(gatewayJar);
            }
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /**
     * The lab with a.test served by the Openfire installed at {@code installation} with the plugin
     * {@code pluginJar} (component addressing: SIP users at sip.a.test, as with the standalone gateway).
     */
    public static Lab startWithOpenfire(String prefix, String name, java.nio.file.Path installation, java.nio.file.Path pluginJar) throws Exception {
        return startWithOpenfire(prefix, name, installation, pluginJar, true);
    }

    /** As above; without ejabberd (e.test) nothing is written to /etc/hosts (the load harness's Openfire lab). */
    public static Lab startWithOpenfire(String prefix, String name, java.nio.file.Path installation, java.nio.file.Path pluginJar,
                                        boolean withEjabberd) throws Exception {
        Lab lab = new Lab(prefix, name);
        try {
            lab.startKamailio();
            String dns = "{b.test," + lab.ip(2) + ":5269},{c.test," + lab.ip(3) + ":5269},{e.test," + lab.ip(4) + ":5269}";
            lab.openfire = LabOpenfire.start(installation, pluginJar, name, lab.ip(1), lab.ip(6), lab.ip(5), dns, lab.certificates,
                    java.util.List.of("b.test", "e.test"));
            lab.partner = lab.prosody("b.test", lab.ip(2), "juliet").start();
            lab.stranger = lab.prosody("c.test", lab.ip(3), "carol").start();
            if (withEjabberd) {
                lab.ejabberd = EjabberdPeer.builder("e.test", lab.ip(4)).mode(S2sMode.SECURE).tls(lab.certificates, lab.certificates.issue("e.test"))
                        .hosts(lab.hosts).account("ethan", "secret").directory(PeerDirectories.fresh(name + "/e.test")).start();
            }
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /**
     * The lab with a.test served by two clustered Openfire nodes copied from {@code installation} (.1 and .7, one
     * PostgreSQL at .9, Openfire's Hazelcast clustering plugin {@code hazelcastJar}), each node's SIP endpoint on its own
     * address (.6 and .8), and Kamailio dispatching to both.
     */
    public static Lab startWithOpenfireCluster(String prefix, String name, java.nio.file.Path installation, java.nio.file.Path pluginJar,
                                               java.nio.file.Path hazelcastJar) throws Exception {
        Lab lab = new Lab(prefix, name, true);
        try {
            lab.kamailio = KamailioPeer.builder("a.test", lab.ip(5)).dispatcher(java.util.List.of(lab.ip(6), lab.ip(8)), 5060, "tcp")
                    .directory(PeerDirectories.fresh(name + "/kamailio")).start();
            lab.database = org.federationgateway.testing.peers.PostgresPeer.start(lab.ip(9), "openfire", "openfire", "secret",
                    PeerDirectories.fresh(name + "/postgres"));
            String dns = "{b.test," + lab.ip(2) + ":5269},{c.test," + lab.ip(3) + ":5269},{e.test," + lab.ip(4) + ":5269}";
            OpenfireServer[] nodes = LabOpenfire.startCluster(installation, pluginJar, hazelcastJar, name, lab.database,
                    new String[] {lab.ip(1), lab.ip(7)}, new String[] {lab.ip(6), lab.ip(8)}, lab.ip(5), dns, lab.certificates,
                    java.util.List.of("b.test", "e.test"));
            lab.openfire = nodes[0];
            lab.openfire2 = nodes[1];
            lab.partner = lab.prosody("b.test", lab.ip(2), "juliet").start();
            lab.stranger = lab.prosody("c.test", lab.ip(3), "carol").start();
            lab.ejabberd = EjabberdPeer.builder("e.test", lab.ip(4)).mode(S2sMode.SECURE).tls(lab.certificates, lab.certificates.issue("e.test"))
                    .hosts(lab.hosts).account("ethan", "secret").directory(PeerDirectories.fresh(name + "/e.test")).start();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    public String ip(int host) {
        return prefix + "." + host;
    }

    private ProsodyPeer.Builder prosody(String domain, String ip, String user) {
        ProsodyPeer.Builder b = ProsodyPeer.builder(domain, ip).mode(S2sMode.SECURE).tls(certificates, certificates.issue(domain)).hosts(hosts)
                .directory(PeerDirectories.fresh(name + "/" + domain));
        return user == null ? b : b.account(user, "secret");
    }

    public Properties gatewayConfig() {
        Properties p = new Properties();
        p.setProperty("component.domain", "sip.a.test");
        p.setProperty("component.server.host", ip(1));
        p.setProperty("component.server.port", "5347");
        p.setProperty("component.secret", SECRET);
        p.setProperty("component.reconnect.minMillis", "100");
        p.setProperty("component.reconnect.maxMillis", "1000");
        p.setProperty("sip.listen.address", ip(6));
        p.setProperty("sip.listen.port", "5060");
        p.setProperty("sip.listen.transports", "udp,tcp");
        p.setProperty("sip.frontEnd.host", ip(5));
        p.setProperty("sip.frontEnd.port", "5060");
        p.setProperty("sip.frontEnd.transport", "tcp");
        p.setProperty("sip.keepAlive", "5");
        p.setProperty("db.url", "jdbc:hsqldb:mem:" + UUID.randomUUID());
        p.setProperty("policy.partners", "b.test:federated, e.test:federated");
        p.setProperty("policy.global.xmppAccess", "true");
        gatewayOverrides.forEach(p::setProperty);
        return p;
    }

    // ---- the pieces, for tests and faults ----

    public void startKamailio() {
        kamailio = KamailioPeer.builder("a.test", ip(5)).gateway(ip(6), 5060, "tcp").directory(PeerDirectories.fresh(name + "/kamailio")).start();
    }

    public void stopKamailio() {
        kamailio.close();
    }

    public void startLocal() {
        // lab.localUser: an XMPP user of a.test itself, for the native-federation figure of the load harness
        local = prosody("a.test", ip(1), System.getProperty("lab.localUser")).component("sip.a.test", SECRET, 5347).start();
    }

    public void stopLocal() {
        local.close();
    }

    /** Stops b.test's server (its users' clients are disconnected); {@link #startPartner} brings it back. */
    public void stopPartner() {
        partner.close();
    }

    public void startPartner() {
        partner = partnerServer().start();
    }

    private ProsodyPeer.Builder partnerServer() {
        ProsodyPeer.Builder b = prosody("b.test", ip(2), "juliet");
        partnerUsers.forEach(u -> b.account(u, "secret"));
        return b;
    }

    /**
     * The lab with the gateway as its own process, started from this JVM's class path with the main class the
     * standalone jar's manifest names ({@code Launcher}): the classes under test, run as the jar runs them (an IT
     * runs before the standalone module packages its jar). Its database is an HSQLDB file in its directory, kept
     * when the process is killed ({@link #killGateway}) and started again ({@link #startGatewayAgain}).
     */
    public static Lab startWithGatewayProcess(String prefix, String name, java.util.Map<String, String> gatewayOverrides) throws Exception {
        Lab lab = new Lab(prefix, name);
        lab.gatewayOverrides = java.util.Map.copyOf(gatewayOverrides);
        try {
            lab.startKamailio();
            lab.startLocal();
            lab.partner = lab.prosody("b.test", lab.ip(2), "juliet").start();
            lab.stranger = lab.prosody("c.test", lab.ip(3), "carol").start();
            lab.startGatewayProcess(null);
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private java.nio.file.Path gatewayDir;
    private java.util.List<String> gatewayCommand;
    private static final java.util.regex.Pattern COMPONENT_AUTHENTICATED =
            java.util.regex.Pattern.compile("sip\\.a\\.test:component\\s+info\\s+External component successfully authenticated");
    private static final java.util.regex.Pattern SIP_SERVING = java.util.regex.Pattern.compile("SIP bridge \\S+ serving on");

    /** @param jar the standalone jar, or null for this JVM's class path and the jar's main class */
    private void startGatewayProcess(java.nio.file.Path jar) throws java.io.IOException {
        java.nio.file.Path dir = PeerDirectories.fresh(name + "/gateway");
        gatewayDir = dir;
        Properties p = gatewayConfig();
        p.setProperty("db.url", "jdbc:hsqldb:file:" + dir.resolve("db/gateway") + ";shutdown=true");
        java.nio.file.Path props = dir.resolve("gateway.properties");
        try (var out = java.nio.file.Files.newOutputStream(props)) {
            p.store(out, "written by the lab");
        }
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // JVM options for the gateway process (the load harness records a JFR profile through them)
        String jvmOptions = System.getProperty("lab.gateway.jvmOptions", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(java.util.List.of(jvmOptions.split("\\s+")));
        }
        if (jar != null) {
            command.addAll(java.util.List.of("-jar", jar.toString(), props.toString()));
        } else {
            command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), props.toString()));
        }
        gatewayCommand = java.util.List.copyOf(command);
        runGatewayProcess();
    }

    /** Starts the gateway process and waits until its component link is authenticated and its SIP endpoint serves. */
    private void runGatewayProcess() {
        long authenticated = COMPONENT_AUTHENTICATED.matcher(local.log()).results().count();
        java.nio.file.Path log = gatewayDir.resolve("gateway.log");
        long serving = SIP_SERVING.matcher(org.federationgateway.testing.peers.PeerProcess.readLog(log)).results().count();
        gatewayProcess = org.federationgateway.testing.peers.PeerProcess.start("gateway", gatewayCommand, log);
        gatewayProcess.awaitCondition("the component link authenticated at a.test", TIMEOUT,
                () -> COMPONENT_AUTHENTICATED.matcher(local.log()).results().count() > authenticated);
        gatewayProcess.awaitCondition("the SIP endpoint serving", TIMEOUT,
                () -> SIP_SERVING.matcher(gatewayProcess.log()).results().count() > serving);
    }

    /** Kills the gateway process with SIGKILL (no shutdown hook runs, nothing is closed) and waits until it is gone. */
    public void killGateway() {
        org.federationgateway.testing.peers.Commands.signal(gatewayProcess.pid(), "KILL");
        if (!gatewayProcess.awaitExit(java.time.Duration.ofSeconds(10))) {
            throw new AssertionError("the gateway process survived SIGKILL");
        }
        gatewayProcess.close();
    }

    /** Starts the gateway process again over the same properties and database, as after a crash. */
    public void startGatewayAgain() {
        runGatewayProcess();
    }

    /** The gateway process's log so far. */
    public String gatewayLog() {
        return gatewayProcess.log();
    }

    public void awaitComponent() {
        OpenfireServer.await("the component link", TIMEOUT, () -> gateway.componentHost().status().connected());
    }

    public ComponentGateway gateway() {
        return gateway;
    }

    public KamailioPeer kamailio() {
        return kamailio;
    }

    public XmppClient juliet() {
        return XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")));
    }

    /** A user of b.test given to {@link #start} as one of its partner users, signed in. */
    public XmppClient partnerUser(String user) {
        return XmppClient.connect(partner.clientSettings(new XmppAccount(user, "b.test", "secret")));
    }

    /** The a.test user named by the system property lab.localUser (password secret), signed in. */
    public XmppClient localUser() {
        XmppAccount account = new XmppAccount(System.getProperty("lab.localUser"), "a.test", "secret");
        if (local == null && openfire != null) {
            return XmppClient.connect(new XmppClient.Settings(account, openfire.address(), 5222, certificates.trustManager()));
        }
        return XmppClient.connect(local.clientSettings(account));
    }

    public XmppClient carol() {
        return XmppClient.connect(stranger.clientSettings(new XmppAccount("carol", "c.test", "secret")));
    }

    public XmppClient ethan() {
        return XmppClient.connect(ejabberd.clientSettings(new XmppAccount("ethan", "e.test", "secret")));
    }

    /** The CA every lab server's certificate is issued by (for third-party clients). */
    public java.nio.file.Path caFile() {
        return certificates.caCertificatePem();
    }

    /** juliet@b.test on slixmpp, its control socket at {@code ip(30 + n)}. */
    public org.federationgateway.testing.peers.SlixmppPeer julietOnSlixmpp(int n) {
        return org.federationgateway.testing.peers.SlixmppPeer.start(new XmppAccount("juliet", "b.test", "secret"), ip(2), 5222, caFile(),
                ip(30 + n), PeerDirectories.fresh(name + "/slixmpp-" + n));
    }

    /** A baresip user at {@code ip(20 + n)} registered at Kamailio over TCP, with {@code contact} as its one contact. */
    public org.federationgateway.testing.peers.BaresipPeer baresip(String user, int n, String contact, boolean presence) {
        org.federationgateway.testing.peers.BaresipPeer b = org.federationgateway.testing.peers.BaresipPeer.start("sip:" + user + "@a.test",
                ip(20 + n), ip(5) + ":5060", contact, presence, PeerDirectories.fresh(name + "/baresip-" + user));
        try {
            b.awaitRegistered(TIMEOUT);
            return b;
        } catch (RuntimeException | Error e) {
            b.close();
            throw e;
        }
    }

    /**
     * A Linphone user at {@code ip(40 + n)}, in its own network namespace, registered at Kamailio over TCP through a
     * relay, subscribed to the presence of {@code friends}.
     */
    public org.federationgateway.testing.peers.LinphonePeer linphone(String user, int n, java.util.List<String> friends) {
        org.federationgateway.testing.peers.LinphonePeer l = org.federationgateway.testing.peers.LinphonePeer.start("sip:" + user + "@a.test",
                ip(40 + n), ip(5), friends, PeerDirectories.fresh(name + "/linphone-" + user));
        try {
            l.awaitRegistered(TIMEOUT);
            return l;
        } catch (RuntimeException | Error e) {
            l.close();
            throw e;
        }
    }

    /** A phone registered at Kamailio over TCP, at {@code ip(10 + n)}. */
    public SipUserAgent phone(String user, int n) {
        SipUserAgent ua = new SipUserAgent(user, "a.test", ip(10 + n), 5080 + n, "tcp", ip(5) + ":5060");
        if (ua.register(300) != 200) {
            ua.close();
            throw new AssertionError(user + " could not register at Kamailio");
        }
        return ua;
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, gatewayProcess, ejabberd, stranger, partner, local, openfire2, openfire, database, kamailio}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }
}
