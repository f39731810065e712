package org.federationgateway.gateway;

/**
 * How a partner's presence stanza for a SIP watcher reaches the cluster node that holds the watcher's subscription
 * (its SIP dialog): the node that receives it from the partner's server hands it on when another node owns the row
 * ({@link SubscriptionOwnership}). A gateway that is not clustered has no other node ({@link #NONE}).
 */
public interface ClusterForwarding {
    /** No cluster: every stanza is carried out where it arrives. */
    ClusterForwarding NONE = new ClusterForwarding() {
        @Override
        public String localNode() {
            return null;
        }

        @Override
        public boolean isMember(String node) {
            return false;
        }

        @Override
        public boolean forward(String node, String key, String stanzaXml) {
            return false;
        }
    };

    /** This node's id while it is part of a running cluster; null otherwise. */
    String localNode();

    /** Whether the node with this id is in the cluster now. */
    boolean isMember(String node);

    /**
     * Hands the stanza to the node, which carries it out as if it had received it.
     *
     * @return false when it could not be handed on (the node is gone, the cluster stopped): the caller carries it out
     */
    boolean forward(String node, String key, String stanzaXml);
}
