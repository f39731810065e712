package org.jivesoftware.openfire.cluster;

/** Stand-in for Openfire 5's ClusterManager (declarations only). */
public class ClusterManager {
    public static boolean isClusteringStarted() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static boolean isClusterMember(byte[] nodeID) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static boolean isSeniorClusterMember() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static void addListener(ClusterEventListener listener) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static void removeListener(ClusterEventListener listener) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
