package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** A flood of requests from untrusted addresses adds one log line per interval, and the next line counts the rest. */
class RefusalLogTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final RefusalLog log = new RefusalLog(new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void tenThousandRefusalsInOneIntervalGiveOneLineAndTheNextIntervalsLineCountsThem() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            log.refused("OPTIONS", "127.0.9." + (i % 200)).ifPresent(lines::add);
            now.set(now.get().plusMillis(5)); // 10,000 requests in 50 s
        }
        assertEquals(List.of("Federation Gateway: refused SIP OPTIONS from untrusted 127.0.9.0 (not a configured front end or trusted peer)"), lines);
        now.set(Instant.parse("2026-12-01T10:01:00Z"));
        assertEquals("Federation Gateway: refused SIP MESSAGE from untrusted 127.0.9.7 (not a configured front end or trusted peer); "
                + "9999 more refused since 2026-12-01T10:00:00Z, the last from 127.0.9.199", log.refused("MESSAGE", "127.0.9.7").orElseThrow());
        now.set(Instant.parse("2026-12-01T10:05:00Z"));
        assertEquals("Federation Gateway: refused SIP OPTIONS from untrusted 127.0.9.8 (not a configured front end or trusted peer)",
                log.refused("OPTIONS", "127.0.9.8").orElseThrow(), "after a quiet interval, a plain line again");
    }
}
