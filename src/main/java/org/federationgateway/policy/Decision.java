package org.federationgateway.policy;

import java.util.EnumMap;
import java.util.Map;

/**
 * The result of one evaluation: allow, allow without status text, or deny with a reason. Every possible decision is
 * a constant, so deciding allocates nothing.
 */
public final class Decision {
    public static final Decision ALLOW = new Decision(false, null);
    /** Allowed, with the status text removed: partners of a public type never see status notes (Lync's PartnerType rules). */
    public static final Decision ALLOW_WITHOUT_STATUS = new Decision(true, null);
    private static final Map<ReasonCode, Decision> DENIALS = new EnumMap<>(ReasonCode.class);

    static {
        for (ReasonCode r : ReasonCode.values()) {
            DENIALS.put(r, new Decision(false, r));
        }
    }

    private final boolean withoutStatus;
    private final ReasonCode reason;

    private Decision(boolean withoutStatus, ReasonCode reason) {
        this.withoutStatus = withoutStatus;
        this.reason = reason;
    }

    public static Decision deny(ReasonCode reason) {
        return DENIALS.get(reason);
    }

    public boolean allowed() {
        return reason == null;
    }

    /** Allowed, but only without its status text ({@link #ALLOW_WITHOUT_STATUS}). */
    public boolean withoutStatus() {
        return withoutStatus;
    }

    /** The reason of a denial; null when allowed. */
    public ReasonCode reason() {
        return reason;
    }

    /** {@code ALLOW}, {@code ALLOW_WITHOUT_STATUS} or {@code DENY(reason-code)}. */
    @Override
    public String toString() {
        return reason != null ? "DENY(" + reason.code() + ")" : withoutStatus ? "ALLOW_WITHOUT_STATUS" : "ALLOW";
    }
}
