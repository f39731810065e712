package org.federationgateway.lifecycle;

import java.util.Objects;

/**
 * The outcome of starting one part: its name (an i18n key suffix), state, and for a failure the cause
 * in words an administrator can act on.
 */
public record PartStatus(String part, PartState state, String cause) {
    public PartStatus {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(state, "state");
        if (part.isBlank()) {
            throw new IllegalArgumentException("part must not be blank");
        }
        if (state == PartState.FAILED && (cause == null || cause.isBlank())) {
            throw new IllegalArgumentException("a failed part needs a cause");
        }
    }

    public static PartStatus running(String part) {
        return new PartStatus(part, PartState.RUNNING, null);
    }

    public static PartStatus disabled(String part) {
        return new PartStatus(part, PartState.DISABLED, null);
    }

    public static PartStatus failed(String part, String cause) {
        return new PartStatus(part, PartState.FAILED, cause);
    }
}
