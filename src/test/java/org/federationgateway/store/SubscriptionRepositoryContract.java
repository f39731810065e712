package org.federationgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.PresenceSubscription;
import org.federationgateway.gateway.PresenceSubscription.Kind;
import org.federationgateway.gateway.PresenceSubscription.State;
import org.federationgateway.gateway.SipDialog;
import org.junit.jupiter.api.Test;

/** Bridged subscriptions survive a restart: what one gateway stored, the next one finds, field by field. */
abstract class SubscriptionRepositoryContract {
    abstract ConnectionSource freshDatabase() throws Exception;

    private static PresenceSubscription x2s(String callId, long cseq) {
        return new PresenceSubscription(Kind.XMPP_WATCHES_SIP, "juliet@b.test", "romeo@a.test",
                new SipDialog(callId, "sip:juliet@b.test", "tag1", "sip:romeo@a.test", "tag2", "sip:a.test@127.0.0.1:5060",
                        List.of("<sip:127.0.0.1;lr>", "<sip:127.0.0.2;lr>")), cseq, State.ACTIVE, Instant.ofEpochMilli(1_800_000_000_000L));
    }

    @Test
    void whatOneGatewayStoredTheNextOneFinds() throws Exception {
        ConnectionSource db = freshDatabase();
        InMemorySubscriptions first = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db)));
        first.save(x2s("call-1", 3));
        PresenceSubscription s2x = new PresenceSubscription(Kind.SIP_WATCHES_XMPP, "juliet@b.test", "romeo@a.test",
                new SipDialog("call-2", "sip:juliet@b.test", "t3", "sip:romeo@a.test", "t4", null, List.of()), 1, State.PENDING,
                Instant.ofEpochMilli(1_800_000_000_000L));
        first.save(s2x);

        InMemorySubscriptions restarted = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db)));
        assertEquals(x2s("call-1", 3), restarted.findByCallId("call-1").orElseThrow(), "every field, route set in order");
        assertEquals(s2x, restarted.find(s2x.key()).orElseThrow(), "absent target and routes stay absent");
    }

    @Test
    void aNewDialogForTheSamePairReplacesTheOldRowAndRemoveDeletesIt() throws Exception {
        ConnectionSource db = freshDatabase();
        SubscriptionRepository repository = new SubscriptionRepository(new Transactions(db));
        repository.save(x2s("call-1", 1));
        repository.save(x2s("call-9", 1));
        assertEquals(1, repository.all().size());
        assertEquals("call-9", repository.all().iterator().next().dialog().callId());
        repository.remove(x2s("call-9", 1).key());
        assertTrue(repository.all().isEmpty());
    }

    /** RFC 3261 §20.8 and §19.1.4: Call-IDs and SIP user parts are case-sensitive, so the store must keep them apart. */
    @Test
    void callIdsAndSipUsersDifferingOnlyInCaseAreDifferentSubscriptions() throws Exception {
        ConnectionSource db = freshDatabase();
        SubscriptionRepository repository = new SubscriptionRepository(new Transactions(db));
        PresenceSubscription lower = new PresenceSubscription(Kind.XMPP_WATCHES_SIP, "juliet@b.test", "romeo@a.test",
                new SipDialog("call-abc", "sip:juliet@b.test", "t1", "sip:romeo@a.test", "t2", null, List.of()), 1, State.ACTIVE,
                Instant.ofEpochMilli(1_800_000_000_000L));
        PresenceSubscription upper = new PresenceSubscription(Kind.XMPP_WATCHES_SIP, "juliet@b.test", "Romeo@a.test",
                new SipDialog("CALL-ABC", "sip:juliet@b.test", "t3", "sip:Romeo@a.test", "t4", null, List.of()), 1, State.ACTIVE,
                Instant.ofEpochMilli(1_800_000_000_000L));
        repository.save(lower);
        repository.save(upper);
        assertEquals(2, repository.all().size(), "two subscriptions, not one overwritten");
        InMemorySubscriptions restarted = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db)));
        assertEquals(lower, restarted.findByCallId("call-abc").orElseThrow());
        assertEquals(upper, restarted.findByCallId("CALL-ABC").orElseThrow());
    }

    /** On a cluster each node sees the rows it serves; rows from before version 4 (no owner) go to the first node that loads. */
    @Test
    void eachClusterNodeServesItsOwnRowsAndTheFirstToLoadClaimsTheUnowned() throws Exception {
        ConnectionSource db = freshDatabase();
        new SubscriptionRepository(new Transactions(db)).save(x2s("call-legacy", 1)); // a row with no owner
        SubscriptionRepository node1 = new SubscriptionRepository(new Transactions(db), "node-1");
        SubscriptionRepository node2 = new SubscriptionRepository(new Transactions(db), "node-2");
        assertEquals(List.of("call-legacy"), node1.all().stream().map(s -> s.dialog().callId()).toList(), "claimed by the first");
        assertTrue(node2.all().isEmpty(), "not also by the second");
        PresenceSubscription other = new PresenceSubscription(Kind.XMPP_WATCHES_SIP, "bob@b.test", "romeo@a.test",
                new SipDialog("call-2", "sip:bob@b.test", "t5", "sip:romeo@a.test", null, null, List.of()), 1, State.ACTIVE,
                Instant.ofEpochMilli(1_800_000_000_000L));
        node2.save(other);
        assertEquals(List.of("call-legacy"), node1.all().stream().map(s -> s.dialog().callId()).toList());
        assertEquals(List.of(other), List.copyOf(node2.all()));
    }

    /**
     * A server that is not clustered, restarted with another node id (Openfire 5.0 gives a new one at every start): it
     * serves the rows it stored under the old id; a cluster node does not take another node's rows this way.
     */
    @Test
    void aServerThatIsNotClusteredServesItsRowsAfterARestartUnderANewNodeId() throws Exception {
        ConnectionSource db = freshDatabase();
        new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "start-1", true)).save(x2s("call-1", 2));
        InMemorySubscriptions clusterNode = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "node-2"));
        assertTrue(clusterNode.all().isEmpty(), "a cluster node leaves another node's rows alone");
        InMemorySubscriptions restarted = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "start-2", true));
        assertEquals(x2s("call-1", 2), restarted.findByCallId("call-1").orElseThrow(), "the same subscription, every field");
        assertTrue(new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "start-1")).all().isEmpty(),
                "now owned by the new id alone");
        assertEquals(1, new SubscriptionRepository(new Transactions(db)).all().size(), "one row");
    }

    /** Each node reads the owner of any row (also another node's), to hand a partner's presence to the node serving it. */
    @Test
    void everyNodeReadsWhichNodeOwnsARow() throws Exception {
        ConnectionSource db = freshDatabase();
        InMemorySubscriptions node1 = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "node-1"));
        InMemorySubscriptions node2 = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "node-2"));
        PresenceSubscription s = x2s("call-1", 1);
        node1.save(s);
        assertEquals(java.util.Optional.of("node-1"), node2.ownerOf(s.key()), "another node's row");
        assertEquals(java.util.Optional.of("node-1"), node1.ownerOf(s.key()), "its own row");
        assertEquals(java.util.Optional.empty(), node2.ownerOf("sx|nobody@b.test|nobody@a.test"), "no row");
        assertEquals(java.util.Optional.empty(), new SubscriptionRepository(new Transactions(db)).ownerOf(s.key()), "a store without owners");
    }

    /** A node that left: one survivor adopts its rows in one UPDATE; a second try and the rejoined node find none left. */
    @Test
    void theRowsOfANodeThatLeftAreAdoptedOnceAndTheRejoinedNodeHasNoneLeft() throws Exception {
        ConnectionSource db = freshDatabase();
        InMemorySubscriptions departed = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "node-1"));
        departed.save(x2s("call-1", 4));
        InMemorySubscriptions survivor = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "node-2"));
        InMemorySubscriptions third = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "node-3"));
        assertTrue(survivor.all().isEmpty());
        assertEquals(List.of(x2s("call-1", 4)), List.copyOf(survivor.adopt("node-1")), "adopted, every field");
        assertEquals(x2s("call-1", 4), survivor.findByCallId("call-1").orElseThrow(), "now served by the survivor");
        assertTrue(survivor.adopt("node-1").isEmpty(), "adopted once");
        assertTrue(third.adopt("node-1").isEmpty(), "no second owner");
        InMemorySubscriptions rejoined = new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db), "node-1"));
        assertTrue(rejoined.all().isEmpty(), "the rejoined node does not serve them too");
        assertEquals(1, new SubscriptionRepository(new Transactions(db)).all().size(), "one row");
    }
}
