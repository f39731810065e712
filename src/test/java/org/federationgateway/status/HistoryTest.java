package org.federationgateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.Refusal;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

/** The figures, their last hour, and the charts drawn from it. */
class HistoryTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private final Audit audit = new Audit(10);
    private final AtomicLong rtt = new AtomicLong(-1);
    private final PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test"))), List.of(), List.of(),
            GatewaySettings.defaults(), false);
    private final List<LiveSession> sessions = List.of(
            new LiveSession("b.test", org.federationgateway.policy.Direction.INBOUND, org.federationgateway.policy.AuthMethod.DIALBACK, "", "", "", null, T),
            new LiveSession("c.test", org.federationgateway.policy.Direction.INBOUND, org.federationgateway.policy.AuthMethod.DIALBACK, "", "", "", null, T));
    private final List<Metrics.Metric> metrics = Metrics.of(audit, () -> sessions, () -> policy, rtt::get);

    private double value(String key) {
        return metrics.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow().value().getAsDouble();
    }

    @Test
    void figuresCountEachWayEachReasonAndOnlyPartnersSessions() {
        audit.count("b.test", Audit.BRIDGED_OUT);
        audit.count("e.test", Audit.BRIDGED_OUT);
        audit.count("b.test", Audit.BRIDGED_IN);
        audit.refused(new Refusal(T, "inbound", "c.test", "alice@a.test", "message", "not-a-partner", true));
        audit.refused(new Refusal(T, "inbound", "b.test", "alice@a.test", "message", "tls-required", true));
        assertEquals(2, value(Metrics.BRIDGED_OUT));
        assertEquals(1, value(Metrics.BRIDGED_IN));
        assertEquals(2, value(Metrics.REFUSED));
        assertEquals(1, value("refused_not_a_partner"));
        assertEquals(1, value("refused_tls_required"));
        assertEquals(0, value("refused_connection_limit"));
        assertEquals(1, value(Metrics.SESSIONS), "c.test is not a partner");
        assertTrue(Double.isNaN(value(Metrics.SIP_RTT)), "no round trip yet");
        rtt.set(12);
        assertEquals(12, value(Metrics.SIP_RTT));
    }

    @Test
    void totalsArePointsOfGrowthPerMinuteAndTheHourKeepsSixtyPoints() {
        History h = new History(metrics);
        assertEquals(Metrics.CHARTED, h.keys());
        h.sample(T);
        audit.count("b.test", Audit.BRIDGED_OUT);
        audit.count("b.test", Audit.BRIDGED_OUT);
        rtt.set(7);
        h.sample(T.plusSeconds(60));
        List<History.Point> out = h.points(Metrics.BRIDGED_OUT);
        assertTrue(Double.isNaN(out.get(0).value()), "the first sample only sets where the total starts");
        assertEquals(2, out.get(1).value());
        assertEquals(List.of(Double.NaN, 7.0), h.points(Metrics.SIP_RTT).stream().map(History.Point::value).toList());
        for (int i = 2; i < 100; i++) {
            h.sample(T.plusSeconds(60L * i));
        }
        assertEquals(History.POINTS, h.points(Metrics.BRIDGED_OUT).size());
        assertEquals(T.plusSeconds(60L * 99), h.points(Metrics.BRIDGED_OUT).get(59).at());
    }

    @Test
    void chartsAreInlineSvgFromNumbersWithGapsWhereThereWasNothing() {
        List<History.Point> points = List.of(new History.Point(T, 0), new History.Point(T, 4), new History.Point(T, Double.NaN),
                new History.Point(T, 2), new History.Point(T, 2));
        String svg = Sparkline.svg(points, 5);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertEquals(2, svg.split("<path ", -1).length - 1, "a gap breaks the line: " + svg);
        assertTrue(svg.contains("M0.0,38.0 L60.0,2.0"), "scaled from 0 to the highest value: " + svg);
        assertFalse(svg.contains("<script") || svg.contains("href"), svg);
        assertEquals("4", Sparkline.max(points));
        assertEquals("", Sparkline.max(List.of(new History.Point(T, Double.NaN))));
        assertFalse(Sparkline.svg(List.of(), 60).contains("<path"), "nothing to draw yet");
    }
}
