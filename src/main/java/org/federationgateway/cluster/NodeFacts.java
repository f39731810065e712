package org.federationgateway.cluster;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.federationgateway.audit.CounterKey;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.status.FrontEndView;

/**
 * What one node of an Openfire cluster publishes about itself for the others: its name, the plugin's parts, its SIP
 * endpoint, the server-to-server sessions it holds and its counters. Every node writes only its own entry.
 *
 * @param node        the node's cluster identifier (Openfire's {@code clustering.nodeid})
 * @param name        the node's host name, as administrators know it
 * @param published   when the node wrote this
 * @param parts       the plugin's parts on that node and their state
 * @param sipEndpoint that node's SIP endpoint
 * @param sessions    the sessions it holds, each naming this node
 * @param counters    its counters, by partner and event
 */
public record NodeFacts(String node, String name, Instant published, List<PartStatus> parts, FrontEndView sipEndpoint,
                        List<NodeSession> sessions, Map<CounterKey, Long> counters) {
    public NodeFacts {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node is required");
        }
        name = name == null || name.isBlank() ? node : name;
        Objects.requireNonNull(published, "published");
        parts = List.copyOf(parts);
        Objects.requireNonNull(sipEndpoint, "sipEndpoint");
        sessions = List.copyOf(sessions);
        for (NodeSession s : sessions) {
            if (!s.node().equals(node)) {
                throw new IllegalArgumentException("session " + s.id() + " names node " + s.node() + ", not " + node);
            }
        }
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        for (Long v : counters.values()) {
            if (v == null || v < 0) {
                throw new IllegalArgumentException("counters cannot be negative");
            }
        }
    }
}
