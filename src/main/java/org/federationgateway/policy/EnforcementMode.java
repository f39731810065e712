package org.federationgateway.policy;

import java.util.Arrays;

/**
 * Whether refusals are carried out. {@code OBSERVE} logs and counts what would be refused and refuses
 * nothing, for a safe roll-out. Stored as its code.
 */
public enum EnforcementMode {
    ENFORCE("enforce"),
    OBSERVE("observe");

    private final String code;

    EnforcementMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static EnforcementMode fromCode(String code) {
        return Arrays.stream(values())
                .filter(m -> m.code.equalsIgnoreCase(code == null ? "" : code.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown enforcement mode '" + code + "': expected enforce or observe"));
    }
}
