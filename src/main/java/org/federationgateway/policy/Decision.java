package org.federationgateway.policy;

import java.util.EnumMap;
import java.util.Map;

/**
 * The result of one evaluation: allow, allow without status text, or deny with a reason. Every possible decision is a constant, so deciding allocates nothing.
 */
public final class Decision {
    public enum Kind { ALLOW, ALLOW_WITHOUT_STATUS, DENY }

    public static final Decision ALLOW = new Decision(Kind.ALLOW, null);
    /** Allowed, with the status text removed: partners of a public type never see status notes (Lync's PartnerType rules). */
    public static final Decision ALLOW_WITHOUT_STATUS = new Decision(Kind.ALLOW_WITHOUT_STATUS, null);
    private static final Map<ReasonCode, Decision> DENIALS = new EnumMap<>(ReasonCode.class);

    static {
        for (ReasonCode r : ReasonCode.values()) {
            DENIALS.put(r, new Decision(Kind.DENY, r));
        }
    }

    private final Kind kind;
    private final ReasonCode reason;

    private Decision(Kind kind, ReasonCode reason) {
        this.kind = kind;
        this.reason = reason;
    }

    public static Decision deny(ReasonCode reason) {
        return DENIALS.get(reason);
    }

    public Kind kind() {
        return kind;
    }

    public boolean allowed() {
        return kind != Kind.DENY;
    }

    /** The reason of a denial; null when allowed. */
    public ReasonCode reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason == null ? kind.name() : kind + "(" + reason.code() + ")";
    }
}
