package org.federationgateway.enforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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

    public SessionSweep(PolicyEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    public List<Closure> plan(PolicySnapshot snapshot, List<Live> sessions, Instant now) {
        GatewaySettings settings = snapshot.settings();
        List<Closure> closures = new ArrayList<>();
        List<Live> survivors = new ArrayList<>();
        for (Live s : sessions) {
            ReasonCode reason = ruleBreak(snapshot, s, settings, now);
            if (reason != null) {
                closures.add(new Closure(s, reason));
            } else if (s.authenticated()) {
                survivors.add(s);
            }
        }
        // Oldest first, so the newest sessions are the ones over a limit.
        survivors.sort(Comparator.comparing(Live::created).thenComparing(Live::id));
        Map<Partner, Integer> perPartner = new HashMap<>();
        int total = 0;
        for (Live s : survivors) {
            Partner partner = snapshot.partnerFor(s.facts().remoteDomain());
            int withPartner = perPartner.getOrDefault(partner, 0);
            Decision limits = evaluator.evaluateLimits(snapshot, partner, withPartner, total);
            if (!limits.allowed()) {
                closures.add(new Closure(s, limits.reason()));
                continue;
            }
            perPartner.put(partner, withPartner + 1);
            total++;
        }
        return closures;
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
