package org.federationgateway.openfire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.federationgateway.i18n.Messages;
import org.federationgateway.status.History;
import org.federationgateway.status.Metrics;
import org.jivesoftware.openfire.stats.Statistic;
import org.jivesoftware.openfire.stats.StatisticsManager;

/**
 * The gateway's figures as Openfire statistics ({@code federationgateway_*}), so Openfire's statistics
 * consumers (the Monitoring plugin's graphs among them) see them, and the one-minute timer that keeps the
 * status page's last hour. Every statistic is removed and the timer stopped on unload.
 */
final class OpenfireStatistics {
    static final String PREFIX = "federationgateway_";

    private OpenfireStatistics() {
    }

    /** Adds every metric; the returned action removes exactly those again. */
    static AutoCloseable register(List<Metrics.Metric> metrics, Messages messages) {
        StatisticsManager manager = StatisticsManager.getInstance();
        List<String> added = new ArrayList<>();
        try {
            for (Metrics.Metric m : metrics) {
                manager.addStatistic(PREFIX + m.key(), statistic(m, messages));
                added.add(PREFIX + m.key());
            }
        } catch (RuntimeException e) {
            added.forEach(manager::removeStatistic);
            throw e;
        }
        return () -> added.forEach(manager::removeStatistic);
    }

    private static Statistic statistic(Metrics.Metric m, Messages messages) {
        String name = messages.get("stats." + m.label() + ".name", m.argument());
        String description = messages.get("stats." + m.label() + ".description", m.argument());
        String units = messages.get("stats." + m.label() + ".units");
        // Totals and session counts add up across cluster nodes; a round trip does not.
        boolean partial = !m.key().equals(Metrics.SIP_RTT);
        return new Statistic() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Type getStatType() {
                return Type.amount;
            }

            @Override
            public String getDescription() {
                return description;
            }

            @Override
            public String getUnits() {
                return units;
            }

            @Override
            public double sample() {
                double v = m.value().getAsDouble();
                return Double.isNaN(v) ? 0 : v;
            }

            @Override
            public boolean isPartialSample() {
                return partial;
            }
        };
    }

    /**
     * Each metric's statistic as Openfire's StatisticsManager holds it now (what the Monitoring plugin samples): read
     * back by key through Openfire's own registry, not from the plugin's counters, so the status API can show that
     * Openfire has them.
     */
    static List<Map<String, Object>> readBack(List<Metrics.Metric> metrics) {
        StatisticsManager manager = StatisticsManager.getInstance();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Metrics.Metric m : metrics) {
            Statistic s = manager.getStatistic(PREFIX + m.key());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", PREFIX + m.key());
            row.put("registered", s != null);
            if (s != null) {
                row.put("name", s.getName());
                row.put("units", s.getUnits());
                double v = s.sample();
                row.put("sample", v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v);
            }
            out.add(row);
        }
        return out;
    }

    /** Samples the history now and then once a minute; closing stops the timer. */
    static AutoCloseable sampleEveryMinute(History history) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "federationgateway-statistics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> history.sample(Instant.now()), 0, History.STEP.toSeconds(), TimeUnit.SECONDS);
        return () -> {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        };
    }
}
