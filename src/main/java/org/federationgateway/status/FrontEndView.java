package org.federationgateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * The SIP front end as the status page shows it.
 *
 * @param state  {@code off} (the SIP bridge is not running), {@code unknown} (no OPTIONS answered yet), {@code up} or {@code down}
 * @param target host:port;transport, or empty when off
 * @param since  when the state last changed, or null
 * @param detail the last answer or failure, or empty
 */
public record FrontEndView(String state, String target, Instant since, String detail) {
    public static final FrontEndView OFF = new FrontEndView("off", "", null, "");

    public FrontEndView {
        if (!state.equals("off") && !state.equals("unknown") && !state.equals("up") && !state.equals("down")) {
            throw new IllegalArgumentException("front-end state must be off, unknown, up or down: " + state);
        }
        Objects.requireNonNull(target, "target");
        detail = detail == null ? "" : detail;
    }
}
