package org.federationgateway.admin;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Every administrative change (console page, REST API, import) goes through here: one at a time, with
 * the administrable state read before and after, and what changed written to the audit log with who did it.
 * A change that saved nothing (refused input) records nothing.
 */
public final class AdminChanges {
    /** Where change records go; in Openfire, its security audit log. */
    @FunctionalInterface
    public interface Sink {
        void record(String actor, String summary, String details);
    }

    /** Openfire's audit table holds at most 255 characters of summary. */
    static final int MAX_SUMMARY = 250;

    private final Supplier<Map<String, String>> state;
    private final Sink sink;

    /**
     * @param state every administrable item by a stable key ({@code partner:b.test}) with its JSON text;
     *              secrets are left out of it
     */
    public AdminChanges(Supplier<Map<String, String>> state, Sink sink) {
        this.state = Objects.requireNonNull(state, "state");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Changes that are not audited (hosts without an audit log, such as tests of a single page). */
    public static AdminChanges unaudited() {
        return new AdminChanges(Map::of, (a, s, d) -> { });
    }

    /** Runs one change alone; records what it changed, also when it failed half-way (it cannot, but say so if it did). */
    public synchronized <T> T apply(String actor, String summary, Supplier<T> change) {
        Map<String, String> before = state.get();
        try {
            return change.get();
        } finally {
            String details = difference(before, state.get());
            if (!details.isEmpty()) {
                String s = summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY - 3) + "..." : summary;
                sink.record(actor, s, details);
            }
        }
    }

    /** One block per added, removed or changed item: its key, then before and after. */
    static String difference(Map<String, String> before, Map<String, String> after) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String b = before.get(key);
            String a = after.get(key);
            if (Objects.equals(a, b)) {
                continue;
            }
            String what = b == null ? "added" : a == null ? "removed" : "changed";
            out.append(what).append(' ').append(key).append('\n')
                    .append("  before: ").append(b == null ? "(none)" : b).append('\n')
                    .append("  after: ").append(a == null ? "(none)" : a).append('\n');
        }
        return out.toString();
    }
}
