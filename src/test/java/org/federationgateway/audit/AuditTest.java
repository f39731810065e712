package org.federationgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AuditTest {
    private static Refusal refusal(String partner, String reason, int second) {
        return new Refusal(Instant.ofEpochSecond(second), "inbound", partner, "alice@a.test", "message", reason, true);
    }

    @Test
    void countsPerPartnerAndReasonAndKeepsTheLatestNewestFirst() {
        Audit audit = new Audit(2);
        audit.refused(refusal("b.test", "tls-required", 1));
        audit.refused(refusal("b.test", "tls-required", 2));
        audit.refused(refusal("c.test", "not-a-partner", 3));
        audit.count("b.test", Audit.BRIDGED_IN);

        assertEquals(2L, audit.counters().get(new CounterKey("b.test", "tls-required")));
        assertEquals(1L, audit.counters().get(new CounterKey("c.test", "not-a-partner")));
        assertEquals(1L, audit.counters().get(new CounterKey("b.test", Audit.BRIDGED_IN)));
        List<Refusal> latest = audit.latestRefusals();
        assertEquals(2, latest.size());
        assertEquals(Instant.ofEpochSecond(3), latest.get(0).at());
        assertEquals(Instant.ofEpochSecond(2), latest.get(1).at());
    }

    @Test
    void countersAreSortedByPartnerThenEvent() {
        Audit audit = new Audit(10);
        audit.count("z.test", "b");
        audit.count("a.test", "z");
        audit.count("a.test", "a");
        assertEquals(List.of(new CounterKey("a.test", "a"), new CounterKey("a.test", "z"), new CounterKey("z.test", "b")),
                List.copyOf(audit.counters().keySet()));
    }
}
