package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.PolicyGate;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * RFC 6665 §4.1.2.2 refreshes racing the end of a subscription: a refresh answered after the partner user
 * unsubscribed must neither keep the subscription nor start a new one (seen against Kamailio as a fresh
 * SUBSCRIBE right after the un-SUBSCRIBE).
 */
class PresenceBridgeRefreshRaceTest {
    private final List<CompletableFuture<SipPresenceOutlet.SubscribeAnswer>> pending = new ArrayList<>();
    private final List<Integer> expiriesSent = new ArrayList<>();
    private final Map<String, PresenceSubscription> stored = new ConcurrentHashMap<>();

    private final SipPresenceOutlet sip = new SipPresenceOutlet() {
        @Override
        public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
            expiriesSent.add(expires);
            CompletableFuture<SubscribeAnswer> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
            return CompletableFuture.completedFuture(SipStatus.OK);
        }
    };

    private final SubscriptionStore store = new MapSubscriptionStore(stored);

    private PresenceBridge bridge() {
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        return new PresenceBridge(new PolicyGate(() -> policy, new PolicyEvaluator(), new Audit(10), clock),
                new AddressMapping(DomainMap.IDENTITY), SipHoming.sharedDomain("a.test", user -> false, List.of()), store, packet -> { },
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

    @Test
    void aRefreshAnsweredAfterTheUnsubscribeDoesNotReviveOrRestartTheSubscription() {
        PresenceBridge bridge = bridge();
        bridge.fromXmpp(presence(Presence.Type.subscribe));
        SipDialog dialog = stored.values().iterator().next().dialog().withRemote("kam-tag", "sip:127.0.0.5:5060");
        pending.get(0).complete(answer(200, dialog));
        assertTrue(bridge.partnerWatches("juliet@b.test", "mercutio@a.test"));

        bridge.fromXmpp(presence(Presence.Type.probe)); // a refresh goes out...
        bridge.fromXmpp(presence(Presence.Type.unsubscribe)); // ...and the partner user stops watching before it is answered
        assertEquals(List.of(3600, 3600, 0), expiriesSent, "subscribe, refresh, then Expires: 0");
        pending.get(1).complete(answer(481, dialog)); // the presence server already ended the dialog

        assertFalse(bridge.partnerWatches("juliet@b.test", "mercutio@a.test"), "the late answer did not revive it");
        assertEquals(3, expiriesSent.size(), "and no new SUBSCRIBE was started");
    }

    /**
     * RFC 6665 §4.1.2.4: the presence server's first NOTIFY can be handled while the 200 to the SUBSCRIBE is, on
     * another thread. Here the 200 is carried out just after the NOTIFY's handling has read the subscription: what is
     * stored afterwards has both the NOTIFY's state and the 200's remote target, so the un-SUBSCRIBE goes to that target.
     */
    @Test
    void theFirstNotifyAndThe200ToTheSubscribeInterleavedKeepBothTheActiveStateAndTheRemoteTarget() {
        java.util.concurrent.atomic.AtomicReference<Runnable> onRead = new java.util.concurrent.atomic.AtomicReference<>(() -> { });
        Map<String, PresenceSubscription> rows = new ConcurrentHashMap<>();
        SubscriptionStore interleaving = new MapSubscriptionStore(rows) {
            @Override
            public java.util.Optional<PresenceSubscription> findByCallId(String callId) {
                java.util.Optional<PresenceSubscription> read = super.findByCallId(callId);
                onRead.getAndSet(() -> { }).run(); // the 200 is carried out right after the NOTIFY read its copy
                return read;
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
        PresenceBridge bridge = new PresenceBridge(new PolicyGate(() -> policy, new PolicyEvaluator(), new Audit(10), clock),
                new AddressMapping(DomainMap.IDENTITY), SipHoming.sharedDomain("a.test", user -> false, List.of()), interleaving, packet -> { },
                sip, clock, Duration.ofHours(1));
        bridge.fromXmpp(presence(Presence.Type.subscribe));
        PresenceSubscription started = rows.values().iterator().next();
        SipDialog answered = started.dialog().withRemote("kam-tag", "sip:a.test@127.0.0.5:5060");
        onRead.set(() -> pending.get(0).complete(answer(200, answered)));

        assertEquals(200, bridge.onNotify(started.dialog().callId(), "active;expires=3600", null, new byte[0]).status());

        PresenceSubscription now = rows.values().iterator().next();
        assertEquals(PresenceSubscription.State.ACTIVE, now.state(), "the NOTIFY's state");
        assertEquals("sip:a.test@127.0.0.5:5060", now.dialog().remoteTarget(), "the 200's remote target");
    }
}
