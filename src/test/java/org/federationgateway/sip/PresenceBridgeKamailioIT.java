package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.federationgateway.audit.Audit;
import org.federationgateway.gateway.BridgePolicy;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.SipResult;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.testing.Ports;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
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

    private static KamailioPeer kamailio;
    private static SipEndpoint endpoint;
    private static PresenceBridge presence;
    private static final List<Packet> toXmpp = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kamailio = KamailioPeer.builder("a.test", KAMAILIO).gateway(GATEWAY, GATEWAY_PORT, "udp")
                .directory(PeerDirectories.fresh("kamailio-presence")).start();
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
        Audit audit = new Audit(10);
        AddressMapping addresses = new AddressMapping(DomainMap.IDENTITY);
        SipHoming homing = SipHoming.sharedDomain("a.test", user -> false, List.of());
        AtomicReference<PresenceBridge> presenceRef = new AtomicReference<>();
        AtomicReference<MessageBridge> messagesRef = new AtomicReference<>();
        endpoint = SipEndpoint.start(new SipEndpointSettings(GATEWAY, GATEWAY_PORT, List.of("udp"), KAMAILIO, KamailioPeer.PORT, "udp",
                Set.of(KAMAILIO), Duration.ofSeconds(5), "presence-it"), new SipInbound() {
                    @Override
                    public java.util.concurrent.CompletionStage<SipResult> message(SipMessage message) {
                        return messagesRef.get().fromSip(message);
                    }

                    @Override
                    public PresenceBridge.SubscribeOutcome subscribe(SipUri presentity, SipUri watcher, SipDialog dialog, int expires) {
                        return presenceRef.get().onSubscribe(presentity, watcher, dialog, expires);
                    }

                    @Override
                    public SipResult notify(String callId, String state, String lang, byte[] body) {
                        return presenceRef.get().onNotify(callId, state, lang, body);
                    }
                }, Clock.systemUTC());
        presence = new PresenceBridge(new BridgePolicy(() -> policy, new PolicyEvaluator(GroupMembership.NONE), audit, Clock.systemUTC()),
                addresses, homing, new InMemorySubscriptions(null), toXmpp::add, endpoint, Clock.systemUTC(), Duration.ofSeconds(3600));
        presenceRef.set(presence);
        messagesRef.set(new MessageBridge(() -> policy, new PolicyEvaluator(GroupMembership.NONE),
                new MessageMapping(addresses, MessageMapping.InboundType.NORMAL), homing, presence::sipUserKnows, toXmpp::add, endpoint, audit,
                (k, d) -> k, Clock.systemUTC(), Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private static Presence awaitPresence(Predicate<Presence> matching, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Packet p : toXmpp) {
                if (p instanceof Presence pr && matching.test(pr)) {
                    toXmpp.remove(p);
                    return pr;
                }
            }
            Ports.sleep(20);
        }
        throw new AssertionError("the XMPP side never got " + what + "; it got " + toXmpp);
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

            presence.fromXmpp(fromPartner(Presence.Type.subscribe, "romeo@a.test"));
            awaitPresence(p -> p.getType() == Presence.Type.subscribed && p.getFrom().toBareJID().equals("romeo@a.test"),
                    "subscribed from romeo (P4)");
            Presence available = awaitPresence(p -> p.getType() == null && "romeo@a.test".equals(p.getFrom().toBareJID()), "romeo available");
            assertEquals("In the orchard", available.getStatus(), "note -> status for a Federated partner");
            assertEquals("juliet@b.test", available.getTo().toBareJID());

            assertEquals(200, romeo.publish(OPEN.formatted("romeo", "closed", "Gone"), 300));
            awaitPresence(p -> p.getType() == Presence.Type.unavailable && "romeo@a.test".equals(p.getFrom().toBareJID()), "romeo unavailable");

            presence.fromXmpp(fromPartner(Presence.Type.unsubscribe, "romeo@a.test"));
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
            presence.fromXmpp(subscribed);
            mercutio.awaitNotify("active", String::isEmpty, TIMEOUT);

            Presence available = fromPartner(null, "mercutio@a.test");
            available.setStatus("On the balcony");
            available.setShow(Presence.Show.away);
            presence.fromXmpp(available);
            SipUserAgent.Received notify = mercutio.awaitNotify("active", body -> body.contains("<basic>open</basic>"), TIMEOUT);
            assertTrue(notify.body().contains("On the balcony"), notify.body());
            assertTrue(notify.body().contains(">away<"), "show embedded (RFC 8048 §6.2): " + notify.body());

            presence.fromXmpp(fromPartner(Presence.Type.unavailable, "mercutio@a.test"));
            mercutio.awaitNotify("active", body -> body.contains("<basic>closed</basic>"), TIMEOUT);
        }
    }
}
