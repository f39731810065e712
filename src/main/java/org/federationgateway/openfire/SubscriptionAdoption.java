package org.federationgateway.openfire;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which surviving node adopts the presence subscriptions of a node that left the cluster: the senior member, so every
 * survivor decides the same without asking the others. When the senior itself left, the survivors learn of the
 * departure before one of them is marked senior, so the departure waits here until then. A node that rejoins before
 * it was adopted keeps its subscriptions. The database's single UPDATE stays the arbiter if two nodes ever try.
 * Pure: the caller feeds Openfire's cluster events in.
 */
final class SubscriptionAdoption {
    private final Set<String> waiting = new LinkedHashSet<>();

    /** Another node left; returns the nodes whose subscriptions this node adopts now. */
    synchronized List<String> left(String node, boolean seniorNow) {
        if (seniorNow) {
            waiting.remove(node);
            return List.of(node);
        }
        waiting.add(node);
        return List.of();
    }

    /** This node became the senior member: it adopts every departed node still waiting. */
    synchronized List<String> markedSenior() {
        List<String> now = new ArrayList<>(waiting);
        waiting.clear();
        return now;
    }

    /** A node (re)joined: it serves its own subscriptions again, if nobody adopted them yet. */
    synchronized void joined(String node) {
        waiting.remove(node);
    }

    /** This node left the cluster: what was waiting is no longer its to decide. */
    synchronized void leftCluster() {
        waiting.clear();
    }
}
