package org.federationgateway.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Log lines for requests refused because they come from an untrusted address: the first of an interval at once, the
 * rest of that interval counted and reported in the next line, so a flood adds at most one line per interval. The
 * count of every refusal stays exact ({@link SipEndpoint#refusedUntrusted()}, shown on the status page).
 */
final class RefusalLog {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private Instant intervalStart;
    private long suppressed;
    private String lastSuppressedSource;

    RefusalLog(Clock clock) {
        this.clock = clock;
    }

    /** The line to log for this refusal, or empty when it is only counted for the next line. */
    synchronized Optional<String> refused(String method, String source) {
        Instant now = clock.instant();
        if (intervalStart != null && now.isBefore(intervalStart.plus(INTERVAL))) {
            suppressed++;
            lastSuppressedSource = source;
            return Optional.empty();
        }
        String line = "Federation Gateway: refused SIP " + method + " from untrusted " + source + " (not a configured front end or trusted peer)";
        if (suppressed > 0) {
            line += "; " + suppressed + " more refused since " + intervalStart + ", the last from " + lastSuppressedSource;
        }
        intervalStart = now;
        suppressed = 0;
        lastSuppressedSource = null;
        return Optional.of(line);
    }
}
