package org.federationgateway.testing.bench;

import java.util.Arrays;

/**
 * One step of the load harness: a direction at an offered rate, and what came of it.
 *
 * @param direction  xmpp-to-sip or sip-to-xmpp
 * @param offered    messages per second offered
 * @param sent       messages sent
 * @param delivered  messages that reached the receiver
 * @param errors     messages answered with an error to their sender
 * @param seconds    how long the sending lasted
 * @param latencies  delivery latencies in microseconds, one per delivered message
 */
public record LoadResult(String direction, int offered, long sent, long delivered, long errors, double seconds, long[] latencies) {
    public long lost() {
        return sent - delivered - errors;
    }

    public double deliveredPerSecond() {
        return delivered / seconds;
    }

    /** The q-quantile latency in milliseconds (0.5 median, 0.99, 1.0 maximum), or NaN when nothing arrived. */
    public double latencyMillis(double q) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1000.0;
    }

    public String csv() {
        return String.format(java.util.Locale.ROOT, "%s,%d,%d,%d,%d,%d,%.1f,%.2f,%.2f,%.2f", direction, offered, sent, delivered, errors, lost(),
                deliveredPerSecond(), latencyMillis(0.5), latencyMillis(0.99), latencyMillis(1.0));
    }

    public static String csvHeader() {
        return "direction,offered_per_s,sent,delivered,errors,lost,delivered_per_s,p50_ms,p99_ms,max_ms";
    }

    public String markdownRow() {
        return String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f | %.2f | %.2f | %.2f |", direction, offered, sent, delivered, errors,
                lost(), deliveredPerSecond(), latencyMillis(0.5), latencyMillis(0.99), latencyMillis(1.0));
    }
}
