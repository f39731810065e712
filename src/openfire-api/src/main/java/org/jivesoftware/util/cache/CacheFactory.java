package org.jivesoftware.util.cache;

/** Stand-in for Openfire 5's CacheFactory (declarations only). */
public class CacheFactory {
    private CacheFactory() {
    }

    /** Clustered while this node is in a cluster, local otherwise; the same object follows the node in and out. */
    @SuppressWarnings("rawtypes")
    public static synchronized <T extends Cache> T createCache(String name) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    /** Runs the task on the given cluster member, asynchronously; nothing when not clustered. */
    public static void doClusterTask(final ClusterTask<?> task, byte[] nodeID) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
