package org.federationgateway.policy;

import java.util.Objects;

/**
 * The policy in force for a user or SIP-homed address and the assignment it came from, for the
 * "effective policy for ..." lookup: kind null and subject null mean the global policy applied.
 */
public record EffectivePolicy(AccessPolicy policy, AssignmentKind via, String viaSubject) {
    public EffectivePolicy {
        Objects.requireNonNull(policy, "policy");
    }
}
