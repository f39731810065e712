package org.federationgateway.translate;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * RFC 6665 §8.2.3 Subscription-State header: {@code active;expires=3600}, {@code terminated;reason=rejected}.
 *
 * @param state  PENDING, ACTIVE or TERMINATED
 * @param reason the termination reason in lower case, or null
 */
public record SubscriptionState(State state, String reason, OptionalInt expires, OptionalInt retryAfter) {
    public enum State { PENDING, ACTIVE, TERMINATED }

    public static SubscriptionState parse(String header) {
        if (header == null || header.isBlank()) {
            throw new TranslationException("NOTIFY without Subscription-State (RFC 6665 §8.2.3 requires it)");
        }
        String[] parts = header.split(";");
        State state = switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
            case "pending" -> State.PENDING;
            case "active" -> State.ACTIVE;
            case "terminated" -> State.TERMINATED;
            default -> throw new TranslationException("unknown Subscription-State '" + parts[0].strip() + "'");
        };
        String reason = null;
        OptionalInt expires = OptionalInt.empty();
        OptionalInt retryAfter = OptionalInt.empty();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].strip().split("=", 2);
            String key = kv[0].strip().toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1].strip() : "";
            switch (key) {
                case "reason" -> reason = value.toLowerCase(Locale.ROOT);
                case "expires" -> expires = number(value, header);
                case "retry-after" -> retryAfter = number(value, header);
                default -> { }
            }
        }
        return new SubscriptionState(state, reason, expires, retryAfter);
    }

    private static OptionalInt number(String value, String header) {
        try {
            return OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new TranslationException("bad number '" + value + "' in Subscription-State '" + header + "'");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(state.name().toLowerCase(Locale.ROOT));
        if (reason != null) {
            b.append(";reason=").append(reason);
        }
        expires.ifPresent(e -> b.append(";expires=").append(e));
        retryAfter.ifPresent(r -> b.append(";retry-after=").append(r));
        return b.toString();
    }

    public static SubscriptionState active(int expires) {
        return new SubscriptionState(State.ACTIVE, null, OptionalInt.of(expires), OptionalInt.empty());
    }

    public static SubscriptionState pending(int expires) {
        return new SubscriptionState(State.PENDING, null, OptionalInt.of(expires), OptionalInt.empty());
    }

    public static SubscriptionState terminated(String reason) {
        return new SubscriptionState(State.TERMINATED, reason, OptionalInt.empty(), OptionalInt.empty());
    }
}
