package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.CounterKey;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.testing.Ports;
import org.federationgateway.testing.TestBridges;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.translate.StanzaCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The IM bridge against a real Kamailio front end with JAIN-SIP phones: the gateway's SIP endpoint, its
 * translation and its policy are real; the XMPP side is the bridge's outlet, where the partner's server
 * would be (the real-Openfire test closes that loop).
 */
class SipBridgeKamailioIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String KAMAILIO = "127.0.73.1";
    private static final String GATEWAY = "127.0.73.2";
    private static final int GATEWAY_PORT = 5070;

    private static KamailioPeer kamailio;
    private static SipBridge gateway;
    private static final Audit audit = new Audit(10);
    private static final List<Packet> toXmpp = new CopyOnWriteArrayList<>();
    /** What the XMPP side answers to a bridged message; null delivers it silently. */
    private static final AtomicReference<StanzaCondition> xmppAnswer = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        kamailio = KamailioPeer.builder("a.test", KAMAILIO).gateway(GATEWAY, GATEWAY_PORT, "udp")
                .directory(PeerDirectories.fresh("kamailio-bridge")).start();
        XmppOutlet xmpp = packet -> {
            toXmpp.add(packet);
            StanzaCondition answer = xmppAnswer.get();
            if (answer != null && packet instanceof Message m && m.getType() != Message.Type.error) {
                Message error = new Message();
                error.setType(Message.Type.error);
                error.setID(m.getID());
                error.setFrom(m.getTo());
                error.setTo(m.getFrom());
                error.setError(answer.toPacketError("no such user here", null));
                new Thread(() -> gateway.accept(error)).start();
            }
        };
        gateway = TestBridges.start(TestBridges.settings(GATEWAY, GATEWAY_PORT, List.of("udp", "tcp"), KAMAILIO, KamailioPeer.PORT, "udp",
                Duration.ofSeconds(2), null), TestBridges.federatedPartnerBTest(), xmpp, audit, null, "bridge-it");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private static long bridgedOut() {
        return audit.counters().getOrDefault(new CounterKey("b.test", Audit.BRIDGED_OUT), 0L);
    }

    private static Message partnerMessage(String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID("x" + System.nanoTime());
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID(to));
        m.setThread("thread-" + System.nanoTime());
        m.setBody(body);
        return m;
    }

    private static <T extends Packet> T awaitXmpp(Class<T> type, Predicate<T> matching, String what) {
        return TestBridges.take(toXmpp, type, matching, what, TIMEOUT);
    }

    @Test
    void aPartnerMessageReachesARegisteredSipPhone() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.73.10", 5080, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, romeo.register(300));
            Message m = partnerMessage("romeo@a.test", "Wherefore art thou?");
            long delivered = bridgedOut();
            assertTrue(gateway.accept(m), "romeo@a.test is SIP-homed");
            SipUserAgent.Received got = romeo.awaitMessage("Wherefore art thou?", TIMEOUT);
            assertEquals("sip:juliet@b.test", got.from(), "the bare address: SIP clients file one conversation per From URI");
            assertEquals(m.getThread(), got.callId(), "thread -> Call-ID");
            assertTrue(got.contentType().startsWith("text/plain"));
            // The bridge counts a MESSAGE as delivered only on its 2xx, in the same step where a failure would send
            // the error instead: once counted, the partner can get no error for it.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (bridgedOut() == delivered && System.nanoTime() < deadline) {
                Ports.sleep(20);
            }
            assertEquals(delivered + 1, bridgedOut(), "the phone's 200 is counted as a delivery");
            assertTrue(toXmpp.stream().noneMatch(p -> p instanceof Message e && e.getType() == Message.Type.error && m.getID().equals(e.getID())),
                    "no error: " + toXmpp);
        }
    }

    @Test
    void aSipPhoneReachesAPartnerUserThroughKamailioAndGets202() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.73.11", 5081, "tcp", KAMAILIO + ":5060")) {
            assertEquals(200, romeo.register(300));
            assertEquals(202, romeo.sendMessage("sip:juliet@b.test", "By a name I know not"));
            Message m = awaitXmpp(Message.class, x -> "By a name I know not".equals(x.getBody()), "romeo's message");
            assertEquals(new JID("romeo@a.test"), new JID(m.getFrom().toBareJID()));
            assertEquals(new JID("juliet@b.test"), m.getTo());
            assertEquals(Message.Type.normal, m.getType(), "RFC 7572 §5");
        }
    }

    @Test
    void anXmppErrorBecomesTheSipResponse() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.73.12", 5082, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, romeo.register(300));
            xmppAnswer.set(StanzaCondition.ITEM_NOT_FOUND);
            try {
                assertEquals(604, romeo.sendMessage("sip:nobody@b.test", "anyone?"), "RFC 7247 Table 2 note 2: item-not-found about a bare JID -> 604");
            } finally {
                xmppAnswer.set(null);
            }
        }
    }

    @Test
    void anUnknownSipUserIsItemNotFoundForThePartner() {
        Message m = partnerMessage("nobody@a.test", "hello?");
        gateway.accept(m);
        Message error = awaitXmpp(Message.class, x -> x.getType() == Message.Type.error && m.getID().equals(x.getID()), "an error for " + m.getID());
        assertEquals(StanzaCondition.ITEM_NOT_FOUND, StanzaCondition.of(error.getError()), "Kamailio 404 -> item-not-found (Table 3)");
        assertEquals(new JID("juliet@b.test/balcony"), error.getTo());
    }

    @Test
    void aVanishedPhoneIsRemoteServerTimeout() {
        try (SipUserAgent ghost = new SipUserAgent("ghost", "a.test", "127.0.73.13", 5083, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, ghost.register(300));
            ghost.answerWith(0);
            Message m = partnerMessage("ghost@a.test", "are you there?");
            gateway.accept(m);
            Message error = awaitXmpp(Message.class, x -> x.getType() == Message.Type.error && m.getID().equals(x.getID()), "a timeout error");
            assertEquals(StanzaCondition.REMOTE_SERVER_TIMEOUT, StanzaCondition.of(error.getError()), "408 -> remote-server-timeout");
        }
    }

    @Test
    void aRequestFromAnUntrustedSourceIsRefused() {
        try (SipUserAgent mallory = new SipUserAgent("mallory", "a.test", "127.0.73.14", 5084, "udp", null)) {
            long before = gateway.endpoint().refusedUntrusted();
            assertEquals(403, mallory.sendMessageDirect("sip:juliet@b.test", GATEWAY, GATEWAY_PORT, "let me relay"));
            assertEquals(before + 1, gateway.endpoint().refusedUntrusted());
            assertTrue(toXmpp.stream().noneMatch(p -> p instanceof Message m && "let me relay".equals(m.getBody())));
        }
    }

    @Test
    void theFrontEndAnswersTheHeartbeat() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (gateway.endpoint().frontEnd().state() != SipEndpoint.FrontEndState.UP && System.nanoTime() < deadline) {
            Ports.sleep(50);
        }
        assertEquals(SipEndpoint.FrontEndState.UP, gateway.endpoint().frontEnd().state());
        // the answer that made it UP also timed the round trip (the status page's chart and the statistic read it)
        long rtt = gateway.endpoint().frontEndRoundTripMillis();
        assertTrue(rtt >= 0 && rtt < TIMEOUT.toMillis(), "round trip " + rtt + " ms");
    }
}
