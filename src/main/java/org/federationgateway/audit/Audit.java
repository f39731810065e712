package org.federationgateway.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * Where refusals and bridged traffic are logged and counted for the status page. One log line per
 * refusal, with its reason code; counters per partner and event; the latest refusals kept in memory.
 */
public final class Audit {
    private static final Logger LOG = NodeLog.getLogger(Audit.class);
    public static final String BRIDGED_IN = "bridged-in";
    public static final String BRIDGED_OUT = "bridged-out";

    private final int keepLatest;
    private final Map<CounterKey, LongAdder> counters = new ConcurrentHashMap<>();
    private final Deque<Refusal> latest = new ArrayDeque<>();

    public Audit(int keepLatest) {
        if (keepLatest < 1) {
            throw new IllegalArgumentException("keepLatest must be at least 1");
        }
        this.keepLatest = keepLatest;
    }

    public void refused(Refusal refusal) {
        LOG.info("Federation Gateway: {} {} {} partner={} local={} reason={}",
                refusal.enforced() ? "refused" : "would refuse (observe mode)",
                refusal.direction(), refusal.what(), refusal.partner(), refusal.localParty(), refusal.reason());
        count(refusal.partner(), refusal.reason());
        synchronized (latest) {
            latest.addFirst(refusal);
            while (latest.size() > keepLatest) {
                latest.removeLast();
            }
        }
    }

    public void count(String partner, String event) {
        counters.computeIfAbsent(new CounterKey(partner, event), k -> new LongAdder()).increment();
    }

    /** Counters sorted by partner then event, for display. */
    public Map<CounterKey, Long> counters() {
        Map<CounterKey, Long> sorted = new TreeMap<>((a, b) -> {
            int byPartner = a.partner().compareTo(b.partner());
            return byPartner != 0 ? byPartner : a.event().compareTo(b.event());
        });
        counters.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    /** The latest refusals, newest first. */
    public List<Refusal> latestRefusals() {
        synchronized (latest) {
            return List.copyOf(new ArrayList<>(latest));
        }
    }
}
