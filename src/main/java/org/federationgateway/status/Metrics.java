package org.federationgateway.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;

/**
 * The gateway's figures as statistics: bridged messages each way and refusals (totals since the plugin
 * started, also one per reason), server-to-server sessions with partners and the SIP front end's OPTIONS
 * round trip (current values). Openfire's statistics (and so the Monitoring plugin) and the status page's
 * charts read the same figures.
 */
public final class Metrics {
    /** A total counts up from the plugin's start; a gauge is a current value. */
    public enum Kind { TOTAL, GAUGE }

    /**
     * @param key   stable identifier, also the Openfire statistic key after {@code federationgateway_}
     * @param label bundle key suffix for the name, description and units ({@code stats.<label>.name} ...);
     *              {@code argument} fills {0}
     */
    public record Metric(String key, Kind kind, String label, String argument, DoubleSupplier value) {
        public Metric {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(label, "label");
            argument = argument == null ? "" : argument;
            Objects.requireNonNull(value, "value");
        }
    }

    public static final String BRIDGED_OUT = "bridged_out";
    public static final String BRIDGED_IN = "bridged_in";
    public static final String REFUSED = "refused";
    public static final String SESSIONS = "s2s_sessions";
    public static final String SIP_RTT = "sip_rtt";
    /** The figures charted on the status page, in order. */
    public static final List<String> CHARTED = List.of(BRIDGED_OUT, BRIDGED_IN, REFUSED, SESSIONS, SIP_RTT);

    private Metrics() {
    }

    /**
     * @param roundTripMillis the last OPTIONS round trip, or a negative number when there is none (charted as a gap)
     */
    public static List<Metric> of(Audit audit, Supplier<List<LiveSession>> sessions, Supplier<PolicySnapshot> policy, LongSupplier roundTripMillis) {
        List<Metric> m = new ArrayList<>();
        m.add(new Metric(BRIDGED_OUT, Kind.TOTAL, "bridgedOut", "", () -> sum(audit, Audit.BRIDGED_OUT)));
        m.add(new Metric(BRIDGED_IN, Kind.TOTAL, "bridgedIn", "", () -> sum(audit, Audit.BRIDGED_IN)));
        m.add(new Metric(REFUSED, Kind.TOTAL, "refused", "", () -> audit.counters().entrySet().stream()
                .filter(e -> !e.getKey().event().equals(Audit.BRIDGED_IN) && !e.getKey().event().equals(Audit.BRIDGED_OUT))
                .mapToLong(e -> e.getValue()).sum()));
        for (ReasonCode r : ReasonCode.values()) {
            m.add(new Metric(REFUSED + "_" + r.code().replace('-', '_'), Kind.TOTAL, "refusedBy", r.code(), () -> sum(audit, r.code())));
        }
        m.add(new Metric(SESSIONS, Kind.GAUGE, "sessions", "", () -> PartnerSessions.of(sessions.get(), policy.get()).stream()
                .filter(PartnerSessions::isPartner).mapToInt(PartnerSessions::total).sum()));
        m.add(new Metric(SIP_RTT, Kind.GAUGE, "sipRtt", "", () -> {
            long ms = roundTripMillis.getAsLong();
            return ms < 0 ? Double.NaN : ms;
        }));
        return List.copyOf(m);
    }

    private static double sum(Audit audit, String event) {
        return audit.counters().entrySet().stream().filter(e -> e.getKey().event().equals(event)).mapToLong(e -> e.getValue()).sum();
    }
}
