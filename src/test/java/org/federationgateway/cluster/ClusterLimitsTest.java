package org.federationgateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lync §3 ConnectionLimit and §2.1 PartnerConnectionLimit over the sessions of every node of a cluster: one row per
 * situation with the sessions (node/id, partner, age) and the excess ones with the limit they break.
 */
class ClusterLimitsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private static final ClusterLimits LIMITS = new ClusterLimits(new PolicyEvaluator());

    /** b.test limit {@code partnerLimit}, c.test the gateway's per-partner limit (5, or the total if lower); {@code total} sessions in all. */
    private static PolicySnapshot snapshot(int total, int partnerLimit) {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(total, Math.min(5, total), d.keepAliveInterval(), d.streamEstablishmentTimeout(),
                d.streamInactivityTimeout(), d.subscriptionRefresh(), false, EnforcementMode.ENFORCE);
        return new PolicySnapshot(
                List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED).withConnectionLimit(partnerLimit),
                        Partner.withDefaults(Domain.parse("c.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), settings, false);
    }

    /** "node/id domain age-in-seconds" */
    private static ClusterLimits.Counted s(String spec) {
        String[] p = spec.split(" ");
        String[] nodeId = p[0].split("/");
        return new ClusterLimits.Counted(nodeId[0], nodeId[1], p[1], NOW.minusSeconds(Long.parseLong(p[2])));
    }

    private static List<ClusterLimits.Counted> sessions(String... specs) {
        return Stream.of(specs).map(ClusterLimitsTest::s).toList();
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("§2.1 limit 1, the partner on both nodes: the newer session goes, on the node that holds it",
                        snapshot(100, 1), sessions("n1/in b.test 100", "n2/out b.test 50"), Map.of("n2/out", "partner-connection-limit")),
                Arguments.of("§2.1 the same sessions listed in another order: the same answer",
                        snapshot(100, 1), sessions("n2/out b.test 50", "n1/in b.test 100"), Map.of("n2/out", "partner-connection-limit")),
                Arguments.of("§2.1 within the limit on every node: nothing goes",
                        snapshot(100, 2), sessions("n1/in b.test 100", "n2/out b.test 50"), Map.of()),
                Arguments.of("§2.1 equal start times: the node named first keeps its session, on every node alike",
                        snapshot(100, 1), sessions("n2/a b.test 10", "n1/z b.test 10"), Map.of("n2/a", "partner-connection-limit")),
                Arguments.of("§2.1 equal start times on one node: the session named first stays",
                        snapshot(100, 1), sessions("n1/b b.test 10", "n1/a b.test 10"), Map.of("n1/b", "partner-connection-limit")),
                Arguments.of("§3 global limit 2 over three nodes: the newest goes, whatever its partner",
                        snapshot(2, 5), sessions("n1/1 b.test 30", "n2/2 c.test 20", "n3/3 c.test 10"), Map.of("n3/3", "connection-limit")),
                Arguments.of("§3 the global limit is checked before the partner's",
                        snapshot(1, 1), sessions("n1/1 b.test 30", "n2/2 b.test 20"), Map.of("n2/2", "connection-limit")),
                Arguments.of("§3 a session over a limit does not count towards it: the next partner's session stays",
                        snapshot(2, 1), sessions("n1/1 b.test 30", "n2/2 b.test 20", "n2/3 c.test 10"), Map.of("n2/2", "partner-connection-limit")),
                Arguments.of("node left: without its sessions the remaining ones fit",
                        snapshot(100, 1), sessions("n2/out b.test 50"), Map.of()),
                Arguments.of("limits raised: what was excess under limit 1 fits under limit 3",
                        snapshot(100, 3), sessions("n1/1 b.test 30", "n2/2 b.test 20", "n2/3 b.test 10"), Map.of()),
                Arguments.of("limits lowered: under limit 1 the two newer sessions go, on whichever node",
                        snapshot(100, 1), sessions("n1/1 b.test 30", "n2/2 b.test 20", "n1/3 b.test 10"),
                        Map.of("n2/2", "partner-connection-limit", "n1/3", "partner-connection-limit")),
                Arguments.of("a domain that is no partner is not counted: the rules close it on its node",
                        snapshot(1, 1), sessions("n1/1 evil.test 30", "n2/2 b.test 20"), Map.of()),
                Arguments.of("a session listed twice counts once, by its older listing",
                        snapshot(100, 1), sessions("n1/1 b.test 30", "n1/1 b.test 5"), Map.of()),
                Arguments.of("no sessions: nothing goes",
                        snapshot(1, 1), sessions(), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void excessSessions(String why, PolicySnapshot snapshot, List<ClusterLimits.Counted> sessions, Map<String, String> expected) {
        Map<String, String> excess = new TreeMap<>();
        for (ClusterLimits.Excess e : LIMITS.excess(snapshot, sessions)) {
            excess.put(e.session().node() + "/" + e.session().id(), e.reason().code());
        }
        assertEquals(new TreeMap<>(expected), excess, why);
    }

    @ParameterizedTest(name = "every node decides alike: {0}")
    @MethodSource("rows")
    void everyNodeClosesOnlyWhatItHolds(String why, PolicySnapshot snapshot, List<ClusterLimits.Counted> sessions, Map<String, String> expected) {
        // Each node sees its own sessions and the others' in its own order; the union of what each closes of its own is the excess.
        Map<String, String> closed = new TreeMap<>();
        for (String node : sessions.stream().map(ClusterLimits.Counted::node).distinct().toList()) {
            List<ClusterLimits.Counted> view = new ArrayList<>(sessions.stream().filter(c -> c.node().equals(node)).toList());
            List<ClusterLimits.Counted> others = new ArrayList<>(sessions.stream().filter(c -> !c.node().equals(node)).toList());
            java.util.Collections.reverse(others);
            view.addAll(others);
            for (ClusterLimits.Excess e : LIMITS.excess(snapshot, view)) {
                if (e.session().node().equals(node)) {
                    closed.put(e.session().node() + "/" + e.session().id(), e.reason().code());
                }
            }
        }
        assertEquals(new TreeMap<>(expected), closed, why);
    }
}
