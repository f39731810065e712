package org.federationgateway.policy;

/** What the adapter does with a decision, given the enforcement mode. Deciding and acting stay apart. */
public enum Action {
    /** Let it through unchanged. */
    PASS,
    /** Let it through without status text. */
    STRIP_STATUS,
    /** Refuse it, answer the sender, log and count. */
    REFUSE,
    /** Observe mode: log and count as refused, but let it through. */
    RECORD_ONLY;

    public static Action of(Decision decision, EnforcementMode mode) {
        boolean enforce = mode == EnforcementMode.ENFORCE;
        if (!decision.allowed()) {
            return enforce ? REFUSE : RECORD_ONLY;
        }
        return decision.withoutStatus() && enforce ? STRIP_STATUS : PASS;
    }
}
