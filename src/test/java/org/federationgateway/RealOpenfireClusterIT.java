package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.PostgresPeer;
import org.federationgateway.testing.peers.ProsodyLogPatterns;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES, and OPENFIRE_HAZELCAST_PLUGIN naming Openfire's Hazelcast clustering plugin
 * jar): two Openfire nodes of one cluster on one PostgreSQL database, the plugin on both, and a Prosody partner whose
 * server-to-server connections reach node 2. The administrator works on node 1's pages only; node 2 enforces the same
 * policy.
 */
@EachOpenfire
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(RealOpenfireClusterIT.RequiresHazelcastPlugin.class)
class RealOpenfireClusterIT {
    static final String HAZELCAST = "OPENFIRE_HAZELCAST_PLUGIN";
    private static final String NAME = "federationgateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START = Duration.ofSeconds(180);
    private static final String N1 = "127.0.64.1";
    private static final String N2 = "127.0.64.2";
    private static final String B = "127.0.64.3";
    private static final String C = "127.0.64.4";
    private static final String DB = "127.0.64.5";
    /** The partner's server finds a.test at node 2: what it sends is judged there. */
    private static final TestHosts HOSTS = TestHosts.builder().add("a.test", N2).add("b.test", B).build();
    /** The second partner's server finds a.test at node 1. */
    private static final TestHosts HOSTS_C = TestHosts.builder().add("a.test", N1).add("c.test", C).build();

    @Parameter
    OpenfireInstallation openfireUnderTest;

    private static PostgresPeer database;
    private static OpenfireServer node1;
    private static OpenfireServer node2;
    private static AdminConsole console1;
    private static AdminConsole console2;
    private static ProsodyPeer partner;
    /** c.test, a second partner for the global limit, started by the test that needs it. */
    private static ProsodyPeer partnerC;
    private static TestCertificates certificates;

    /** Skips each test, with how to run it, when no clustering plugin is named. */
    static final class RequiresHazelcastPlugin implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String jar = System.getenv(HAZELCAST);
            if (context.getTestMethod().isEmpty() || (jar != null && !jar.isBlank())) {
                return ConditionEvaluationResult.enabled("clustering plugin named");
            }
            return ConditionEvaluationResult.disabled("The real-cluster test is opt-in: set " + HAZELCAST
                    + " to the path of Openfire's Hazelcast clustering plugin jar (nothing in this repository builds it) and OPENFIRE_HOME, "
                    + "and run `mvn -B -ntp verify -Dit.test=RealOpenfireClusterIT`.");
        }
    }

    @BeforeParameterizedClassInvocation
    static void start(OpenfireInstallation openfireInstallation) throws Exception {
        String jar = System.getenv(HAZELCAST);
        if (!openfireInstallation.present() || jar == null || jar.isBlank()) {
            return; // every test is reported as skipped, with how to run it
        }
        Path hazelcast = Path.of(jar);
        assertTrue(Files.isRegularFile(hazelcast), HAZELCAST + "=" + jar + " is not a file");
        Path installation = openfireInstallation.require();
        Path scratch = PluginRoot.resolve("target/openfire-it/" + openfireInstallation.label() + "/cluster");
        certificates = TestCertificates.create(PeerDirectories.fresh("openfire-cluster/certs"));
        database = PostgresPeer.start(DB, "openfire", "openfire", "secret", PeerDirectories.fresh("openfire-cluster/postgres"));
        IssuedCertificate own = certificates.issue("a.test");
        node1 = node(installation, scratch.resolve("node1"), N1, "node1.a.test", hazelcast, own);
        node2 = node(installation, scratch.resolve("node2"), N2, "node2.a.test", hazelcast, own);

        node1.start(START);
        // Encrypted properties in the shared database are readable only with the same key material on every node.
        Files.copy(node1.home().resolve("conf/security.xml"), node2.home().resolve("conf/security.xml"), StandardCopyOption.REPLACE_EXISTING);
        node2.start(START);
        OpenfireServer.await("node 2 to join the cluster", START, () -> node2.openfireLog().contains("has joined the cluster"));
        console1 = new AdminConsole(node1.adminUrl());
        console1.loginWhenReady("admin", "adminpw", TIMEOUT);
        console2 = new AdminConsole(node2.adminUrl());
        console2.loginWhenReady("admin", "adminpw", TIMEOUT);
        Path plugin = Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString()));
        String loaded = "Federation Gateway " + BuildInfo.version() + " loaded";
        node1.installPluginAndAwait(plugin, NAME, loaded, Duration.ofSeconds(90));
        node2.installPluginAndAwait(plugin, NAME, loaded, Duration.ofSeconds(90));
        assertEquals(302, console1.submit("/plugins/" + NAME + "/policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")).status());
        partnerC = null;
        partner = ProsodyPeer.builder("b.test", B).mode(S2sMode.SECURE).tls(certificates, certificates.issue("b.test")).hosts(HOSTS)
                .account("bob", "secret").directory(PeerDirectories.fresh("openfire-cluster/b.test")).start();
    }

    private static OpenfireServer node(Path installation, Path home, String address, String fqdn, Path hazelcast, IssuedCertificate own) {
        OpenfireServer node = OpenfireServer.prepareClusterNode(installation, home, address, "a.test", "{b.test," + B + ":5269},{c.test," + C + ":5269}", List.of(),
                new OpenfireServer.ClusterNode(fqdn, database.jdbcUrl(), database.user(), database.password(), List.of(N1, N2), hazelcast));
        node.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
        return node;
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {partnerC, partner, node2, node1, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }

    private static XmppClient aliceOnNode2() {
        return XmppClient.connect(new XmppClient.Settings(new XmppAccount("alice", "a.test", "secret"), N2, 5222, certificates.trustManager()));
    }

    private static long count(String log, String literal) {
        return log.lines().filter(l -> l.contains(literal)).count();
    }

    @Test
    @Order(1)
    void aPartnerAddedOnNodeOnesPageIsInForceOnNodeTwo() {
        long reloadsBefore = count(node2.openfireLog(), "policy reloaded from the database");
        Instant saved = Instant.now();
        assertEquals(302, console1.submit("/plugins/" + NAME + "/partner-edit.jsp", AdminConsole.partnerForm("b.test", "required", "optional")).status());
        OpenfireServer.await("node 2 to reload the policy", TIMEOUT, () -> count(node2.openfireLog(), "policy reloaded from the database") > reloadsBefore);
        Duration propagation = Duration.between(saved, Instant.now());
        System.out.println("Cluster policy propagation, node 1's page to node 2 in force: " + propagation.toMillis() + " ms");
        assertTrue(node2.openfireLog().contains("(changed on another cluster node)"), "reloaded because node 1 said so, not by the periodic check");
        assertTrue(console2.get("/plugins/" + NAME + "/partners.jsp").body().contains("b.test"), "node 2's own page lists the partner");
        try (XmppClient alice = aliceOnNode2();
             XmppClient bob = XmppClient.connect(partner.clientSettings(new XmppAccount("bob", "b.test", "secret")))) {
            bob.sendMessage("alice@a.test", "through node 2");
            alice.awaitMessage("through node 2", TIMEOUT);
            alice.sendMessage("bob@b.test", "back through the cluster");
            bob.awaitMessage("back through the cluster", TIMEOUT);
        }
    }

    @Test
    @Order(2)
    void aPartnerRemovedOnNodeOneIsRefusedOnNodeTwoAndItsSessionThereIsClosed() {
        assertEquals(302, console1.submit("/plugins/" + NAME + "/partners.jsp", Map.of("action", "delete", "domain", "b.test")).status());
        partner.awaitLog(ProsodyLogPatterns.OUTGOING_CLOSED_BY_POLICY, TIMEOUT);
        Matcher why = ProsodyLogPatterns.OUTGOING_CLOSED_BY_POLICY.matcher(partner.log());
        assertTrue(why.find() && why.group(1).contains("not-a-partner"), "node 2 closed b.test's stream: " + partner.log());
        assertTrue(node2.openfireLog().contains("closing server session with b.test"), "closed by node 2, which holds the session");
        try (XmppClient bob = XmppClient.connect(partner.clientSettings(new XmppAccount("bob", "b.test", "secret")))) {
            bob.sendMessage("alice@a.test", "after removal");
            OpenfireServer.await("node 2 refusing b.test again", TIMEOUT,
                    () -> node2.openfireLog().contains("refused inbound message partner=b.test local=alice@a.test reason=not-a-partner"));
        }
    }

    @Test
    @Order(3)
    void aNodeKilledWhileThePolicyChangesComesBackWithTheCurrentPolicy() {
        node2.kill();
        OpenfireServer.await("node 1 to see node 2 leave", START, () -> node1.openfireLog().contains("has left the cluster"));
        assertEquals(302, console1.submit("/plugins/" + NAME + "/partner-edit.jsp", AdminConsole.partnerForm("b.test", "required", "optional")).status());
        long joinedBefore = count(node2.openfireLog(), "has joined the cluster");
        node2.restart(START);
        OpenfireServer.await("node 2 to rejoin the cluster", START, () -> count(node2.openfireLog(), "has joined the cluster") > joinedBefore);
        console2 = new AdminConsole(node2.adminUrl());
        console2.loginWhenReady("admin", "adminpw", TIMEOUT);
        OpenfireServer.await("node 2's plugin loaded again", Duration.ofSeconds(90),
                () -> count(node2.openfireLog(), "Federation Gateway " + BuildInfo.version() + " loaded") >= 2);
        assertTrue(console2.get("/plugins/" + NAME + "/partners.jsp").body().contains("b.test"), "node 2 lists the partner added while it was down");
        try (XmppClient alice = aliceOnNode2();
             XmppClient bob = XmppClient.connect(partner.clientSettings(new XmppAccount("bob", "b.test", "secret")))) {
            bob.sendMessage("alice@a.test", "after the restart");
            alice.awaitMessage("after the restart", TIMEOUT);
        }
    }

    private static XmppClient aliceOnNode1() {
        return XmppClient.connect(new XmppClient.Settings(new XmppAccount("alice", "a.test", "secret"), N1, 5222, certificates.trustManager()));
    }

    /** The status page's sessions table holds a row of {@code node}'s session with {@code domain}. */
    private static boolean listsSession(String page, String node, String domain) {
        return java.util.regex.Pattern.compile("<td>" + java.util.regex.Pattern.quote(node) + "</td>\\s*<td>" + java.util.regex.Pattern.quote(domain) + "</td>")
                .matcher(page).find();
    }

    /** Both nodes' pages list both nodes and the sessions of both: b.test's inbound one held by node 2, node 1's outbound one. */
    @Test
    @Order(4)
    void theStatusPageOfEitherNodeListsBothNodesAndBothNodesSessions() {
        try (XmppClient alice = aliceOnNode2();
             XmppClient bob = XmppClient.connect(partner.clientSettings(new XmppAccount("bob", "b.test", "secret")))) {
            bob.sendMessage("alice@a.test", "to node 2 for the status");
            alice.awaitMessage("to node 2 for the status", TIMEOUT);
        }
        try (XmppClient alice = aliceOnNode1();
             XmppClient bob = XmppClient.connect(partner.clientSettings(new XmppAccount("bob", "b.test", "secret")))) {
            alice.sendMessage("bob@b.test", "from node 1 for the status");
            bob.awaitMessage("from node 1 for the status", TIMEOUT);
        }
        for (AdminConsole console : List.of(console1, console2)) {
            OpenfireServer.await("a status page listing both nodes and both nodes' b.test sessions", TIMEOUT, () -> {
                String page = console.get("/plugins/" + NAME + "/status.jsp").body();
                return page.contains("id=\"cluster-nodes\"") && page.contains("node1.a.test") && page.contains("node2.a.test")
                        && listsSession(page, "node1.a.test", "b.test") && listsSession(page, "node2.a.test", "b.test");
            });
        }
        String page = console2.get("/plugins/" + NAME + "/status.jsp").body();
        assertTrue(page.contains("node2.a.test (this node)"), "node 2's page marks itself: " + page);
    }

    /**
     * Lync §2.1 PartnerConnectionLimit across the cluster: with a limit of 1, b.test's older inbound session on node 2
     * stays and node 1's newer outbound one is closed by node 1 with resource-constraint, though neither node alone
     * holds more than one.
     */
    @Test
    @Order(5)
    void aPartnerLimitOfOneCountsTheSessionsOfBothNodesAndTheNewerOneIsClosed() {
        Map<String, String> form = new java.util.LinkedHashMap<>(AdminConsole.partnerForm("b.test", "required", "optional"));
        form.put("original", "b.test");
        form.put("connectionLimit", "1");
        Instant saved = Instant.now();
        assertEquals(302, console1.submit("/plugins/" + NAME + "/partner-edit.jsp", form).status());
        OpenfireServer.await("node 1 to close its newer b.test session over the partner's limit", TIMEOUT,
                () -> node1.openfireLog().lines().anyMatch(l -> l.contains("closing server session with b.test") && l.contains("partner-connection-limit")));
        System.out.println("Cluster-wide partner limit, node 1's page saved to node 1 closing its session: " + Duration.between(saved, Instant.now()).toMillis() + " ms");
        partner.awaitLog(java.util.regex.Pattern.compile("resource-constraint"), TIMEOUT);
        // node 2's older session is the one that stays: both pages list it, and no longer node 1's.
        for (AdminConsole console : List.of(console1, console2)) {
            OpenfireServer.await("a status page listing node 2's b.test session only", TIMEOUT, () -> {
                String page = console.get("/plugins/" + NAME + "/status.jsp").body();
                return listsSession(page, "node2.a.test", "b.test") && !listsSession(page, "node1.a.test", "b.test");
            });
        }
        assertTrue(node2.openfireLog().lines().noneMatch(l -> l.contains("partner-connection-limit")), "node 2 kept its session");
    }

    private static Map<String, String> gatewaySettings(int connectionLimit, int partnerConnectionLimit) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("connectionLimit", Integer.toString(connectionLimit));
        form.put("partnerConnectionLimit", Integer.toString(partnerConnectionLimit));
        form.put("keepAliveInterval", "300");
        form.put("streamEstablishmentTimeout", "60");
        form.put("streamInactivityTimeout", "600");
        form.put("subscriptionRefresh", "28800");
        form.put("mode", "enforce");
        form.put("save", "Save");
        return form;
    }

    /**
     * Lync §2.1 ConnectionLimit across the cluster: with a global limit of 1, b.test's older inbound session on node 2
     * stays and c.test's newer inbound one on node 1 is closed by node 1 with resource-constraint, though each node
     * alone holds one session only.
     */
    @Test
    @Order(6)
    void aGlobalLimitOfOneCountsTheSessionsOfBothNodesAndTheNewestIsClosedWhereItIsHeld() {
        Map<String, String> b = new java.util.LinkedHashMap<>(AdminConsole.partnerForm("b.test", "required", "optional"));
        b.put("original", "b.test");
        b.put("connectionLimit", "");
        assertEquals(302, console1.submit("/plugins/" + NAME + "/partner-edit.jsp", b).status());
        assertEquals(302, console1.submit("/plugins/" + NAME + "/partner-edit.jsp", AdminConsole.partnerForm("c.test", "required", "optional")).status());
        partnerC = ProsodyPeer.builder("c.test", C).mode(S2sMode.SECURE).tls(certificates, certificates.issue("c.test")).hosts(HOSTS_C)
                .account("carol", "secret").directory(PeerDirectories.fresh("openfire-cluster/c.test")).start();
        // b.test's session with node 2, which the previous test left as the older one, then c.test's with node 1.
        OpenfireServer.await("node 1's status page listing node 2's b.test session", TIMEOUT,
                () -> listsSession(console1.get("/plugins/" + NAME + "/status.jsp").body(), "node2.a.test", "b.test"));
        try (XmppClient alice = aliceOnNode1();
             XmppClient carol = XmppClient.connect(partnerC.clientSettings(new XmppAccount("carol", "c.test", "secret")))) {
            carol.sendMessage("alice@a.test", "c.test to node 1 before the global limit");
            alice.awaitMessage("c.test to node 1 before the global limit", TIMEOUT);
        }
        for (AdminConsole console : List.of(console1, console2)) {
            OpenfireServer.await("a status page listing node 2's b.test session and node 1's c.test session", TIMEOUT, () -> {
                String page = console.get("/plugins/" + NAME + "/status.jsp").body();
                return listsSession(page, "node2.a.test", "b.test") && listsSession(page, "node1.a.test", "c.test");
            });
        }
        Instant saved = Instant.now();
        AdminConsole.Page limited = console1.submit("/plugins/" + NAME + "/gateway-settings.jsp", gatewaySettings(1, 1));
        assertEquals(302, limited.status(), "saving the global limit answered HTTP " + limited.status() + ":\n" + limited.body());
        try {
            OpenfireServer.await("node 1 to close its newer c.test session over the global limit", TIMEOUT,
                    () -> node1.openfireLog().lines().anyMatch(l -> l.contains("closing server session with c.test") && l.contains(": connection-limit")));
            System.out.println("Cluster-wide global limit, node 1's page saved to node 1 closing its session: " + Duration.between(saved, Instant.now()).toMillis() + " ms");
            partnerC.awaitLog(java.util.regex.Pattern.compile("Session closed by remote with error: resource-constraint"), TIMEOUT);
            for (AdminConsole console : List.of(console1, console2)) {
                OpenfireServer.await("a status page listing node 2's b.test session and no c.test session", TIMEOUT, () -> {
                    String page = console.get("/plugins/" + NAME + "/status.jsp").body();
                    return listsSession(page, "node2.a.test", "b.test") && !listsSession(page, "node1.a.test", "c.test")
                            && !listsSession(page, "node2.a.test", "c.test");
                });
            }
            assertTrue(node2.openfireLog().lines().noneMatch(l -> l.contains("closing server session") && l.contains(": connection-limit")),
                    "node 2 kept its older session");
        } finally {
            assertEquals(302, console1.submit("/plugins/" + NAME + "/gateway-settings.jsp", gatewaySettings(1000, 20)).status(), "the limits restored");
        }
    }
}
