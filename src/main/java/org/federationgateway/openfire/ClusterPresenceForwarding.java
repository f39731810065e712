package org.federationgateway.openfire;

import java.nio.charset.StandardCharsets;

import org.federationgateway.gateway.ClusterForwarding;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.cache.CacheFactory;

/**
 * Openfire's cluster for the presence bridge: this node's id while clustering runs, membership from
 * {@link ClusterManager}, and a {@link ForwardedPresence} task to the node holding a SIP watcher's subscription.
 */
final class ClusterPresenceForwarding implements ClusterForwarding {
    private final String node;

    ClusterPresenceForwarding() {
        this.node = new String(XMPPServer.getInstance().getNodeID().toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public String localNode() {
        return ClusterManager.isClusteringStarted() ? node : null;
    }

    @Override
    public boolean isMember(String other) {
        return ClusterManager.isClusterMember(other.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean forward(String other, String key, String stanzaXml) {
        try {
            // Asynchronous: the thread that read the partner's stream does not wait for the other node.
            CacheFactory.doClusterTask(new ForwardedPresence(key, stanzaXml), other.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (RuntimeException e) {
            return false; // the node left in the meantime (IllegalArgumentException/IllegalStateException): carried out here
        }
    }
}
