package org.federationgateway.gateway;

/**
 * Where a partner's presence stanza for a SIP watcher is carried out on a cluster: by the node that holds the
 * watcher's subscription, since only that node has its SIP dialog. Pure: the caller looks up the facts.
 */
public final class SubscriptionOwnership {
    /** The outcome for one stanza. */
    public enum Route {
        /** This node holds the subscription: carried out here. */
        MINE,
        /** Another node in the cluster holds it: handed to that node. */
        OTHER_NODE,
        /**
         * No node in the cluster holds it (no such subscription, or its node left and is adopted next): carried out
         * here, where the stanza meets the usual rules.
         */
        NOBODY
    }

    private SubscriptionOwnership() {
    }

    /**
     * @param heldHere    this node has the subscription in its own store
     * @param owner       the node the shared store names as owner, or null (no row, or a row of no node)
     * @param localNode   this node's id, or null when not clustered
     * @param ownerMember whether {@code owner} is in the cluster now
     */
    public static Route route(boolean heldHere, String owner, String localNode, boolean ownerMember) {
        if (heldHere) {
            return Route.MINE;
        }
        if (localNode == null || owner == null) {
            return Route.NOBODY;
        }
        if (owner.equals(localNode)) {
            return Route.MINE;
        }
        return ownerMember ? Route.OTHER_NODE : Route.NOBODY;
    }
}
