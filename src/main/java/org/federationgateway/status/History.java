package org.federationgateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last hour of the charted figures, one point a minute: for a total, how much it grew during that
 * minute; for a gauge, its value. Sampled by the plugin's timer; read by the status page.
 */
public final class History {
    public static final Duration STEP = Duration.ofMinutes(1);
    public static final int POINTS = 60;

    /** One point: when, and the value (NaN where there was none). */
    public record Point(Instant at, double value) {
    }

    private final List<Metrics.Metric> metrics;
    private final Map<String, Deque<Point>> points = new LinkedHashMap<>();
    private final Map<String, Double> lastTotals = new LinkedHashMap<>();

    public History(List<Metrics.Metric> all) {
        this.metrics = all.stream().filter(m -> Metrics.CHARTED.contains(m.key())).toList();
        metrics.forEach(m -> points.put(m.key(), new ArrayDeque<>()));
    }

    /** Takes one point of every charted figure. A total's first sample only sets where it starts. */
    public synchronized void sample(Instant now) {
        for (Metrics.Metric m : metrics) {
            double v = m.value().getAsDouble();
            double point = v;
            if (m.kind() == Metrics.Kind.TOTAL) {
                Double last = lastTotals.put(m.key(), v);
                point = last == null ? Double.NaN : Math.max(0, v - last);
            }
            Deque<Point> d = points.get(m.key());
            d.addLast(new Point(now, point));
            while (d.size() > POINTS) {
                d.removeFirst();
            }
        }
    }

    /** The points of one figure, oldest first. */
    public synchronized List<Point> points(String key) {
        Deque<Point> d = points.get(key);
        return d == null ? List.of() : new ArrayList<>(d);
    }

    /** The charted figures, in chart order. */
    public List<Metrics.Metric> charted() {
        return metrics;
    }

    public List<String> keys() {
        return metrics.stream().map(Metrics.Metric::key).toList();
    }

    /** A history with nothing charted (hosts without a timer). */
    public static History none() {
        return new History(List.of());
    }
}
