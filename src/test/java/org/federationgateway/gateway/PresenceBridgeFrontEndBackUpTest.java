package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.PolicyGate;
import org.federationgateway.gateway.PresenceSubscription.Kind;
import org.federationgateway.gateway.PresenceSubscription.State;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.SipUri;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * A presence server restarted without its subscriptions answers a refresh with 481 (RFC 6665 §4.1.2.2): when the
 * front end answers again after an outage, the gateway refreshes its subscriptions at once, and a lost one starts
 * again in a new dialog with the partner user's authorization kept.
 */
class PresenceBridgeFrontEndBackUpTest {
    private record Sent(SipDialog dialog, long cseq, int expires, CompletableFuture<SipPresenceOutlet.SubscribeAnswer> answer) {
    }

    private final List<Sent> subscribes = new ArrayList<>();
    private final List<SipDialog> notifies = new CopyOnWriteArrayList<>();
    private final List<Packet> toXmpp = new CopyOnWriteArrayList<>();
    private final Map<String, PresenceSubscription> stored = new ConcurrentHashMap<>();

    private final SipPresenceOutlet sip = new SipPresenceOutlet() {
        @Override
        public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
            CompletableFuture<SubscribeAnswer> f = new CompletableFuture<>();
            subscribes.add(new Sent(dialog, cseq, expires, f));
            return f;
        }

        @Override
        public CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
            notifies.add(dialog);
            return CompletableFuture.completedFuture(SipStatus.OK);
        }
    };

    private final SubscriptionStore store = new MapSubscriptionStore(stored);

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);
    private final PresenceBridge bridge = bridge();

    private PresenceBridge bridge() {
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
        return new PresenceBridge(new PolicyGate(() -> policy, new PolicyEvaluator(), new Audit(10), clock),
                new AddressMapping(DomainMap.IDENTITY), SipHoming.sharedDomain("a.test", user -> false, List.of()), store, toXmpp::add,
                sip, clock, Duration.ofHours(1));
    }

    private static Presence presence(Presence.Type type) {
        Presence p = new Presence(type);
        p.setFrom(new JID("juliet@b.test/balcony"));
        p.setTo(new JID("mercutio@a.test"));
        return p;
    }

    private static SipPresenceOutlet.SubscribeAnswer answer(int status, SipDialog dialog) {
        return new SipPresenceOutlet.SubscribeAnswer(new SipStatus(status, "x"), dialog, status < 300 ? 3600 : 0);
    }

    /** juliet@b.test watches mercutio@a.test: subscribed, answered 200, made active by a NOTIFY. */
    private SipDialog activeSubscription() {
        bridge.fromXmpp(presence(Presence.Type.subscribe));
        SipDialog dialog = subscribes.get(0).dialog().withRemote("kam-tag", "sip:127.0.0.5:5060");
        subscribes.get(0).answer().complete(answer(200, dialog));
        bridge.onNotify(dialog.callId(), "active;expires=3600", null, null);
        PresenceSubscription s = stored.values().iterator().next();
        assertEquals(State.ACTIVE, s.state());
        return dialog;
    }

    private PresenceSubscription current() {
        return stored.get(PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, "juliet@b.test", "mercutio@a.test"));
    }

    @Test
    void aSubscriptionTheRestartedPresenceServerLostStartsAgainInANewDialog() {
        SipDialog before = activeSubscription();
        assertEquals(1, bridge.frontEndBackUp());
        Sent refresh = subscribes.get(1);
        assertEquals(before.callId(), refresh.dialog().callId(), "first a refresh in the stored dialog");
        assertEquals(3600, refresh.expires());
        refresh.answer().complete(answer(481, refresh.dialog())); // the presence server lost it with its restart

        assertEquals(3, subscribes.size(), "a new SUBSCRIBE at once");
        Sent again = subscribes.get(2);
        assertNotEquals(before.callId(), again.dialog().callId(), "in a new dialog");
        assertEquals(again.dialog().callId(), current().dialog().callId(), "stored with its new dialog");
        assertEquals(State.ACTIVE, current().state(), "still authorized while the new dialog starts");
        again.answer().complete(answer(200, again.dialog().withRemote("kam-tag-2", "sip:127.0.0.5:5060")));
        assertTrue(bridge.partnerWatches("juliet@b.test", "mercutio@a.test"), "the partner user still watches");
        assertTrue(toXmpp.stream().noneMatch(p -> p instanceof Presence pr && pr.getType() == Presence.Type.unsubscribed),
                "the partner user's authorization was not taken back");
    }

    @Test
    void aTransientFailureOfTheNewDialogKeepsTheSubscriptionForTheNextRefresh() {
        activeSubscription();
        bridge.frontEndBackUp();
        subscribes.get(1).answer().complete(answer(481, subscribes.get(1).dialog()));
        subscribes.get(2).answer().complete(answer(503, subscribes.get(2).dialog())); // the presence server not ready yet

        assertTrue(bridge.partnerWatches("juliet@b.test", "mercutio@a.test"), "kept");
        assertTrue(toXmpp.stream().noneMatch(p -> p instanceof Presence pr && pr.getType() == Presence.Type.unsubscribed),
                "the partner user's subscription was not taken back");
        bridge.refreshDue(Duration.ofMinutes(5));
        assertEquals(4, subscribes.size(), "sent again at the next refresh check");
        assertEquals(subscribes.get(2).dialog().callId(), subscribes.get(3).dialog().callId(), "in the dialog it tried to start");
        subscribes.get(3).answer().complete(answer(200, subscribes.get(3).dialog().withRemote("kam-tag-3", "sip:127.0.0.5:5060")));
        assertEquals("kam-tag-3", current().dialog().remoteTag());
        assertEquals(State.ACTIVE, current().state());
    }

    @Test
    void aFirstSubscriptionRefusedOrUnansweredIsTheAnswer() {
        bridge.fromXmpp(presence(Presence.Type.subscribe));
        subscribes.get(0).answer().complete(answer(408, subscribes.get(0).dialog()));
        assertTrue(!bridge.partnerWatches("juliet@b.test", "mercutio@a.test"), "a first SUBSCRIBE without an answer ends as before");
        assertTrue(toXmpp.stream().anyMatch(p -> p instanceof Presence pr && pr.getType() == Presence.Type.unsubscribed));
    }

    @Test
    void aSubscriptionThePresenceServerKeptIsOnlyRefreshed() {
        SipDialog before = activeSubscription();
        bridge.frontEndBackUp();
        subscribes.get(1).answer().complete(answer(200, subscribes.get(1).dialog()));
        assertEquals(2, subscribes.size(), "no new subscription");
        assertEquals(before.callId(), current().dialog().callId());
        assertEquals(State.ACTIVE, current().state());
    }

    /**
     * RFC 6665 §4.1.2.1: a SIP watcher's refresh is a target refresh. Behind a proxy that names the watcher's connection
     * in its Contact (NAT handling), the Contact changes when the proxy restarts; NOTIFYs follow the new one.
     */
    @Test
    void aSipWatchersRefreshMovesItsNotifiesToTheNewContact() {
        SipUri juliet = SipUri.parse("sip:juliet@b.test");
        SipUri benvolio = SipUri.parse("sip:benvolio@a.test");
        SipDialog first = new SipDialog("w@phone", "sip:juliet@b.test", "pending", "sip:benvolio@a.test", "phone-tag",
                "sip:benvolio@127.0.0.9:5081;alias=127.0.0.9~40000~2;transport=tcp", List.of("<sip:127.0.0.5;transport=tcp;lr>"));
        bridge.onSubscribe(juliet, benvolio, first, 600).afterResponse().run();
        SipDialog refresh = new SipDialog("w@phone", "sip:juliet@b.test", "gw-tag", "sip:benvolio@a.test", "phone-tag",
                "sip:benvolio@127.0.0.9:5081;alias=127.0.0.9~40001~2;transport=tcp", List.of("<sip:127.0.0.5;transport=tcp;lr>"));
        bridge.onSubscribe(juliet, benvolio, refresh, 600).afterResponse().run();

        PresenceSubscription s = stored.get(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, "juliet@b.test", "benvolio@a.test"));
        assertEquals(refresh.remoteTarget(), s.dialog().remoteTarget(), "the new Contact");
        assertEquals(first.routeSet(), s.dialog().routeSet(), "the route set of the dialog's start");
        assertEquals(refresh.remoteTarget(), notifies.get(notifies.size() - 1).remoteTarget(), "the refresh's NOTIFY went there");
        assertEquals(notifies.get(0).localTag(), s.dialog().localTag(), "the gateway's tag unchanged");
    }

    @Test
    void sipWatchersAreNotTheFrontEndsToRefresh() {
        PresenceSubscription watcher = new PresenceSubscription(Kind.SIP_WATCHES_XMPP, "juliet@b.test", "benvolio@a.test",
                new SipDialog("watcher@phone", "sip:juliet@b.test", "gw-tag", "sip:benvolio@a.test", "phone-tag", "sip:benvolio@127.0.0.9", List.of()),
                3, State.ACTIVE, clock.instant().plusSeconds(600));
        store.save(watcher);
        assertEquals(0, bridge.frontEndBackUp());
        assertEquals(List.of(), subscribes);
        assertEquals(watcher, stored.get(watcher.key()));
    }
}
