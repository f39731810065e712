package org.federationgateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.federationgateway.audit.CounterKey;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.Direction;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.LiveSession;
import org.junit.jupiter.api.Test;

/** The cluster on the status page of any node: this node first, every node's sessions with their node, counters summed with each node's share. */
class ClusterStatusTest {
    private static final Instant AT = Instant.parse("2026-12-02T01:00:00Z");

    private static NodeFacts node(String id, String name, Map<CounterKey, Long> counters, String... domains) {
        List<NodeSession> sessions = java.util.stream.IntStream.range(0, domains.length)
                .mapToObj(i -> new NodeSession(id, "s" + i, new LiveSession(domains[i], Direction.INBOUND, AuthMethod.DIALBACK, "", "", "", null, AT), true))
                .toList();
        return new NodeFacts(id, name, AT, List.of(PartStatus.running("policy")), FrontEndView.OFF, sessions, counters);
    }

    @Test
    void everyNodeEverySessionAndTheCountersSummed() {
        CounterKey in = new CounterKey("b.test", "bridged-in");
        CounterKey refused = new CounterKey("c.test", "not-a-partner");
        NodeFacts n2 = node("id2", "node2.a.test", Map.of(in, 3L), "b.test");
        NodeFacts n1 = node("id1", "node1.a.test", Map.of(in, 4L, refused, 1L), "b.test", "e.test");
        NodeFacts n3 = node("id3", "node0.a.test", Map.of(), "e.test");

        ClusterStatus status = ClusterStatus.of(n2, List.of(n3, n1, n2));

        assertEquals(List.of("node2.a.test", "node0.a.test", "node1.a.test"), status.nodes().stream().map(ClusterStatus.Node::name).toList(),
                "this node first, then the others by name, each once");
        assertEquals(List.of(true, false, false), status.nodes().stream().map(ClusterStatus.Node::local).toList());
        assertEquals(List.of(1, 1, 2), status.nodes().stream().map(ClusterStatus.Node::sessionCount).toList());
        assertEquals(List.of("node2.a.test b.test", "node0.a.test e.test", "node1.a.test b.test", "node1.a.test e.test"),
                status.sessions().stream().map(s -> s.nodeName() + " " + s.session().remoteDomain()).toList());
        assertEquals(List.of(
                        new ClusterStatus.Counter("b.test", "bridged-in", 7, List.of(new ClusterStatus.NodeCount("node2.a.test", 3), new ClusterStatus.NodeCount("node1.a.test", 4))),
                        new ClusterStatus.Counter("c.test", "not-a-partner", 1, List.of(new ClusterStatus.NodeCount("node1.a.test", 1)))),
                status.counters());
        assertEquals(4, status.liveSessions().size());
    }
}
