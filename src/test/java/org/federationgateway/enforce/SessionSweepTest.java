package org.federationgateway.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.federationgateway.cluster.ClusterLimits;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.CertificateState;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lync gateway settings and partner rules applied to live sessions: one row per situation with the
 * sessions the sweep must close (and why) and the partners it must ping.
 */
class SessionSweepTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final SessionSweep SWEEP = new SessionSweep(new PolicyEvaluator());

    /** b.test: default rules, keep-alive on, limit 2. q.test: keep-alive off. Gateway: 3 sessions in all. */
    private static PolicySnapshot snapshot() {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(3, 3, Duration.ofSeconds(300),
                Duration.ofSeconds(60), Duration.ofSeconds(600), d.subscriptionRefresh(), false, EnforcementMode.ENFORCE);
        return new PolicySnapshot(
                List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED).withConnectionLimit(2),
                        Partner.withDefaults(Domain.parse("q.test")).withKeepAlive(false)
                                .withRules(new NegotiationRules(Negotiation.OPTIONAL, Negotiation.OPTIONAL, true))),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), settings, false);
    }

    /** A session: id, direction, domain, SASL EXTERNAL over TLS unless "dialback", authenticated unless "pending", ages in seconds. */
    private static SessionSweep.Live session(String id, Direction direction, String domain, String how, long ageSeconds, long idleSeconds) {
        boolean dialback = how.contains("dialback");
        boolean pending = how.contains("pending");
        boolean plain = how.contains("plain");
        AuthMethod method = pending ? AuthMethod.NONE : dialback ? AuthMethod.DIALBACK : AuthMethod.SASL_EXTERNAL;
        CertificateState cert = plain ? CertificateState.NONE : CertificateState.VALID;
        return new SessionSweep.Live(id, new org.federationgateway.policy.SessionFacts(direction, domain, !plain, method, cert),
                !pending, NOW.minusSeconds(ageSeconds), NOW.minusSeconds(idleSeconds));
    }

    static Stream<Arguments> rows() {
        Direction in = Direction.INBOUND;
        Direction out = Direction.OUTBOUND;
        return Stream.of(
                Arguments.of("§2.1 a partner's compliant, busy session stays",
                        List.of(session("1", in, "b.test", "", 100, 5)), Map.of(), Set.of()),
                Arguments.of("§2 a non-partner's session goes, however it authenticated",
                        List.of(session("1", in, "evil.test", "", 100, 5)), Map.of("1", "not-a-partner"), Set.of()),
                Arguments.of("§2.3 plain dialback breaks TLS Required",
                        List.of(session("1", in, "b.test", "dialback plain", 100, 5)), Map.of("1", "tls-required"), Set.of()),
                Arguments.of("§2.3 Optional/Optional partner over plain dialback stays",
                        List.of(session("1", in, "q.test", "dialback plain", 100, 5)), Map.of(), Set.of()),
                Arguments.of("§3 stream establishment timeout (60 s) for a session never authenticated",
                        List.of(session("1", in, "b.test", "pending", 61, 61), session("2", in, "b.test", "pending", 30, 30)),
                        Map.of("1", "establishment-timeout"), Set.of()),
                Arguments.of("§3 stream inactivity timeout (600 s)",
                        List.of(session("1", in, "b.test", "", 5000, 601), session("2", in, "b.test", "", 5000, 599)),
                        Map.of("1", "inactivity-timeout"), Set.of()),
                Arguments.of("§2.1 per-partner limit: the newest over the limit goes",
                        List.of(session("old", in, "b.test", "", 300, 1), session("new", in, "b.test", "", 10, 1),
                                session("mid", out, "b.test", "", 100, 1)),
                        Map.of("new", "partner-connection-limit"), Set.of()),
                Arguments.of("§3 gateway limit across partners: the newest over it goes",
                        List.of(session("1", in, "b.test", "", 400, 1), session("2", in, "q.test", "", 300, 1),
                                session("3", out, "q.test", "", 200, 1), session("4", out, "q.test", "", 100, 1)),
                        Map.of("4", "connection-limit"), Set.of()),
                Arguments.of("§2.1 keep-alive: a partner's outbound session quiet for the interval is pinged",
                        List.of(session("1", out, "b.test", "", 1000, 300), session("2", in, "b.test", "", 1000, 400)),
                        Map.of(), Set.of("b.test")),
                Arguments.of("§2.1 keep-alive: not before the interval, and never for partners with keep-alive off",
                        List.of(session("1", out, "b.test", "", 1000, 299), session("2", out, "q.test", "", 1000, 500)),
                        Map.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void closesAndPings(String rationale, List<SessionSweep.Live> live, Map<String, String> closed, Set<String> pinged) {
        PolicySnapshot snapshot = snapshot();
        Map<String, String> actual = new TreeMap<>();
        for (SessionSweep.Closure c : SWEEP.plan(snapshot, new ArrayList<>(live), NOW)) {
            actual.put(c.session().id(), c.reason().code());
        }
        assertEquals(new TreeMap<>(closed), actual, rationale);
        assertEquals(pinged, SWEEP.pingsDue(snapshot, live, NOW), rationale);
    }

    static Stream<Arguments> clusterRows() {
        Direction in = Direction.INBOUND;
        Direction out = Direction.OUTBOUND;
        return Stream.of(
                Arguments.of("§2.1 limit 2 over two nodes: this node's newest goes, the other node's older ones count",
                        List.of(session("mine", out, "b.test", "", 10, 1)),
                        List.of(new ClusterLimits.Counted("n2", "a", "b.test", NOW.minusSeconds(300)),
                                new ClusterLimits.Counted("n2", "b", "b.test", NOW.minusSeconds(200))),
                        Map.of("mine", "partner-connection-limit"), Set.of()),
                Arguments.of("§2.1 the other node's session is the newest: it is that node's to close, this one's counts",
                        List.of(session("mine", in, "b.test", "", 300, 1)),
                        List.of(new ClusterLimits.Counted("n2", "a", "b.test", NOW.minusSeconds(200)),
                                new ClusterLimits.Counted("n2", "b", "b.test", NOW.minusSeconds(10))),
                        Map.of(), Set.of("mine")),
                Arguments.of("§2 a rule break is closed and not counted; a pending session is not counted",
                        List.of(session("bad", in, "evil.test", "", 300, 1), session("wait", in, "b.test", "pending", 5, 5),
                                session("ok", in, "b.test", "", 100, 1)),
                        List.of(), Map.of("bad", "not-a-partner"), Set.of("ok")),
                Arguments.of("§3 gateway limit 3 counted over both nodes",
                        List.of(session("1", in, "q.test", "", 100, 1), session("2", out, "q.test", "", 50, 1)),
                        List.of(new ClusterLimits.Counted("n2", "x", "b.test", NOW.minusSeconds(400)),
                                new ClusterLimits.Counted("n2", "y", "q.test", NOW.minusSeconds(200))),
                        Map.of("2", "connection-limit"), Set.of("1")),
                Arguments.of("this node's own entry among the others' is not counted twice",
                        List.of(session("mine", in, "b.test", "", 300, 1)),
                        List.of(new ClusterLimits.Counted("n1", "mine", "b.test", NOW.minusSeconds(300))),
                        Map.of(), Set.of("mine")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterRows")
    void onAClusterTheLimitsCountEveryNodeAndThisNodeClosesOnlyItsOwn(String rationale, List<SessionSweep.Live> live,
                                                                       List<ClusterLimits.Counted> elsewhere, Map<String, String> closed, Set<String> counted) {
        SessionSweep.Plan plan = SWEEP.plan(snapshot(), "n1", new ArrayList<>(live), elsewhere, NOW);
        Map<String, String> actual = new TreeMap<>();
        for (SessionSweep.Closure c : plan.closures()) {
            actual.put(c.session().id(), c.reason().code());
        }
        assertEquals(new TreeMap<>(closed), actual, rationale);
        assertEquals(counted, plan.counted(), rationale);
    }
}
