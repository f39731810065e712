package org.federationgateway.policy;

/** What an access policy is assigned to. */
public enum AssignmentKind implements StableCode {
    /** An Openfire user, by username. */
    USER("user"),
    /** An Openfire group, by name. */
    GROUP("group"),
    /** A SIP-homed address served through the bridge, as a bare address user@domain. */
    SIP("sip");

    private final String code;

    AssignmentKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static AssignmentKind fromCode(String code) {
        return StableCode.fromCode(AssignmentKind.class, code, "subjectKind");
    }
}
