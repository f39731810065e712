package org.federationgateway.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;

/**
 * Lync §3 ConnectionLimit and PartnerConnectionLimit over the sessions of every node of a cluster: the sessions are
 * ordered oldest first (equal start times by node, then by session, so every node orders them alike), and each one
 * that would exceed the global or its partner's limit is excess. Every node decides on the same facts and closes the
 * excess sessions it holds itself; a single server is a cluster of one node.
 */
public final class ClusterLimits {
    /**
     * A session that counts: authenticated and within its partner's rules on the node that holds it.
     *
     * @param node          the holding node
     * @param id            its identifier on that node
     * @param remoteDomain  the remote domain (the partner is looked up by it)
     * @param created       when it was opened
     */
    public record Counted(String node, String id, String remoteDomain, Instant created) {
        public Counted {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(remoteDomain, "remoteDomain");
            Objects.requireNonNull(created, "created");
        }
    }

    /** A session over a limit, and which limit. */
    public record Excess(Counted session, ReasonCode reason) {
    }

    /** Oldest first; ties by node, then by session: the same order on every node. */
    static final Comparator<Counted> AGE = Comparator.comparing(Counted::created).thenComparing(Counted::node).thenComparing(Counted::id);

    private final PolicyEvaluator evaluator;

    public ClusterLimits(PolicyEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /**
     * The excess sessions, oldest first. A session whose domain is no partner is not counted: the rules close it on
     * its node. The same session listed twice counts once.
     */
    public List<Excess> excess(PolicySnapshot snapshot, Collection<Counted> sessions) {
        List<Counted> ordered = new ArrayList<>(sessions);
        ordered.sort(AGE);
        Set<List<String>> seen = new HashSet<>();
        Map<Partner, Integer> perPartner = new HashMap<>();
        int total = 0;
        List<Excess> excess = new ArrayList<>();
        for (Counted s : ordered) {
            if (!seen.add(List.of(s.node(), s.id()))) {
                continue; // listed twice (e.g. with two start times): its oldest listing counts
            }
            Partner partner = snapshot.partnerFor(s.remoteDomain());
            if (partner == null) {
                continue;
            }
            int withPartner = perPartner.getOrDefault(partner, 0);
            Decision limits = evaluator.evaluateLimits(snapshot, partner, withPartner, total);
            if (!limits.allowed()) {
                excess.add(new Excess(s, limits.reason()));
                continue;
            }
            perPartner.put(partner, withPartner + 1);
            total++;
        }
        return excess;
    }
}
