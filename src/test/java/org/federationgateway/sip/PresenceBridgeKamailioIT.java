package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.federationgateway.audit.Audit;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.PresenceBridge;
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
 * RFC 8048 presence across the bridge against a real Kamailio presence server: a partner user watching a SIP
 * phone (the gateway subscribes at Kamailio), and a SIP phone watching a partner user (the gateway is the
 * presence agent). The XMPP side is the bridge's outlet.
 */
class PresenceBridgeKamailioIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String KAMAILIO = "127.0.74.1";
    private static final String GATEWAY = "127.0.74.2";
    private static final int GATEWAY_PORT = 5070;
    private static final String OPEN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:%s@a.test">
              <tuple id="phone"><status><basic>%s</basic></status><note>%s</note></tuple>
            </presence>""";

    private static final String RPID = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:%s@a.test">
              <tuple id="phone"><status><basic>open</basic></status></tuple>
              <dm:person id="p1"><rpid:activities><rpid:%s/></rpid:activities><dm:note>%s</dm:note></dm:person>
            </presence>""";

    private static KamailioPeer kamailio;
    private static SipBridge gateway;
    private static PresenceBridge presence;
    private static final List<Packet> toXmpp = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kamailio = KamailioPeer.builder("a.test", KAMAILIO).gateway(GATEWAY, GATEWAY_PORT, "udp")
                .directory(PeerDirectories.fresh("kamailio-presence")).start();
        gateway = TestBridges.start(TestBridges.settings(GATEWAY, GATEWAY_PORT, List.of("udp"), KAMAILIO, KamailioPeer.PORT, "udp",
                Duration.ofSeconds(1), null), TestBridges.federatedPartnerBTest(), toXmpp::add, new Audit(10), null, "presence-it");
        presence = gateway.presence();
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

    private static Presence awaitPresence(Predicate<Presence> matching, String what) {
        return TestBridges.take(toXmpp, Presence.class, matching, what, TIMEOUT);
    }

    private static Presence fromPartner(Presence.Type type, String to) {
        Presence p = type == null ? new Presence() : new Presence(type);
        p.setFrom(new JID("juliet@b.test/balcony"));
        p.setTo(new JID(to));
        return p;
    }

    @Test
    void aPartnerUserWatchesASipPhoneThroughKamailiosPresenceServer() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.74.10", 5080, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, romeo.register(300));
            assertEquals(200, romeo.publish(OPEN.formatted("romeo", "open", "In the orchard"), 300));

            gateway.accept(fromPartner(Presence.Type.subscribe, "romeo@a.test"));
            awaitPresence(p -> p.getType() == Presence.Type.subscribed && p.getFrom().toBareJID().equals("romeo@a.test"),
                    "subscribed from romeo (P4)");
            Presence available = awaitPresence(p -> p.getType() == null && "romeo@a.test".equals(p.getFrom().toBareJID()), "romeo available");
            assertEquals("In the orchard", available.getStatus(), "note -> status for a Federated partner");
            assertEquals("juliet@b.test", available.getTo().toBareJID());

            assertEquals(200, romeo.publish(OPEN.formatted("romeo", "closed", "Gone"), 300));
            awaitPresence(p -> p.getType() == Presence.Type.unavailable && "romeo@a.test".equals(p.getFrom().toBareJID()), "romeo unavailable");

            gateway.accept(fromPartner(Presence.Type.unsubscribe, "romeo@a.test"));
            awaitPresence(p -> p.getType() == Presence.Type.unsubscribed, "unsubscribed (P6)");
        }
    }

    @Test
    void aSipPhoneWatchesAPartnerUserWithTheGatewayAsPresenceAgent() {
        try (SipUserAgent mercutio = new SipUserAgent("mercutio", "a.test", "127.0.74.11", 5081, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, mercutio.register(300));
            assertEquals(200, mercutio.subscribe("sip:juliet@b.test", 600));
            SipUserAgent.Received pending = mercutio.awaitNotify("pending", body -> body.isEmpty(), TIMEOUT);
            assertNull(pending.contentType(), "P7: the first NOTIFY is pending and empty");
            Presence ask = awaitPresence(p -> p.getType() == Presence.Type.subscribe, "a subscription request from mercutio (P7)");
            assertEquals("mercutio@a.test", ask.getFrom().toBareJID());
            assertEquals("juliet@b.test", ask.getTo().toBareJID());
            assertTrue(presence.sipUserKnows("mercutio@a.test", "juliet@b.test"), "the SIP user added the partner user");

            Presence subscribed = new Presence(Presence.Type.subscribed);
            subscribed.setFrom(new JID("juliet@b.test"));
            subscribed.setTo(new JID("mercutio@a.test"));
            gateway.accept(subscribed);
            mercutio.awaitNotify("active", String::isEmpty, TIMEOUT);

            Presence available = fromPartner(null, "mercutio@a.test");
            available.setStatus("On the balcony");
            available.setShow(Presence.Show.away);
            gateway.accept(available);
            SipUserAgent.Received notify = mercutio.awaitNotify("active", body -> body.contains("<basic>open</basic>"), TIMEOUT);
            assertTrue(notify.body().contains("On the balcony"), notify.body());
            assertTrue(notify.body().contains(">away<"), "show embedded (RFC 8048 §6.2): " + notify.body());

            gateway.accept(fromPartner(Presence.Type.unavailable, "mercutio@a.test"));
            mercutio.awaitNotify("active", body -> body.contains("<basic>closed</basic>"), TIMEOUT);
        }
    }

    /**
     * RFC 4480 from a phone, through Kamailio's presence server (which composes what it passes on from the phone's
     * PUBLISH), to the partner as XMPP {@code <show/>}: busy is dnd, away is away (RFC 8048 §6.2 leaves
     * the extension to RPID).
     */
    @Test
    void aPhonesRpidBusyAndAwayReachThePartnerAsShowThroughKamailio() {
        try (SipUserAgent tybalt = new SipUserAgent("tybalt", "a.test", "127.0.74.12", 5082, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, tybalt.register(300));
            assertEquals(200, tybalt.publish(RPID.formatted("tybalt", "busy", "In a duel"), 300));

            gateway.accept(fromPartner(Presence.Type.subscribe, "tybalt@a.test"));
            Presence busy = awaitPresence(p -> p.getType() == null && "tybalt@a.test".equals(p.getFrom().toBareJID())
                    && p.getShow() == Presence.Show.dnd, "tybalt busy as dnd");
            assertEquals("In a duel", busy.getStatus());

            assertEquals(200, tybalt.publish(RPID.formatted("tybalt", "away", "Out"), 300));
            Presence away = awaitPresence(p -> p.getType() == null && "tybalt@a.test".equals(p.getFrom().toBareJID())
                    && p.getShow() == Presence.Show.away, "tybalt away");
            assertEquals("Out", away.getStatus());

            gateway.accept(fromPartner(Presence.Type.unsubscribe, "tybalt@a.test"));
            awaitPresence(p -> p.getType() == Presence.Type.unsubscribed && "tybalt@a.test".equals(p.getFrom().toBareJID()), "unsubscribed");
        }
    }
}
