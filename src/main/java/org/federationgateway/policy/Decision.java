package org.federationgateway.policy;

import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome of one evaluation. Every possible decision is a constant, so deciding allocates nothing.
 */
public final class Decision {
    public enum Outcome { ALLOW, ALLOW_WITHOUT_STATUS, DENY }

    public static final Decision ALLOW = new Decision(Outcome.ALLOW, null);
    /** Allowed, with the status text removed: partners of a public type never see status notes (Lync §2.2). */
    public static final Decision ALLOW_WITHOUT_STATUS = new Decision(Outcome.ALLOW_WITHOUT_STATUS, null);
    private static final Map<ReasonCode, Decision> DENIALS = new EnumMap<>(ReasonCode.class);

    static {
        for (ReasonCode r : ReasonCode.values()) {
            DENIALS.put(r, new Decision(Outcome.DENY, r));
        }
    }

    private final Outcome outcome;
    private final ReasonCode reason;

    private Decision(Outcome outcome, ReasonCode reason) {
        this.outcome = outcome;
        this.reason = reason;
    }

    public static Decision deny(ReasonCode reason) {
        return DENIALS.get(reason);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean allowed() {
        return outcome != Outcome.DENY;
    }

    /** The reason of a denial; null when allowed. */
    public ReasonCode reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason == null ? outcome.name() : outcome + "(" + reason.code() + ")";
    }
}
