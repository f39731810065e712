package org.federationgateway.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The harnesses' step loop counts what belongs to its step: every message offered, once, and nothing of an earlier step. */
class RateStepsTest {
    @Test
    void countsEveryMessageOfTheStepAndNothingOfAnEarlierOne() throws InterruptedException {
        RateSteps steps = new RateSteps(Duration.ofSeconds(2));
        List<String> earlier = new ArrayList<>();
        steps.step("loop", "first", 50, 1, seq -> {
            String body = steps.body(seq);
            earlier.add(body);
            steps.arrived(body);
        });
        LoadResult r = steps.step("loop", "second", 100, 1, seq -> {
            if (seq % 10 == 0) {
                steps.failed("SIP 503");
            } else {
                steps.arrived(steps.body(seq));
            }
            steps.arrived(earlier.get((int) seq % earlier.size())); // a late message of the first step
        });
        assertEquals("loop", r.direction());
        assertEquals(100, r.sent());
        assertEquals(90, r.delivered());
        assertEquals(10, r.errors());
        assertEquals(0, r.lost());
        assertEquals(90, r.latencies().length);
    }

    @Test
    void aMessageNeverDeliveredIsCountedLost() throws InterruptedException {
        RateSteps steps = new RateSteps(Duration.ofMillis(100));
        LoadResult r = steps.step("loop", "lossy", 100, 1, seq -> {
            if (seq != 7) {
                steps.arrived(steps.body(seq));
            }
        });
        assertEquals(99, r.delivered());
        assertEquals(1, r.lost());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // without the catch, the pacer stopped at the first throw and the step waited for ever
    void aSendThatThrowsIsCountedAsAnErrorAndTheStepGoesOn() throws InterruptedException {
        RateSteps steps = new RateSteps(Duration.ofSeconds(2));
        LoadResult r = steps.step("loop", "throwing", 100, 1, seq -> {
            if (seq % 25 == 0) {
                throw new IllegalStateException("the connection is closed");
            }
            steps.arrived(steps.body(seq));
        });
        assertEquals(100, r.sent());
        assertEquals(96, r.delivered());
        assertEquals(4, r.errors());
        assertEquals(0, r.lost());
    }
}
