package org.federationgateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the test logger (slf4j-simple, which writes to whatever {@code System.err} is at the time of each line)
 * prints while a failure-path test runs: kept out of the console and handed to the test to assert on, so that an
 * ERROR or WARN line on the console of a passing run always means something.
 */
public final class CapturedLog implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private CapturedLog() {
        this.original = System.err;
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing; {@link #close()} restores the console. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Everything logged since {@link #start()}. */
    public synchronized String text() {
        System.err.flush();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The first logged line that contains {@code fragment}, or an assertion error that shows what was logged. */
    public String line(String level, String fragment) {
        return text().lines().filter(l -> l.contains(" " + level + " ") && l.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + level + " line containing \"" + fragment + "\" was logged; the log was:\n" + text()));
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
