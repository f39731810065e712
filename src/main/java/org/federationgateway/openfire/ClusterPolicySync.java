package org.federationgateway.openfire;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.federationgateway.lifecycle.Part;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.StoreException;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * One federation policy on every node of an Openfire cluster. Partners, policies and assignments live in the shared
 * database; each node runs its own copy. After a change commits, this node tells the others at once by setting the
 * system property {@value #ANNOUNCED} to the new generation: Openfire shares property changes with every node and
 * fires their listeners there, so no class of the plugin travels through the cluster (a plugin's own cluster task
 * breaks when the plugin is reloaded, and Openfire warns about each one);
 * a node that joins or rejoins the cluster reloads before it goes on; and, so that a lost message cannot leave a node
 * on an old policy (a removed partner still federating through it), every node compares the stored policy generation
 * with its own every {@value #CHECK_INTERVAL} seconds and reloads when it moved. Without a cluster only that check runs:
 * one small read, which also recovers a policy that could not be loaded at start-up.
 */
final class ClusterPolicySync implements Part {
    private static final Logger LOG = NodeLog.getLogger(ClusterPolicySync.class);
    static final String CHECK_INTERVAL = "federationgateway.cluster.policyCheckInterval";
    static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);
    static final String ANNOUNCED = "federationgateway.cluster.policyGeneration";

    private final PolicyService policy;
    private final String plugin;
    private final Runnable reloaded;
    private volatile ScheduledExecutorService executor;
    private volatile SystemProperty<Long> announced;

    /** @param reloaded run after a reload, e.g. to close sessions the new policy refuses without waiting for the sweep */
    ClusterPolicySync(PolicyService policy, String plugin, Runnable reloaded) {
        this.policy = policy;
        this.plugin = plugin;
        this.reloaded = reloaded;
    }

    static SystemProperty<Duration> checkIntervalProperty(String plugin) {
        return SystemProperty.Builder.ofType(Duration.class).setKey(CHECK_INTERVAL).setDefaultValue(DEFAULT_CHECK_INTERVAL)
                .setChronoUnit(ChronoUnit.SECONDS).setDynamic(false).setPlugin(plugin).build();
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public AutoCloseable start() {
        Duration interval = atLeastOneSecond(checkIntervalProperty(plugin).getValue());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, plugin + "-policy-generation");
            t.setDaemon(true);
            return t;
        });
        executor = scheduler;
        scheduler.scheduleWithFixedDelay(() -> check("generation check"), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        // Fires on every node when any node sets it (on this one too, where the check then finds nothing new).
        announced = SystemProperty.Builder.ofType(Long.class).setKey(ANNOUNCED).setDefaultValue(0L).setDynamic(true).setPlugin(plugin)
                .addListener(generation -> checkSoon("changed on another cluster node")).build();
        ClusterEventListener listener = new Listener();
        ClusterManager.addListener(listener);
        policy.onCommitted(this::announce);
        return () -> {
            policy.onCommitted(() -> { });
            ClusterManager.removeListener(listener);
            announced = null;
            executor = null;
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        };
    }

    /** Asks this node to check now, on its own thread (a cluster task or event must not wait on the database). */
    void checkSoon(String why) {
        ScheduledExecutorService e = executor;
        if (e != null) {
            try {
                e.execute(() -> check(why));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // unloading: nothing left to keep current
            }
        }
    }

    private void check(String why) {
        try {
            policy.reloadIfChanged().ifPresent(r -> {
                LOG.info("Federation Gateway: policy reloaded from the database ({}): generation {} -> {}", why, r.from(), r.to());
                reloaded.run();
            });
        } catch (StoreException | IllegalArgumentException e) {
            // The running policy stays in force; the next check tries again.
            LOG.warn("Federation Gateway: cannot check the stored policy ({}): {}", why, e.getMessage());
        }
    }

    /** After a change committed here: the other nodes reload now instead of at their next check. */
    private void announce() {
        if (!ClusterManager.isClusteringStarted()) {
            return;
        }
        SystemProperty<Long> property = announced;
        if (property == null) {
            return;
        }
        try {
            VersionBridge.setValue(property, policy.generation());
        } catch (RuntimeException e) {
            // The periodic check still brings the other nodes up to date.
            LOG.warn("Federation Gateway: could not tell the other cluster nodes of a policy change: {}", e.toString());
        }
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d == null || d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    /** A node that joins (or rejoins after a split) loads the current policy before it goes on enforcing its own. */
    private final class Listener implements ClusterEventListener {
        @Override
        public void joinedCluster() {
            checkSoon("joined the cluster");
        }

        @Override
        public void joinedCluster(byte[] nodeID) {
            // another node joined: it loads for itself
        }

        @Override
        public void leftCluster() {
            checkSoon("left the cluster");
        }

        @Override
        public void leftCluster(byte[] nodeID) {
            // another node left: the policy is in the database, nothing of it was lost
        }

        @Override
        public void markedAsSeniorClusterMember() {
            // no duty of the senior member here
        }
    }
}
