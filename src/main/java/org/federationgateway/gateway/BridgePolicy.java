package org.federationgateway.gateway;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.Refusal;
import org.federationgateway.policy.Action;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.LocalParty;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.StanzaFacts;
import org.federationgateway.policy.StanzaKind;

/**
 * The federation policy for bridged traffic: the same evaluation as native federation, with the SIP-homed
 * user as the local party. Refusals are audited here; observe mode lets them through.
 */
public final class BridgePolicy {
    private final Supplier<PolicySnapshot> snapshot;
    private final PolicyEvaluator evaluator;
    private final Audit audit;
    private final Clock clock;

    public BridgePolicy(Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, Audit audit, Clock clock) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The decision; when it refuses and the mode enforces, {@link Decision#allowed()} is false. Observe mode returns ALLOW. */
    public Decision check(Direction direction, String remoteDomain, String sipUser, StanzaKind kind, boolean sipUserKnowsRemote) {
        PolicySnapshot s = snapshot.get();
        Decision d = evaluator.evaluate(s, new StanzaFacts(direction, remoteDomain, LocalParty.SIP_ADDRESS, sipUser, kind, sipUserKnowsRemote));
        if (d.allowed()) {
            return d;
        }
        Action action = Action.of(d, s.settings().mode());
        audit.refused(new Refusal(clock.instant(), "bridge-" + direction.code(), partnerName(remoteDomain), sipUser, kind.code(),
                d.reason().code(), action == Action.REFUSE));
        return action == Action.REFUSE ? d : Decision.ALLOW;
    }

    public void count(String remoteDomain, String event) {
        audit.count(partnerName(remoteDomain), event);
    }

    public String partnerName(String domain) {
        Partner p = snapshot.get().partnerFor(domain);
        return p == null ? domain : p.primaryDomain().value();
    }
}
