package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * RFC 6665 §3.2 (NOTIFY is a target refresh request) on a cluster: a SIP watcher's subscription adopted from a node
 * that left is NOTIFYed at once from the adopting node, in the stored dialog with the next CSeq, before the partner
 * user is probed (active) or asked again (pending).
 */
class PresenceBridgeAdoptionTest {
    private record Notified(SipDialog dialog, long cseq, String state, byte[] pidf) {
    }

    private final List<Notified> notifies = new ArrayList<>();
    private final List<Packet> sent = new ArrayList<>();
    private final Map<String, PresenceSubscription> stored = new ConcurrentHashMap<>();
    private final List<PresenceSubscription> leftBehind = new ArrayList<>();

    private final SipPresenceOutlet sip = new SipPresenceOutlet() {
        @Override
        public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
            notifies.add(new Notified(dialog, cseq, subscriptionState, pidf));
            return CompletableFuture.completedFuture(SipStatus.OK);
        }
    };

    private final SubscriptionStore store = new MapSubscriptionStore(stored) {
        @Override
        public Collection<PresenceSubscription> adopt(String departedNode) {
            leftBehind.forEach(this::save);
            return List.copyOf(leftBehind);
        }
    };

    private PresenceBridge bridge(Clock clock) {
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
        return new PresenceBridge(new PolicyGate(() -> policy, new PolicyEvaluator(), new Audit(10), clock),
                new AddressMapping(DomainMap.IDENTITY), SipHoming.sharedDomain("a.test", user -> false, List.of()), store, sent::add,
                sip, clock, Duration.ofHours(1));
    }

    @ParameterizedTest(name = "adopted {0}: NOTIFY {1}, then presence {2} to the partner user")
    @CsvSource({
            "active,  active;expires=600,  probe",
            "pending, pending;expires=600, subscribe",
    })
    void theAdoptingNodeNotifiesTheWatcherAtOnceThenAsksThePartnerUser(String state, String notifyState, String presenceType) {
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T07:00:00Z"), ZoneOffset.UTC);
        SipDialog dialog = new SipDialog("phone-call-1", "sip:juliet@b.test", "gw-tag", "sip:benvolio@a.test", "phone-tag",
                "sip:benvolio@127.0.65.12:5084", List.of("<sip:127.0.65.4;lr>"));
        leftBehind.add(new PresenceSubscription(Kind.SIP_WATCHES_XMPP, "juliet@b.test", "benvolio@a.test", dialog, 7,
                State.fromCode(state), clock.instant().plusSeconds(600)));

        assertEquals(1, bridge(clock).adopt("node-1"));

        assertEquals(1, notifies.size(), "one NOTIFY at once: " + notifies);
        Notified n = notifies.get(0);
        assertEquals(dialog, n.dialog(), "in the watcher's dialog as stored (its tags, target and route set)");
        assertEquals(8, n.cseq(), "with the CSeq after the last one the departed node sent");
        assertEquals(notifyState, n.state());
        assertNull(n.pidf(), "empty: nothing is known of the partner user's presence yet (RFC 8048 §5.3.2)");
        assertTrue(stored.get(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, "juliet@b.test", "benvolio@a.test")).cseq() >= 8,
                "the CSeq used is stored, so the next NOTIFY goes above it");

        assertEquals(1, sent.size(), "then one presence stanza to the partner user: " + sent);
        Presence p = (Presence) sent.get(0);
        assertEquals(Presence.Type.valueOf(presenceType), p.getType());
        assertEquals("benvolio@a.test", p.getFrom().toString());
        assertEquals("juliet@b.test", p.getTo().toString());
    }
}
