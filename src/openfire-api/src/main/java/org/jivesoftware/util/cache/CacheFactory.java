package org.jivesoftware.util.cache;

/** Stand-in for Openfire 5's CacheFactory (declarations only). */
public class CacheFactory {
    private CacheFactory() {
    }

    /** Clustered while this node is in a cluster, local otherwise; the same object follows the node in and out. */
    @SuppressWarnings("rawtypes")
    public static synchronized <T extends Cache> T createCache(String name) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
