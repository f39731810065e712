package org.federationgateway.enforce;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.Refusal;
import org.federationgateway.policy.Action;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;
import org.federationgateway.policy.StanzaFacts;

/**
 * The one entry point to the federation policy for stanzas, native or bridged: facts in (gathered by the caller
 * beforehand, group membership included), one evaluation against the current snapshot, the enforcement mode
 * applied, and the audit line of every refusal (also of one only recorded in observe mode) written here and only
 * here. Callers carry out the returned {@link Judgement} in their protocol's terms (an XMPP error, a SIP response,
 * a declined subscription) and decide nothing themselves.
 */
public final class PolicyGate {
    private final Supplier<PolicySnapshot> snapshot;
    private final PolicyEvaluator evaluator;
    private final Audit audit;
    private final Clock clock;

    public PolicyGate(Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, Audit audit, Clock clock) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Judges one stanza.
     *
     * @param channel    where it was judged, for the audit line ({@code in}, {@code out}, {@code bridge-in}, ...)
     * @param localParty the local address as the audit shows it ({@code -} for the server)
     */
    public Judgement judge(StanzaFacts facts, String channel, String localParty) {
        PolicySnapshot s = snapshot.get();
        Decision decision = evaluator.evaluate(s, facts);
        Action action = Action.of(decision, s.settings().mode());
        if (decision.allowed()) {
            return action == Action.STRIP_STATUS ? Judgement.STRIP_STATUS : Judgement.PASS;
        }
        record(s, channel, facts.remoteDomain(), localParty, facts.kind().code(), decision.reason(), action);
        return new Judgement(action, decision.reason(), Optional.empty());
    }

    /** A refusal decided elsewhere (session rules, limits), with the same mode and the same audit line. */
    public Judgement refuse(ReasonCode reason, Direction direction, String remoteDomain, String localParty, String what) {
        PolicySnapshot s = snapshot.get();
        Action action = Action.of(Decision.deny(reason), s.settings().mode());
        record(s, direction.code(), remoteDomain, localParty, what, reason, action);
        return new Judgement(action, reason, Optional.empty());
    }

    /** Counts a bridged stanza under its partner's name. */
    public void count(String remoteDomain, String event) {
        audit.count(partnerName(snapshot.get(), remoteDomain), event);
    }

    /** The snapshot decisions are made with now (for facts that depend on it, such as the partner's type). */
    public PolicySnapshot snapshot() {
        return snapshot.get();
    }

    private void record(PolicySnapshot s, String channel, String remoteDomain, String localParty, String what, ReasonCode reason,
                        Action action) {
        audit.refused(new Refusal(clock.instant(), channel, partnerName(s, remoteDomain),
                localParty == null || localParty.isEmpty() ? "-" : localParty, what, reason.code(), action == Action.REFUSE));
    }

    private static String partnerName(PolicySnapshot s, String domain) {
        Partner p = s.partnerFor(domain);
        return p == null ? domain : p.primaryDomain().value();
    }
}
