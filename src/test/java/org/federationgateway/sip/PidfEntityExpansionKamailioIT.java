package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.federationgateway.audit.Audit;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.PresenceSubscription;
import org.federationgateway.testing.CapturedLog;
import org.federationgateway.testing.TestBridges;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.SipUserAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * XML entity expansion in PIDF inside a live subscription, with Kamailio's presence server real. A partner user
 * (juliet@b.test, on the bridge's XMPP outlet) watches a phone; the gateway holds the subscription at Kamailio.
 * Hostile documents reach the gateway two ways: published by a registered phone at Kamailio (which checks and
 * composes what it passes on), and as a NOTIFY in the gateway's real subscription dialog that a registered user
 * sends through Kamailio, which relays in-dialog requests it holds no route set for (so it arrives from the trusted
 * front end). Each is refused with a response naming the reason, nothing is expanded or fetched, nothing reaches
 * XMPP, and the next ordinary NOTIFY of the same subscription is bridged.
 */
class PidfEntityExpansionKamailioIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String KAMAILIO = "127.0.86.1";
    private static final String GATEWAY = "127.0.86.2";
    private static final int GATEWAY_PORT = 5070;
    private static final String PHONE = "127.0.86.10";
    private static final String HOSTILE_USER = "127.0.86.11";
    /** Where the hostile documents' external DTDs and entities point: a listener that counts who connects. */
    private static final String ENTITY_SERVER = "127.0.86.99";
    private static final int ENTITY_PORT = 8086;
    private static final String PIDF = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
              <tuple id="phone"><status><basic>open</basic></status><note>%s</note></tuple>
            </presence>""";

    /** Ten levels of ten: a billion "lol"s if expanded, 3 GB of text. */
    static final String BILLION_LAUGHS = billionLaughs();
    static final String EXTERNAL_ENTITY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE presence [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://%1$s:%2$d/entity">]>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
              <tuple id="phone"><status><basic>open</basic></status><note>&secret;&remote;</note></tuple>
            </presence>""".formatted(ENTITY_SERVER, ENTITY_PORT);
    static final String EXTERNAL_DTD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE presence SYSTEM "http://%1$s:%2$d/pidf.dtd" [<!ENTITY %% p SYSTEM "http://%1$s:%2$d/p">%%p;]>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
              <tuple id="phone"><status><basic>open</basic></status><note>external DTD</note></tuple>
            </presence>""".formatted(ENTITY_SERVER, ENTITY_PORT);

    private static KamailioPeer kamailio;
    private static SipBridge gateway;
    private static final InMemorySubscriptions SUBSCRIPTIONS = new InMemorySubscriptions(null);
    private static final List<Packet> TO_XMPP = new CopyOnWriteArrayList<>();
    private static ServerSocket entityServer;
    private static final AtomicInteger ENTITY_FETCHES = new AtomicInteger();
    private static int sequence;

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE presence [%s]>
                <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
                  <tuple id="phone"><status><basic>open</basic></status><note>&lol10;</note></tuple>
                </presence>""".formatted(dtd);
    }

    @BeforeAll
    static void start() throws Exception {
        entityServer = new ServerSocket();
        entityServer.bind(new InetSocketAddress(ENTITY_SERVER, ENTITY_PORT));
        Thread counter = new Thread(() -> {
            while (!entityServer.isClosed()) {
                try (Socket s = entityServer.accept()) {
                    ENTITY_FETCHES.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "entity-fetch-counter");
        counter.setDaemon(true);
        counter.start();
        kamailio = KamailioPeer.builder("a.test", KAMAILIO).gateway(GATEWAY, GATEWAY_PORT, "udp")
                .directory(PeerDirectories.fresh("kamailio-pidf-entities")).start();
        gateway = TestBridges.start(TestBridges.settings(GATEWAY, GATEWAY_PORT, List.of("udp"), KAMAILIO, KamailioPeer.PORT, "udp",
                Duration.ofSeconds(1), null), TestBridges.federatedPartnerBTest(), TO_XMPP::add, new Audit(10), SUBSCRIPTIONS, "pidf-entities-it");
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
        if (entityServer != null) {
            entityServer.close();
        }
    }

    private static Presence awaitPresence(Predicate<Presence> matching, String what) {
        return TestBridges.take(TO_XMPP, Presence.class, matching, what, TIMEOUT);
    }

    private static Predicate<Presence> says(String user, String status) {
        return p -> p.getType() == null && (user + "@a.test").equals(p.getFrom().toBareJID()) && status.equals(p.getStatus());
    }

    /** juliet@b.test watches the phone; returns the gateway's subscription once Kamailio's first NOTIFY was bridged. */
    private static PresenceSubscription watch(SipUserAgent phone, String user) {
        assertEquals(200, phone.publish(PIDF.formatted("Before").replace("romeo", user), 300));
        Presence subscribe = new Presence(Presence.Type.subscribe);
        subscribe.setFrom(new JID("juliet@b.test/balcony"));
        subscribe.setTo(new JID(user + "@a.test"));
        gateway.accept(subscribe);
        awaitPresence(says(user, "Before"), user + "'s first presence");
        return SUBSCRIPTIONS.all().stream().filter(s -> s.kind() == PresenceSubscription.Kind.XMPP_WATCHES_SIP && s.sipUser().equals(user + "@a.test"))
                .findFirst().orElseThrow();
    }

    /**
     * A NOTIFY in the gateway's dialog, sent by a registered user to Kamailio over UDP, with the dialog's Call-ID and
     * tags; Kamailio relays it to the gateway. Returns the final response's status line.
     */
    private static String notifyThroughKamailio(PresenceSubscription s, String body) throws IOException {
        int n = ++sequence;
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(HOSTILE_USER, 5090))) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String request = "NOTIFY sip:gateway@" + GATEWAY + ":" + GATEWAY_PORT + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + HOSTILE_USER + ":5090;branch=z9hG4bKhostilenotify" + n + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <" + s.dialog().remoteUri() + ">;tag=" + s.dialog().remoteTag() + "\r\n"
                    + "To: <" + s.dialog().localUri() + ">;tag=" + s.dialog().localTag() + "\r\n"
                    + "Call-ID: " + s.dialog().callId() + "\r\n"
                    + "CSeq: " + (1000 + n) + " NOTIFY\r\n"
                    + "Event: presence\r\nSubscription-State: active;expires=300\r\n"
                    + "Contact: <sip:romeo@" + HOSTILE_USER + ":5090>\r\n"
                    + "Content-Type: application/pidf+xml\r\nContent-Length: " + content.length + "\r\n\r\n" + body;
            byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(KAMAILIO), KamailioPeer.PORT));
            byte[] buffer = new byte[65_535];
            while (true) {
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(answer);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no final response to the NOTIFY within " + TIMEOUT + "; Kamailio's log:\n" + kamailio.log(), e);
                }
                String statusLine = new String(buffer, 0, answer.getLength(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                if (!statusLine.startsWith("SIP/2.0 1")) {
                    return statusLine;
                }
            }
        }
    }

    private static final String REFUSED = "400 the PIDF document holds a document type declaration (DOCTYPE), which the gateway does not "
            + "accept: no entity is expanded and nothing is fetched";

    private static long refusedAtKamailio() {
        return kamailio.log().lines().filter(l -> l.contains("reply " + REFUSED + " for NOTIFY from " + GATEWAY)).count();
    }

    private static void assertNothingOfItReachedXmpp(String user) {
        assertTrue(TO_XMPP.stream().noneMatch(p -> p instanceof Presence pr && user.equals(pr.getFrom().toBareJID()) && pr.getType() == null),
                "no presence from the hostile documents: " + TO_XMPP);
        assertEquals(0, ENTITY_FETCHES.get(), "no external DTD or entity was fetched");
    }

    /**
     * A phone publishes the hostile documents at Kamailio. Kamailio itself refuses the billion laughs (its libxml2 sees
     * the entity loop: 415); it keeps the external entity and the external DTD unexpanded and passes them on in NOTIFYs,
     * which the gateway answers 400 naming the reason. The watcher gets nothing of them, and the phone's next ordinary
     * state, in the same subscription.
     */
    @Test
    void hostileDocumentsPublishedAtKamailioAreRefusedThereOrByTheGateway() {
        try (CapturedLog log = CapturedLog.start();
             SipUserAgent romeo = new SipUserAgent("romeo", "a.test", PHONE, 5080, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, romeo.register(300));
            PresenceSubscription watching = watch(romeo, "romeo");
            long before = refusedAtKamailio();
            assertEquals(415, romeo.publish(BILLION_LAUGHS, 300), () -> "Kamailio refuses the billion laughs itself; its log:\n" + kamailio.log());
            assertEquals(200, romeo.publish(EXTERNAL_ENTITY, 300), () -> "Kamailio keeps an external entity unexpanded; its log:\n" + kamailio.log());
            assertEquals(200, romeo.publish(EXTERNAL_DTD, 300), () -> "and an external DTD; Kamailio's log:\n" + kamailio.log());
            // The barrier: the gateway's answers to the two NOTIFYs carrying them, as Kamailio logs them.
            try {
                org.federationgateway.testing.openfire.OpenfireServer.await("the gateway's 400 to both NOTIFYs", TIMEOUT,
                        () -> refusedAtKamailio() >= before + 2);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the gateway's log:\n" + log.text() + "\nKamailio's log:\n" + kamailio.log(), e);
            }
            assertNothingOfItReachedXmpp("romeo@a.test");
            assertTrue(log.line("INFO", "refused a PIDF document from the presence server for romeo@a.test (reason=pidf-refused)")
                    .contains("holds a document type declaration"));

            assertEquals(200, romeo.publish(PIDF.formatted("After"), 300));
            awaitPresence(says("romeo", "After"), "romeo's next presence in the same subscription");
            assertTrue(SUBSCRIPTIONS.findByCallId(watching.dialog().callId()).isPresent(), "the same subscription");
        }
    }

    /**
     * The hostile documents as NOTIFYs in the gateway's real dialog, sent by a registered user through Kamailio (from
     * the trusted front end's address): each answered 400 naming the reason, nothing expanded, fetched or bridged;
     * the next NOTIFY Kamailio sends in that dialog is bridged.
     */
    @Test
    void hostileNotifiesInTheRealDialogAreRefusedAndTheSubscriptionKeepsServing() throws Exception {
        try (CapturedLog log = CapturedLog.start();
             SipUserAgent mercutio = new SipUserAgent("mercutio", "a.test", "127.0.86.12", 5082, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, mercutio.register(300));
            PresenceSubscription watching = watch(mercutio, "mercutio");
            for (String body : List.of(BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD)) {
                String answer = notifyThroughKamailio(watching, body);
                assertEquals("SIP/2.0 " + REFUSED, answer, () -> "the gateway's log:\n" + log.text() + "\nKamailio's log:\n" + kamailio.log());
            }
            assertNothingOfItReachedXmpp("mercutio@a.test");
            assertEquals(3, log.text().lines().filter(l -> l.contains("for mercutio@a.test (reason=pidf-refused)")).count(), log.text());

            assertEquals(200, mercutio.publish(PIDF.formatted("After").replace("romeo", "mercutio"), 300));
            awaitPresence(says("mercutio", "After"), "mercutio's next presence in the same subscription");
        }
    }
}
