package org.jivesoftware.openfire.cluster;

/** Stand-in for Openfire 5's ClusterEventListener (declarations only). */
public interface ClusterEventListener {
    void joinedCluster();

    void joinedCluster(byte[] nodeID);

    void leftCluster();

    void leftCluster(byte[] nodeID);

    void markedAsSeniorClusterMember();
}
