package org.federationgateway.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.federationgateway.audit.CounterKey;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.LiveSession;

/**
 * The cluster as the status page and the status API show it on any node: every node with its parts and SIP
 * endpoint, every server-to-server session with the node holding it, and the counters summed over the nodes with
 * each node's share. The getters are for the page's expression language; the API writes the record's components.
 *
 * @param nodes    every node, this one first
 * @param sessions every session of every node
 * @param counters every counter, summed
 */
public record ClusterStatus(List<Node> nodes, List<Session> sessions, List<Counter> counters) {
    public ClusterStatus {
        nodes = List.copyOf(nodes);
        sessions = List.copyOf(sessions);
        counters = List.copyOf(counters);
    }

    /** One node: its host name, identifier, whether it is the node showing the page, its parts, SIP endpoint and session count. */
    public record Node(String name, String node, boolean local, List<Part> parts, FrontEndView sipEndpoint, int sessionCount) {
        public Node {
            Objects.requireNonNull(name, "name");
            parts = List.copyOf(parts);
            Objects.requireNonNull(sipEndpoint, "sipEndpoint");
        }

        public String getName() {
            return name;
        }

        public String getNode() {
            return node;
        }

        public boolean isLocal() {
            return local;
        }

        public List<Part> getParts() {
            return parts;
        }

        public String getSipState() {
            return sipEndpoint.state();
        }

        public String getSipTarget() {
            return sipEndpoint.target();
        }

        public int getSessionCount() {
            return sessionCount;
        }
    }

    /** One part of the plugin on a node and its state's code. */
    public record Part(String part, String state) {
        static Part of(PartStatus p) {
            return new Part(p.part(), p.state().code());
        }

        public String getPart() {
            return part;
        }

        public String getState() {
            return state;
        }
    }

    /** One session and the host name of the node that holds it. */
    public record Session(String nodeName, LiveSession session) {
        public Session {
            Objects.requireNonNull(nodeName, "nodeName");
            Objects.requireNonNull(session, "session");
        }

        public String getNodeName() {
            return nodeName;
        }
    }

    /** A counter summed over the nodes, and each node's count (nodes that counted nothing left out). */
    public record Counter(String partner, String event, long total, List<NodeCount> perNode) {
        public Counter {
            perNode = List.copyOf(perNode);
        }

        public String getPartner() {
            return partner;
        }

        public String getEvent() {
            return event;
        }

        public long getTotal() {
            return total;
        }

        public List<NodeCount> getPerNode() {
            return perNode;
        }
    }

    /** One node's share of a counter. */
    public record NodeCount(String nodeName, long count) {
        public String getNodeName() {
            return nodeName;
        }

        public long getCount() {
            return count;
        }
    }

    public List<Node> getNodes() {
        return nodes;
    }

    public List<Session> getSessions() {
        return sessions;
    }

    public List<Counter> getCounters() {
        return counters;
    }

    /**
     * @param local  this node's facts, with its live sessions
     * @param others what the other nodes published
     */
    public static ClusterStatus of(NodeFacts local, List<NodeFacts> others) {
        List<NodeFacts> all = new ArrayList<>();
        all.add(local);
        others.stream().filter(f -> !f.node().equals(local.node())).sorted(Comparator.comparing(NodeFacts::name)).forEach(all::add);
        List<Node> nodes = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        Map<CounterKey, List<NodeCount>> shares = new TreeMap<>(Comparator.comparing(CounterKey::partner).thenComparing(CounterKey::event));
        for (NodeFacts f : all) {
            nodes.add(new Node(f.name(), f.node(), f == local, f.parts().stream().map(Part::of).toList(), f.sipEndpoint(), f.sessions().size()));
            f.sessions().forEach(s -> sessions.add(new Session(f.name(), s.session())));
            f.counters().forEach((k, v) -> shares.computeIfAbsent(k, x -> new ArrayList<>()).add(new NodeCount(f.name(), v)));
        }
        List<Counter> counters = new ArrayList<>();
        shares.forEach((k, v) -> counters.add(new Counter(k.partner(), k.event(), v.stream().mapToLong(NodeCount::count).sum(), v)));
        return new ClusterStatus(nodes, sessions, counters);
    }

    /** All sessions of the cluster, for the per-partner counts against the limits. */
    public List<LiveSession> liveSessions() {
        return sessions.stream().map(Session::session).toList();
    }
}
