package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
 * RFC 6665 §4.2.2 on a cluster: a partner's answer or presence change for a SIP watcher is NOTIFYed in the watcher's
 * dialog, which only the node holding its subscription has. The node that receives the stanza from the partner's
 * server hands it to that node when it is another node in the cluster, and carries it out itself otherwise.
 */
class PresenceBridgeClusterForwardingTest {
    private static final String KEY = PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, "juliet@b.test", "benvolio@a.test");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T07:00:00Z"), ZoneOffset.UTC);

    private record Forwarded(String node, String key, String stanza) {
    }

    private final List<String> notifies = new ArrayList<>();
    private final List<Packet> sent = new ArrayList<>();
    private final List<Forwarded> forwarded = new ArrayList<>();
    private final Map<String, PresenceSubscription> here = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private boolean databaseDown;

    private final SipPresenceOutlet sip = new SipPresenceOutlet() {
        @Override
        public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
            notifies.add(subscriptionState + (pidf == null ? "" : " with PIDF: " + new String(pidf, java.nio.charset.StandardCharsets.UTF_8)));
            return CompletableFuture.completedFuture(SipStatus.OK);
        }
    };

    /** This node's subscriptions, and the owner column of the table every node shares. */
    private final SubscriptionStore store = new SubscriptionStore() {
        @Override
        public Optional<PresenceSubscription> find(String key) {
            return Optional.ofNullable(here.get(key));
        }

        @Override
        public Optional<PresenceSubscription> findByCallId(String callId) {
            return here.values().stream().filter(s -> s.dialog().callId().equals(callId)).findFirst();
        }

        @Override
        public void save(PresenceSubscription s) {
            here.put(s.key(), s);
            owners.put(s.key(), "node-1");
        }

        @Override
        public void remove(String key) {
            here.remove(key);
            owners.remove(key);
        }

        @Override
        public Collection<PresenceSubscription> all() {
            return List.copyOf(here.values());
        }

        @Override
        public Optional<String> ownerOf(String key) {
            if (databaseDown) {
                throw new IllegalStateException("database down");
            }
            return Optional.ofNullable(owners.get(key));
        }
    };

    private PresenceBridge bridge(String localNode, Set<String> members, boolean forwardWorks) {
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
        ClusterForwarding cluster = new ClusterForwarding() {
            @Override
            public String localNode() {
                return localNode;
            }

            @Override
            public boolean isMember(String node) {
                return members.contains(node);
            }

            @Override
            public boolean forward(String node, String key, String stanzaXml) {
                if (forwardWorks) {
                    forwarded.add(new Forwarded(node, key, stanzaXml));
                }
                return forwardWorks;
            }
        };
        return new PresenceBridge(new PolicyGate(() -> policy, new PolicyEvaluator(), new Audit(10), CLOCK),
                new AddressMapping(DomainMap.IDENTITY), SipHoming.sharedDomain("a.test", user -> false, List.of()), store, sent::add,
                sip, CLOCK, Duration.ofHours(1), cluster);
    }

    private static PresenceSubscription watch(State state) {
        SipDialog dialog = new SipDialog("phone-call-1", "sip:juliet@b.test", "gw-tag", "sip:benvolio@a.test", "phone-tag",
                "sip:benvolio@127.0.65.12:5084", List.of());
        return new PresenceSubscription(Kind.SIP_WATCHES_XMPP, "juliet@b.test", "benvolio@a.test", dialog, 3, state, CLOCK.instant().plusSeconds(600));
    }

    private static Presence fromJuliet(String type) {
        Presence p = new Presence();
        if (!type.equals("available")) {
            p.setType(Presence.Type.valueOf(type));
        }
        p.setFrom("juliet@b.test/balcony");
        p.setTo("benvolio@a.test");
        return p;
    }

    @ParameterizedTest(name = "{0} for a watcher served by another node in the cluster: handed to it, nothing done here")
    @CsvSource({"subscribed", "unsubscribed", "available", "unavailable"})
    void aStanzaForAWatcherOfAnotherNodeIsHandedToThatNode(String type) {
        owners.put(KEY, "node-2");
        Presence p = fromJuliet(type);
        bridge("node-1", Set.of("node-1", "node-2"), true).fromXmpp(p);
        assertEquals(List.of(new Forwarded("node-2", KEY, p.toXML())), forwarded);
        assertEquals(List.of(), notifies, "no NOTIFY from this node, which has no dialog");
        assertEquals(List.of(), sent, "nothing sent back to the partner from here");
    }

    @ParameterizedTest(name = "{0}: carried out here, nothing handed on")
    @CsvSource({
            "this node holds it,             node-1, node-1",
            "its node left the cluster,      node-2, node-1",
            "not clustered,                  node-2, -",
    })
    void otherwiseTheStanzaIsCarriedOutHere(String situation, String owner, String localNode) {
        if (owner.equals("node-1")) {
            store.save(watch(State.ACTIVE));
        } else {
            owners.put(KEY, owner);
        }
        bridge(localNode.equals("-") ? null : localNode, Set.of("node-1"), true).fromXmpp(fromJuliet("available"));
        assertEquals(List.of(), forwarded, situation);
        assertEquals(owner.equals("node-1") ? 1 : 0, notifies.size(), situation + ": " + notifies);
    }

    @ParameterizedTest(name = "the answer {0}, handed over by the node that received it, is NOTIFYed here ({1})")
    @CsvSource({"subscribed, active", "unsubscribed, terminated"})
    void theOwningNodeCarriesOutAHandedOverAnswerAsIfItHadReceivedIt(String type, String state) {
        store.save(watch(State.PENDING));
        owners.put(KEY, "node-1");
        bridge("node-1", Set.of("node-1", "node-2"), true).forwardedFromNode(fromJuliet(type));
        assertEquals(1, notifies.size(), "one NOTIFY in the watcher's dialog: " + notifies);
        assertTrue(notifies.get(0).startsWith(state), notifies.get(0));
        assertEquals(List.of(), forwarded, "not handed on again");
    }

    /** Cluster tasks may run out of order: the partner's presence, sent right after its answer, can arrive first. */
    @org.junit.jupiter.api.Test
    void presenceHandedOverBeforeTheAnswerIsInTheActiveNotify() {
        store.save(watch(State.PENDING));
        owners.put(KEY, "node-1");
        PresenceBridge b = bridge("node-1", Set.of("node-1", "node-2"), true);
        Presence available = fromJuliet("available");
        available.setStatus("On the balcony");
        b.forwardedFromNode(available);
        assertEquals(List.of(), notifies, "nothing of the presence while the subscription is pending");
        b.forwardedFromNode(fromJuliet("subscribed"));
        assertEquals(1, notifies.size(), notifies.toString());
        assertTrue(notifies.get(0).startsWith("active") && notifies.get(0).contains("On the balcony"), notifies.get(0));
    }

    @ParameterizedTest(name = "handing over fails ({0}): carried out here, where it is logged")
    @CsvSource({"the node left in the meantime"})
    void aFailedHandOverIsCarriedOutHere(String why) {
        owners.put(KEY, "node-2");
        bridge("node-1", Set.of("node-1", "node-2"), false).fromXmpp(fromJuliet("subscribed"));
        assertEquals(List.of(), forwarded, why);
        assertEquals(List.of(), notifies, "this node has no dialog for it; the adopting node probes the partner user");
    }

    @ParameterizedTest(name = "the owner cannot be read ({0}): carried out here")
    @CsvSource({"the database does not answer"})
    void anUnreadableOwnerIsCarriedOutHere(String why) {
        databaseDown = true;
        bridge("node-1", Set.of("node-1", "node-2"), true).fromXmpp(fromJuliet("available"));
        assertEquals(List.of(), forwarded, why);
    }

    @ParameterizedTest(name = "{0} from the partner user asks about the SIP user: carried out where it arrives")
    @CsvSource({"subscribe", "probe"})
    void theOtherDirectionIsNotHandedOver(String type) {
        owners.put(KEY, "node-2");
        bridge("node-1", Set.of("node-1", "node-2"), true).fromXmpp(fromJuliet(type));
        assertEquals(List.of(), forwarded);
    }
}
