package org.federationgateway.enforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.federationgateway.cluster.ClusterLimits;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;
import org.federationgateway.policy.SessionFacts;

/**
 * The periodic check of every federation session: rules of its partner, the establishment and inactivity
 * timeouts, and the connection limits (the newest sessions over a limit go). Decides only; the adapter
 * closes what this returns.
 */
public final class SessionSweep {
    /** One live session as the adapter sees it. */
    public record Live(String id, SessionFacts facts, boolean authenticated, Instant created, Instant lastActive) {
        public Live {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(lastActive, "lastActive");
        }
    }

    /** A session to close and why. */
    public record Closure(Live session, ReasonCode reason) {
    }

    private final PolicyEvaluator evaluator;
    private final ClusterLimits limits;

    public SessionSweep(PolicyEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.limits = new ClusterLimits(evaluator);
    }

    /** The sweep of a server that is not clustered: the limits count its own sessions. */
    public List<Closure> plan(PolicySnapshot snapshot, List<Live> sessions, Instant now) {
        return plan(snapshot, LOCAL, sessions, List.of(), now).closures();
    }

    /** The node name a server that is not clustered goes by. */
    public static final String LOCAL = "local";

    /**
     * What this node's sweep closes and which of its sessions count against the limits.
     *
     * @param closures the sessions of this node to close, and why
     * @param counted  the ids of this node's sessions that count against the limits (authenticated, within their
     *                 partner's rules, not over a limit): what the other nodes of a cluster are told
     */
    public record Plan(List<Closure> closures, Set<String> counted) {
        public Plan {
            closures = List.copyOf(closures);
            counted = Set.copyOf(counted);
        }
    }

    /**
     * The sweep of one node of a cluster: the rules and timeouts of its own sessions, and the connection limits over
     * its sessions and those the other nodes hold ({@code elsewhere}, as they reported them). Only this node's
     * sessions are closed here; the other nodes decide alike on the same facts and close theirs.
     *
     * @param node this node's name, which orders sessions of equal age alike on every node
     */
    public Plan plan(PolicySnapshot snapshot, String node, List<Live> sessions, List<ClusterLimits.Counted> elsewhere, Instant now) {
        GatewaySettings settings = snapshot.settings();
        List<Closure> closures = new ArrayList<>();
        Map<String, Live> survivors = new LinkedHashMap<>();
        List<ClusterLimits.Counted> counted = new ArrayList<>();
        for (Live s : sessions) {
            ReasonCode reason = ruleBreak(snapshot, s, settings, now);
            if (reason != null) {
                closures.add(new Closure(s, reason));
            } else if (s.authenticated()) {
                survivors.put(s.id(), s);
                counted.add(new ClusterLimits.Counted(node, s.id(), s.facts().remoteDomain(), s.created()));
            }
        }
        for (ClusterLimits.Counted other : elsewhere) {
            if (!other.node().equals(node)) {
                counted.add(other);
            }
        }
        Set<String> within = new TreeSet<>(survivors.keySet());
        for (ClusterLimits.Excess e : limits.excess(snapshot, counted)) {
            if (e.session().node().equals(node)) {
                closures.add(new Closure(survivors.get(e.session().id()), e.reason()));
                within.remove(e.session().id());
            }
        }
        return new Plan(closures, within);
    }

    /**
     * Partner domains to ping now (XEP-0199): those with keep-alive on whose outbound sessions have been quiet
     * for a keep-alive interval. The answer keeps the link alive; a dead link fails the write and Openfire
     * drops it, and a session that stays silent meets the inactivity timeout in {@link #plan}.
     */
    public Set<String> pingsDue(PolicySnapshot snapshot, List<Live> sessions, Instant now) {
        Set<String> due = new TreeSet<>();
        for (Live s : sessions) {
            if (s.facts().direction() != Direction.OUTBOUND || !s.authenticated()) {
                continue;
            }
            Partner partner = snapshot.partnerFor(s.facts().remoteDomain());
            if (partner != null && partner.keepAlive()
                    && !s.lastActive().plus(snapshot.settings().keepAliveInterval()).isAfter(now)) {
                due.add(s.facts().remoteDomain());
            }
        }
        return due;
    }

    private ReasonCode ruleBreak(PolicySnapshot snapshot, Live s, GatewaySettings settings, Instant now) {
        Decision rules = evaluator.evaluate(snapshot, s.facts());
        if (!rules.allowed()) {
            return rules.reason();
        }
        if (!s.authenticated() && s.created().plus(settings.streamEstablishmentTimeout()).isBefore(now)) {
            return ReasonCode.ESTABLISHMENT_TIMEOUT;
        }
        if (s.lastActive().plus(settings.streamInactivityTimeout()).isBefore(now)) {
            return ReasonCode.INACTIVITY_TIMEOUT;
        }
        return null;
    }
}
