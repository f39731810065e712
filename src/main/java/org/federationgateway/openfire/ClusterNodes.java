package org.federationgateway.openfire;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.cluster.ClusterLimits;
import org.federationgateway.cluster.ClusterStatus;
import org.federationgateway.cluster.NodeFacts;
import org.federationgateway.cluster.NodeFactsCodec;
import org.federationgateway.cluster.NodeSession;
import org.federationgateway.lifecycle.Part;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.LiveSession;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.cache.CacheFactory;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * What the nodes of an Openfire cluster know of each other: each node writes its own {@link NodeFacts} (sessions it
 * holds, parts, SIP endpoint, counters) into one clustered cache, as a JSON string so that no class of the plugin
 * travels between nodes, when its sessions change and every {@link #PUBLISH_INTERVAL}; the entry of a node that leaves
 * is dropped by every node that sees it go. Without a cluster nothing is written or read: this node is all there is.
 */
final class ClusterNodes implements Part, SessionGuard.Cluster {
    private static final Logger LOG = NodeLog.getLogger(ClusterNodes.class);
    /** The clustered cache's name; its entries are node id -> facts (JSON). */
    static final String CACHE = "Federation Gateway cluster nodes";
    static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(5);
    /** An entry not refreshed for this long is of a node that is gone without a leave event (it is ignored). */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private final String plugin;
    private final Supplier<List<PartStatus>> parts;
    private final Supplier<FrontEndView> sipEndpoint;
    private final Audit audit;
    private final Clock clock;
    private final String node;
    private final String name;
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private volatile Map<String, String> cache;
    private volatile ScheduledExecutorService executor;
    private volatile List<NodeSession> held = List.of();

    ClusterNodes(String plugin, Supplier<List<PartStatus>> parts, Supplier<FrontEndView> sipEndpoint, Audit audit, Clock clock) {
        this.plugin = plugin;
        this.parts = parts;
        this.sipEndpoint = sipEndpoint;
        this.audit = audit;
        this.clock = clock;
        XMPPServer server = XMPPServer.getInstance();
        this.node = new String(server.getNodeID().toByteArray(), StandardCharsets.UTF_8);
        String host = server.getServerInfo().getHostname();
        this.name = host == null || host.isBlank() ? node : host;
    }

    @Override
    public String name() {
        return "cluster-nodes";
    }

    /** This node's cluster identifier (Openfire's {@code clustering.nodeid}). */
    @Override
    public String node() {
        return node;
    }

    /** This node's host name. */
    String nodeName() {
        return name;
    }

    /** True while this node is part of a started cluster and the cache is there. */
    boolean clustered() {
        return cache != null && ClusterManager.isClusteringStarted();
    }

    @Override
    public AutoCloseable start() {
        Map<String, String> created = CacheFactory.createCache(CACHE);
        cache = created;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, plugin + "-cluster-nodes");
            t.setDaemon(true);
            return t;
        });
        executor = scheduler;
        scheduler.scheduleWithFixedDelay(this::publish, PUBLISH_INTERVAL.toMillis(), PUBLISH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        ClusterEventListener listener = new Listener();
        ClusterManager.addListener(listener);
        publishSoon();
        return () -> {
            ClusterManager.removeListener(listener);
            executor = null;
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            if (clustered()) {
                created.remove(node); // the others stop counting this node's sessions at once
            }
            cache = null;
            NodeLog.nameNode(null);
        };
    }

    /** The sessions this node holds, as its last sweep found them; told to the other nodes at once. */
    @Override
    public void held(List<NodeSession> sessions) {
        List<NodeSession> copy = List.copyOf(sessions);
        boolean changed = !copy.equals(held);
        held = copy;
        if (changed) {
            publishSoon();
        }
    }

    /** This node's facts now. */
    NodeFacts local() {
        return new NodeFacts(node, name, clock.instant(), parts.get(), sipEndpoint.get(), held, audit.counters());
    }

    /** The cluster for the status page, with this node's live sessions; empty when not clustered. */
    Optional<ClusterStatus> status(List<LiveSession> live) {
        if (!clustered()) {
            return Optional.empty();
        }
        List<NodeSession> mine = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            mine.add(new NodeSession(node, String.valueOf(i), live.get(i), true));
        }
        NodeFacts here = new NodeFacts(node, name, clock.instant(), parts.get(), sipEndpoint.get(), mine, audit.counters());
        return Optional.of(ClusterStatus.of(here, others()));
    }

    /** The other nodes' facts, by name; empty when not clustered. Entries that cannot be read or are stale are left out. */
    List<NodeFacts> others() {
        Map<String, String> c = cache;
        if (c == null || !ClusterManager.isClusteringStarted()) {
            return List.of();
        }
        List<NodeFacts> others = new ArrayList<>();
        for (Map.Entry<String, String> e : Map.copyOf(c).entrySet()) {
            if (e.getKey().equals(node)) {
                continue;
            }
            try {
                NodeFacts f = NodeFactsCodec.decode(e.getValue());
                if (f.published().plus(STALE_AFTER).isAfter(clock.instant())) {
                    others.add(f);
                }
                unreadable.remove(e.getKey());
            } catch (IllegalArgumentException bad) {
                if (unreadable.add(e.getKey())) {
                    LOG.warn("Federation Gateway: cannot read what cluster node {} published (another plugin version?): {}", e.getKey(), bad.getMessage());
                }
            }
        }
        others.sort(Comparator.comparing(NodeFacts::name).thenComparing(NodeFacts::node));
        return others;
    }

    /** The sessions the other nodes hold that count against the limits, for this node's sweep. */
    @Override
    public List<ClusterLimits.Counted> countedElsewhere() {
        List<ClusterLimits.Counted> counted = new ArrayList<>();
        for (NodeFacts f : others()) {
            for (NodeSession s : f.sessions()) {
                if (s.authenticated()) {
                    counted.add(new ClusterLimits.Counted(f.node(), s.id(), s.session().remoteDomain(), s.session().since()));
                }
            }
        }
        return counted;
    }

    private void publishSoon() {
        ScheduledExecutorService e = executor;
        if (e != null) {
            try {
                e.execute(this::publish);
            } catch (RejectedExecutionException stopping) {
                // unloading
            }
        }
    }

    private void publish() {
        try {
            Map<String, String> c = cache;
            boolean clustered = c != null && ClusterManager.isClusteringStarted();
            NodeLog.nameNode(clustered ? name : null);
            if (clustered) {
                c.put(node, NodeFactsCodec.encode(local()));
            }
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again; the next round tries again.
            LOG.warn("Federation Gateway: cannot tell the other cluster nodes this node's sessions and state: {}", e.toString());
        }
    }

    /** Re-adds this node's entry when it joins (a joining node's cache starts without it), drops a departed node's. */
    private final class Listener implements ClusterEventListener {
        @Override
        public void joinedCluster() {
            NodeLog.nameNode(name);
            publishSoon();
        }

        @Override
        public void joinedCluster(byte[] nodeID) {
            publishSoon();
        }

        @Override
        public void leftCluster() {
            NodeLog.nameNode(null);
            Map<String, String> c = cache;
            if (c != null) {
                c.keySet().removeIf(k -> !k.equals(node)); // the cache is this node's own again: nobody else is in it
            }
        }

        @Override
        public void leftCluster(byte[] nodeID) {
            Map<String, String> c = cache;
            String gone = new String(nodeID, StandardCharsets.UTF_8);
            if (c != null && !gone.equals(node)) {
                c.remove(gone);
                LOG.info("Federation Gateway: cluster node {} left; its sessions no longer count here", gone);
            }
        }

        @Override
        public void markedAsSeniorClusterMember() {
            // no duty of the senior member here
        }
    }
}
