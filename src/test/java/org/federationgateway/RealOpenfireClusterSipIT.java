package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.PostgresPeer;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES, and OPENFIRE_HAZELCAST_PLUGIN): the SIP bridge on a two-node Openfire
 * cluster. Each node's SIP endpoint listens on its own address (its conf/openfire.xml); Kamailio treats the two as one
 * destination set (dispatcher, OPTIONS probes, round robin, failover to the other node); the partner's Prosody knows
 * both nodes' addresses for a.test. Messages flow both ways through either node; a phone whose subscription is on the node
 * that does not hold the partner's session gets the partner user's presence, which the other node hands over; the node serving a partner user's
 * presence subscription is killed (SIGKILL) while messages flow both ways, every one of them is either delivered or
 * answered with an error to its sender, and presence goes on from the other node, which adopted the subscription.
 */
@EachOpenfire
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(RealOpenfireClusterIT.RequiresHazelcastPlugin.class)
class RealOpenfireClusterSipIT {
    private static final String NAME = "federationgateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START = Duration.ofSeconds(180);
    private static final String N1 = "127.0.65.1";
    private static final String N2 = "127.0.65.2";
    private static final String B = "127.0.65.3";
    private static final String SIP_FRONT_END = "127.0.65.4";
    private static final String DB = "127.0.65.5";
    private static final String PHONE = "127.0.65.10";
    /** The partner's server knows both nodes: node 1 first, node 2 when node 1 does not answer. */
    private static final TestHosts HOSTS = TestHosts.builder().add("a.test", N1).alsoAt("a.test", N2).add("b.test", B).build();
    private static final int LOAD = 40;

    @Parameter
    OpenfireInstallation openfireUnderTest;

    private static PostgresPeer database;
    private static OpenfireServer node1;
    private static OpenfireServer node2;
    private static AdminConsole console1;
    private static AdminConsole console2;
    private static ProsodyPeer partner;
    private static KamailioPeer kamailio;
    private static TestCertificates certificates;
    /** Watches romeo from test 3 on, across node 1's death. */
    private static XmppClient watcher;
    /** A SIP phone watching juliet from test 4 on, its subscription dialog held by the node killed in test 5. */
    private static SipUserAgent sipWatcher;
    /** The NOTIFY in which the node killed next made sipWatcher's subscription active. */
    private static SipUserAgent.Received sipWatcherDialog;
    /** A SIP phone watching juliet from test 5 on, its subscription held by the node without the partner's session. */
    private static SipUserAgent sipWatcherElsewhere;
    private static SipUserAgent presentity;
    /** The node that serves juliet's subscription to romeo (the node the partner's server reached), and the other one. */
    private static OpenfireServer owner;
    private static OpenfireServer survivor;

    @BeforeParameterizedClassInvocation
    static void start(OpenfireInstallation openfireInstallation) throws Exception {
        String jar = System.getenv(RealOpenfireClusterIT.HAZELCAST);
        if (!openfireInstallation.present() || jar == null || jar.isBlank()) {
            return; // every test is reported as skipped, with how to run it
        }
        Path hazelcast = Path.of(jar);
        assertTrue(Files.isRegularFile(hazelcast), RealOpenfireClusterIT.HAZELCAST + "=" + jar + " is not a file");
        Path installation = openfireInstallation.require();
        Path scratch = PluginRoot.resolve("target/openfire-it/" + openfireInstallation.label() + "/cluster-sip");
        certificates = TestCertificates.create(PeerDirectories.fresh("openfire-cluster-sip/certs"));
        kamailio = KamailioPeer.builder("a.test", SIP_FRONT_END).dispatcher(List.of(N1, N2), 5060, "udp")
                .directory(PeerDirectories.fresh("openfire-cluster-sip/kamailio")).start();
        database = PostgresPeer.start(DB, "openfire", "openfire", "secret", PeerDirectories.fresh("openfire-cluster-sip/postgres"));
        IssuedCertificate own = certificates.issue("a.test");
        node1 = node(installation, scratch.resolve("node1"), N1, "node1.a.test", hazelcast, own);
        node2 = node(installation, scratch.resolve("node2"), N2, "node2.a.test", hazelcast, own);
        node1.start(START);
        Files.copy(node1.home().resolve("conf/security.xml"), node2.home().resolve("conf/security.xml"), StandardCopyOption.REPLACE_EXISTING);
        node2.start(START);
        OpenfireServer.await("node 2 to join the cluster", START, () -> node2.openfireLog().contains("has joined the cluster"));
        console1 = new AdminConsole(node1.adminUrl());
        console1.loginWhenReady("admin", "adminpw", TIMEOUT);
        console2 = new AdminConsole(node2.adminUrl());
        console2.loginWhenReady("admin", "adminpw", TIMEOUT);
        // Shared by both nodes (system properties); the listen address is each node's own, in its openfire.xml.
        Map<String, String> sip = Map.of("enabled", "true", "listen.port", "5060", "listen.transports", "udp,tcp",
                "frontEnd.host", SIP_FRONT_END, "frontEnd.port", "5060", "frontEnd.transport", "udp", "keepAlive", "5");
        sip.forEach((k, v) -> console1.setSystemProperty("federationgateway.sip." + k, v));
        Path plugin = Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString()));
        String loaded = "Federation Gateway " + BuildInfo.version() + " loaded";
        node1.installPluginAndAwait(plugin, NAME, loaded, Duration.ofSeconds(90));
        node2.installPluginAndAwait(plugin, NAME, loaded, Duration.ofSeconds(90));
        assertTrue(node1.openfireLog().contains("serving on " + N1 + ":5060"), "node 1's SIP endpoint on its own address:\n" + node1.openfireLog());
        assertTrue(node2.openfireLog().contains("serving on " + N2 + ":5060"), "node 2's SIP endpoint on its own address:\n" + node2.openfireLog());
        assertEquals(302, console1.submit("/plugins/" + NAME + "/policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")).status());
        assertEquals(302, console1.submit("/plugins/" + NAME + "/partner-edit.jsp", AdminConsole.partnerForm("b.test", "required", "optional")).status());
        partner = ProsodyPeer.builder("b.test", B).mode(S2sMode.SECURE).tls(certificates, certificates.issue("b.test")).hosts(HOSTS)
                .account("juliet", "secret").directory(PeerDirectories.fresh("openfire-cluster-sip/b.test")).start();
    }

    private static OpenfireServer node(Path installation, Path home, String address, String fqdn, Path hazelcast, IssuedCertificate own) {
        OpenfireServer node = OpenfireServer.prepareClusterNode(installation, home, address, "a.test", "{b.test," + B + ":5269}", List.of(),
                new OpenfireServer.ClusterNode(fqdn, database.jdbcUrl(), database.user(), database.password(), List.of(N1, N2), hazelcast));
        node.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
        node.addToConfig("<federationgateway><node><sip><listen><address>" + address + "</address></listen></sip></node></federationgateway>");
        return node;
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {watcher, sipWatcher, sipWatcherElsewhere, presentity, partner, node2, node1, database, kamailio}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }

    private static XmppClient juliet() {
        return XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")));
    }

    /** Kamailio's log lines for answers to {@code method} from {@code node}'s SIP endpoint with a 2xx status. */
    private static long acceptedBy(String node, String method) {
        return kamailio.log().lines().filter(l -> l.contains("reply 20") && l.contains("for " + method + " from " + node + ":5060")).count();
    }

    private static long requestsFrom(String node, String method) {
        return kamailio.log().lines().filter(l -> l.contains(method + " sip:") && l.contains("from " + node + ":5060/")).count();
    }

    @Test
    @Order(1)
    void eachNodeListensOnItsOwnAddressAndKamailioProbesBothWithOptions() {
        assertTrue(console1.get("/plugins/" + NAME + "/sip-settings.jsp").body().contains("<b>" + N1 + "</b>"), "node 1's page shows its own address");
        assertTrue(console2.get("/plugins/" + NAME + "/sip-settings.jsp").body().contains("<b>" + N2 + "</b>"), "node 2's page shows its own address");
        OpenfireServer.await("Kamailio's dispatcher to see both nodes answer OPTIONS", TIMEOUT, () -> {
            String list = kamailio.dispatcherList();
            return list.contains("sip:" + N1 + ":5060;transport=udp") && list.contains("sip:" + N2 + ":5060;transport=udp")
                    && list.split("FLAGS: AP", -1).length - 1 == 2;
        });
    }

    @Test
    @Order(2)
    void messagesFlowBothWaysThroughEitherNode() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", PHONE, 5080, "udp", SIP_FRONT_END + ":5060");
             XmppClient juliet = juliet()) {
            assertEquals(200, romeo.register(600));
            juliet.sendMessage("romeo@a.test", "Wherefore art thou Romeo?");
            romeo.awaitMessage("Wherefore art thou Romeo?", TIMEOUT);
            for (int i = 0; i < 4; i++) {
                assertEquals(202, romeo.sendMessage("sip:juliet@b.test", "From the orchard " + i));
                juliet.awaitMessage("From the orchard " + i, TIMEOUT);
            }
        }
        assertTrue(acceptedBy(N1, "MESSAGE") >= 1 && acceptedBy(N2, "MESSAGE") >= 1,
                "Kamailio gave MESSAGEs to both nodes (round robin), and both bridged them:\n" + kamailio.log());
    }

    private static String pidf(String note) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
                  <tuple id="phone"><status><basic>open</basic></status><note>%s</note></tuple>
                </presence>""".formatted(note);
    }

    @Test
    @Order(3)
    void aPartnerUserWatchesTheSipPhoneThroughTheNodeItsServerReached() {
        presentity = new SipUserAgent("romeo", "a.test", "127.0.65.11", 5082, "udp", SIP_FRONT_END + ":5060");
        assertEquals(200, presentity.register(600));
        assertEquals(200, presentity.publish(pidf("In the orchard"), 600));
        // Its own resource: the juliet of the next test would otherwise replace this session (conflict) and it would see nothing more.
        watcher = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")), "watcher");
        watcher.requestSubscription("romeo@a.test");
        watcher.awaitSubscribedTo("romeo@a.test", TIMEOUT);
        watcher.awaitPresence(p -> p.getFrom().asBareJid().toString().equals("romeo@a.test") && "In the orchard".equals(p.getStatus()),
                "romeo's presence", TIMEOUT);
        // The partner's server reached one of a.test's two addresses; that node subscribed at the presence server.
        long fromN1 = requestsFrom(N1, "SUBSCRIBE");
        long fromN2 = requestsFrom(N2, "SUBSCRIBE");
        assertTrue((fromN1 == 0) != (fromN2 == 0), "one node subscribed at the presence server:\n" + kamailio.log());
        owner = fromN1 > 0 ? node1 : node2;
        survivor = owner == node1 ? node2 : node1;
        System.out.println("juliet's subscription to romeo is served by " + owner.address() + "; that node is killed next");
    }

    /** The node whose 2xx answer to the {@code method} that {@code send} sent Kamailio passed on. */
    private static OpenfireServer answeredBy(String method, java.util.function.IntSupplier send) {
        long before1 = acceptedBy(node1.address(), method);
        long before2 = acceptedBy(node2.address(), method);
        int status = send.getAsInt();
        assertTrue(status >= 200 && status < 300, method + " answered " + status);
        OpenfireServer.await("Kamailio to log which node answered the " + method, TIMEOUT,
                () -> acceptedBy(node1.address(), method) + acceptedBy(node2.address(), method) > before1 + before2);
        return acceptedBy(node1.address(), method) > before1 ? node1 : node2;
    }

    @Test
    @Order(4)
    void aSipPhoneWatchesThePartnerUserThroughTheNodeKilledNext() {
        sipWatcher = new SipUserAgent("benvolio", "a.test", "127.0.65.12", 5084, "udp", SIP_FRONT_END + ":5060");
        assertEquals(200, sipWatcher.register(600));
        // Kamailio's dispatcher takes turns (round robin) for every request to the partner's domain. A message shows
        // whose turn it was, so that the subscription is held by the node killed in the next test.
        if (answeredBy("MESSAGE", () -> sipWatcher.sendMessage("sip:juliet@b.test", "Whose turn?")) == owner) {
            answeredBy("MESSAGE", () -> sipWatcher.sendMessage("sip:juliet@b.test", "Whose turn now?"));
        }
        assertEquals(owner, answeredBy("SUBSCRIBE", () -> sipWatcher.subscribe("sip:juliet@b.test", 600)),
                "the dispatcher gave the phone's subscription to the node killed next (round robin)");
        watcher.approve("benvolio@a.test", TIMEOUT);
        sipWatcherDialog = sipWatcher.awaitNotify("active", b -> b.contains(">open</"), TIMEOUT);
        assertTrue(sipWatcherDialog.header("Contact").contains(owner.address()), "the NOTIFY came from the node killed next: " + sipWatcherDialog.raw());
    }

    /**
     * The partner's server reaches a.test through one node only (the one that holds its server-to-server session; test 3
     * found it). A phone whose subscription the dispatcher gave to the other node still gets the partner's answer and
     * presence: the node that receives them hands them to the node holding the phone's dialog, which NOTIFYs.
     */
    @Test
    @Order(5)
    void aSipPhoneWhoseSubscriptionIsOnTheNodeWithoutThePartnersSessionReceivesThePartnerUsersPresence() {
        sipWatcherElsewhere = new SipUserAgent("mercutio", "a.test", "127.0.65.13", 5086, "udp", SIP_FRONT_END + ":5060");
        assertEquals(200, sipWatcherElsewhere.register(600));
        if (answeredBy("MESSAGE", () -> sipWatcherElsewhere.sendMessage("sip:juliet@b.test", "Whose turn?")) == survivor) {
            answeredBy("MESSAGE", () -> sipWatcherElsewhere.sendMessage("sip:juliet@b.test", "Whose turn now?"));
        }
        assertEquals(survivor, answeredBy("SUBSCRIBE", () -> sipWatcherElsewhere.subscribe("sip:juliet@b.test", 600)),
                "the dispatcher gave the phone's subscription to the node that does not hold the partner's session (round robin)");
        watcher.approve("mercutio@a.test", TIMEOUT);
        SipUserAgent.Received active = sipWatcherElsewhere.awaitNotify("active", b -> b.contains(">open</"), TIMEOUT);
        assertTrue(active.header("Contact").contains(survivor.address()), "the node holding the dialog NOTIFYed the partner's answer: " + active.raw());
        watcher.send(watcher.connection().getStanzaFactory().buildPresenceStanza().ofType(org.jivesoftware.smack.packet.Presence.Type.available)
                .setStatus("At the masque").build());
        SipUserAgent.Received changed = sipWatcherElsewhere.await(r -> r.method().equals("NOTIFY") && r.callId().equals(active.callId())
                && r.body().contains("At the masque"), "juliet's presence change in the phone's dialog", TIMEOUT);
        assertTrue(changed.header("Contact").contains(survivor.address()), "from the node holding the dialog: " + changed.raw());
        assertTrue(String.valueOf(changed.header("Subscription-State")).startsWith("active"), "still active: " + changed.raw());
        System.out.println("presence for mercutio handed over by " + owner.address() + " to " + survivor.address() + "; cluster task lines of the former: "
                + owner.openfireLog().lines().filter(l -> l.contains("ForwardedPresence")).toList());
    }

    @Test
    @Order(6)
    void theOwningNodeKilledWhileMessagesFlowBothWaysEveryMessageIsDeliveredOrErroredBack() throws Exception {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", PHONE, 5081, "udp", SIP_FRONT_END + ":5060");
             XmppClient juliet = juliet()) {
            assertEquals(200, romeo.register(600));
            Set<String> toSipDelivered = ConcurrentHashMap.newKeySet();
            romeo.onRequest(r -> {
                if (r.method().equals("MESSAGE") && r.body().startsWith("x2s-")) {
                    toSipDelivered.add(r.body());
                }
            });
            Map<String, String> toSipIds = new ConcurrentHashMap<>();
            Map<String, CompletableFuture<Integer>> toXmppAnswers = new ConcurrentHashMap<>();
            long fromSurvivorBefore = requestsFrom(survivor.address(), "MESSAGE");
            for (int i = 0; i < LOAD; i++) {
                if (i == LOAD / 3) {
                    owner.kill();
                }
                toSipIds.put(juliet.sendTracked("romeo@a.test", "x2s-" + i), "x2s-" + i);
                toXmppAnswers.put("s2x-" + i, romeo.sendMessageAsync("sip:juliet@b.test", "s2x-" + i));
                TimeUnit.MILLISECONDS.sleep(100); // a steady flow, about 10 messages a second each way
            }
            OpenfireServer.await("the survivor to see the killed node leave", START, () -> survivor.openfireLog().contains("has left the cluster"));
            // Every SIP transaction ends (a final answer, or the phone's own timeout, 32 s).
            CompletableFuture.allOf(toXmppAnswers.values().toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            // SIP -> XMPP: delivered = juliet has it; errored = a final answer other than 2xx.
            Set<String> toXmppErrored = ConcurrentHashMap.newKeySet();
            toXmppAnswers.forEach((body, status) -> {
                if (status.join() >= 300) {
                    toXmppErrored.add(body);
                }
            });
            // XMPP -> SIP: delivered = the phone has it; errored = juliet got an error for its id.
            OpenfireServer.await("every message of either direction delivered or errored back", Duration.ofSeconds(60), () ->
                    toXmppAnswers.keySet().stream().allMatch(b -> toXmppErrored.contains(b) || juliet.count(m -> b.equals(m.getBody())) > 0)
                            && toSipIds.entrySet().stream().allMatch(e -> toSipDelivered.contains(e.getValue())
                            || juliet.count(m -> m.getType() == Message.Type.error && e.getKey().equals(m.getStanzaId())) > 0));
            long s2xDelivered = toXmppAnswers.keySet().stream().filter(b -> juliet.count(m -> b.equals(m.getBody())) > 0).count();
            long s2xErrored = toXmppAnswers.keySet().stream().filter(b -> toXmppErrored.contains(b) && juliet.count(m -> b.equals(m.getBody())) == 0).count();
            long x2sDelivered = toSipIds.values().stream().filter(toSipDelivered::contains).count();
            long x2sErrored = toSipIds.entrySet().stream().filter(e -> !toSipDelivered.contains(e.getValue())
                    && juliet.count(m -> m.getType() == Message.Type.error && e.getKey().equals(m.getStanzaId())) > 0).count();
            System.out.printf("Cluster kill under load (%s): SIP->XMPP sent %d, delivered %d, errored %d; XMPP->SIP sent %d, delivered %d, errored %d%n",
                    openfireUnderTest.label(), LOAD, s2xDelivered, s2xErrored, LOAD, x2sDelivered, x2sErrored);
            assertEquals(LOAD, s2xDelivered + s2xErrored, "SIP->XMPP: sent = delivered + errored");
            assertEquals(LOAD, x2sDelivered + x2sErrored, "XMPP->SIP: sent = delivered + errored");
            assertTrue(requestsFrom(survivor.address(), "MESSAGE") > fromSurvivorBefore, "after the kill the survivor bridged juliet's messages to the phone");
        }
    }

    @Test
    @Order(7)
    void presenceGoesOnFromTheSurvivorAfterItAdoptedTheKilledNodesSubscription() {
        OpenfireServer.await("the survivor to adopt the killed node's two presence subscriptions", TIMEOUT,
                () -> survivor.openfireLog().contains("adopted 2 presence subscription(s) of the cluster node"));
        OpenfireServer.await("the survivor to subscribe at the presence server", TIMEOUT, () -> requestsFrom(survivor.address(), "SUBSCRIBE") >= 1);
        assertTrue(watcher.connection().isAuthenticated(), "the partner's watcher is still logged in");
        assertEquals(200, presentity.publish(pidf("After the storm"), 600));
        watcher.awaitPresence(p -> p.getFrom().asBareJid().toString().equals("romeo@a.test") && "After the storm".equals(p.getStatus()),
                "romeo's new presence, through the survivor", TIMEOUT);
    }

    @Test
    @Order(8)
    void theSipPhoneKeepsReceivingThePartnerUsersPresenceFromTheSurvivorAndItsRefreshIsAnswered() {
        OpenfireServer.await("the survivor to adopt the killed node's presence subscriptions", TIMEOUT,
                () -> survivor.openfireLog().contains("adopted 2 presence subscription(s) of the cluster node"));
        String callId = sipWatcherDialog.callId();
        watcher.send(watcher.connection().getStanzaFactory().buildPresenceStanza().ofType(org.jivesoftware.smack.packet.Presence.Type.available)
                .setStatus("On the balcony").build());
        SipUserAgent.Received n = sipWatcher.await(r -> r.method().equals("NOTIFY") && r.callId().equals(callId)
                && r.body().contains("On the balcony"), "juliet's new presence in the phone's dialog, from the survivor", TIMEOUT);
        assertTrue(n.header("Contact").contains(survivor.address()), "the survivor sent it, naming itself as the dialog's target: " + n.raw());
        assertTrue(String.valueOf(n.header("Subscription-State")).startsWith("active"), "the subscription is still active: " + n.raw());
        // The phone's refresh goes where the last NOTIFY's Contact points (a NOTIFY is a target refresh request, RFC 6665 §3.2): the survivor answers it.
        assertEquals(survivor, answeredBy("SUBSCRIBE", () -> sipWatcher.refreshSubscription(n, 600)), "the survivor answered the phone's refresh");
        sipWatcher.await(r -> r.method().equals("NOTIFY") && r.callId().equals(callId) && r.body().contains("On the balcony")
                && r.header("Contact").contains(survivor.address()), "a NOTIFY with juliet's presence after the refresh", TIMEOUT);
    }
}
