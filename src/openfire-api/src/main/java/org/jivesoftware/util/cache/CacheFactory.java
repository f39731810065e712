package org.jivesoftware.util.cache;

/** Stand-in for Openfire 5's CacheFactory (declarations only). */
public class CacheFactory {
    private CacheFactory() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static void doClusterTask(ClusterTask<?> task) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
