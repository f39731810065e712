package org.federationgateway.testmessage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A finished test message: who sent what to whom, every step in order, what it proved and how long it all took. */
public record TestReport(String from, String to, String id, Instant at, List<Step> steps, TestResult result, long totalMillis) {
    public TestReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        steps = List.copyOf(steps);
        Objects.requireNonNull(result, "result");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a report has at least one step");
        }
    }

    /** The worst verdict of any step. */
    public Step.Verdict worst() {
        return steps.stream().map(Step::verdict).max(Enum::compareTo).orElse(Step.Verdict.OK);
    }
}
