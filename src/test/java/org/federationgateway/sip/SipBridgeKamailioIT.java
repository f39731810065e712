package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.CounterKey;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.testing.CapturedLog;
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
                Duration.ofSeconds(2), null), TestBridges.federatedPartnerBTest(), xmpp, audit, null, "bridge-it", "alice"::equals);
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
        return message("juliet@b.test/balcony", to, body);
    }

    private static Message message(String from, String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID("x" + System.nanoTime());
        m.setFrom(new JID(from));
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

    /**
     * No relay from SIP (RFC 8048 §8): the trusted front end forwards a MESSAGE whose From is no user of the SIP
     * platform (Kamailio here checks no From, as a front end without authentication would not): a partner's address,
     * a non-partner's, a user of the local XMPP server. Each is answered 403 through Kamailio, logged with its reason
     * code, and nothing reaches XMPP.
     */
    @Test
    void aSipRequestWhoseFromIsNoSipHomedUserIsRefused() {
        String[][] senders = {{"mallory", "b.test", "127.0.73.15", "5085"}, {"mallory", "c.test", "127.0.73.16", "5086"},
                {"alice", "a.test", "127.0.73.17", "5087"}};
        for (String[] sender : senders) {
            String body = "relay me as " + sender[0] + "@" + sender[1];
            try (CapturedLog log = CapturedLog.start();
                 SipUserAgent ua = new SipUserAgent(sender[0], sender[1], sender[2], Integer.parseInt(sender[3]), "udp", KAMAILIO + ":5060")) {
                assertEquals(403, ua.sendMessage("sip:juliet@b.test", body), sender[0] + "@" + sender[1]);
                assertTrue(log.text().contains("refused MESSAGE from " + sender[0] + "@" + sender[1] + " to juliet@b.test: reason="
                        + MessageBridge.NOT_SIP_HOMED), log.text());
            }
            assertTrue(toXmpp.stream().noneMatch(p -> p instanceof Message m && body.equals(m.getBody())), "nothing reached XMPP: " + toXmpp);
        }
    }

    /**
     * No relay from XMPP: a partner's stanza for an address that is not SIP-homed (a user of the local XMPP server,
     * another partner's user, the partner's own domain) is not the bridge's; the host routes it (or refuses it) as
     * any XMPP stanza, and no SIP request is made for it.
     */
    @Test
    void aPartnerStanzaForAnAddressThatIsNotSipHomedIsNotBridged() {
        long out = bridgedOut();
        for (String to : List.of("alice@a.test", "dan@d.test", "romeo@b.test", "d.test")) {
            assertFalse(gateway.accept(partnerMessage(to, "through the gateway to " + to)), to + " is not the bridge's");
        }
        // an escaped address at the SIP domain stays at the SIP domain: Kamailio has no such user
        Message escaped = partnerMessage("dan\\40d.test@a.test", "to d.test through the SIP side");
        assertTrue(gateway.accept(escaped));
        Message error = awaitXmpp(Message.class, x -> x.getType() == Message.Type.error && escaped.getID().equals(x.getID()), "the escaped one's error");
        assertEquals(StanzaCondition.ITEM_NOT_FOUND, StanzaCondition.of(error.getError()), "looked up at a.test, not relayed to d.test");
        assertEquals(out, bridgedOut(), "nothing was delivered over SIP");
    }

    /**
     * Spoofed senders as the bridge sees them from XMPP (over the Openfire interceptor or the XEP-0114 link): a stanza
     * from a non-partner is refused by the policy (not-a-partner); one whose from is an address of the SIP side
     * (a SIP-homed user) is refused as from-sip-address. Both get forbidden, are audited with their reason code and
     * reach no phone.
     */
    @Test
    void aStanzaFromANonPartnerOrFromASipAddressIsRefusedWithItsReasonCode() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.73.18", 5088, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, romeo.register(300));
            String[][] cases = {{"mallory@c.test/x", "not-a-partner"}, {"tybalt@a.test/x", SipBridge.SPOOFED_SIP_ADDRESS}};
            for (String[] c : cases) {
                Message m = message(c[0], "romeo@a.test", "spoofed from " + c[0]);
                assertTrue(gateway.accept(m));
                Message error = awaitXmpp(Message.class, x -> x.getType() == Message.Type.error && m.getID().equals(x.getID()), "refusal of " + c[0]);
                assertEquals(StanzaCondition.FORBIDDEN, StanzaCondition.of(error.getError()), c[0]);
                assertEquals(new JID(c[0]), error.getTo());
                assertTrue(audit.latestRefusals().stream().anyMatch(r -> r.reason().equals(c[1]) && r.localParty().equals("romeo@a.test")),
                        c[1] + " audited: " + audit.latestRefusals());
            }
            // a genuine message after them is the first thing romeo's phone gets
            Message genuine = partnerMessage("romeo@a.test", "genuine after the spoofs");
            assertTrue(gateway.accept(genuine));
            SipUserAgent.Received got = romeo.awaitMessage("genuine after the spoofs", TIMEOUT);
            assertEquals("sip:juliet@b.test", got.from());
            assertEquals(0, romeo.count(r -> r.body().startsWith("spoofed from")), "no spoofed message reached the phone");
        }
    }
}
