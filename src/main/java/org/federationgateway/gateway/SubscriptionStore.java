package org.federationgateway.gateway;

import java.util.Collection;
import java.util.Optional;

/** Where bridged presence subscriptions are kept; the JDBC store makes them survive a restart. */
public interface SubscriptionStore {
    Optional<PresenceSubscription> find(String key);

    Optional<PresenceSubscription> findByCallId(String callId);

    void save(PresenceSubscription subscription);

    void remove(String key);

    Collection<PresenceSubscription> all();

    /**
     * Takes over what a cluster node that left served; a store without owners has nothing to take over.
     *
     * @return every subscription this store's node owns afterwards
     */
    default Collection<PresenceSubscription> adopt(String departedNode) {
        return java.util.List.of();
    }

    /**
     * The cluster node that owns the subscription with this key, whichever node it is (also another node's); empty
     * when there is no such subscription or the store has no owners.
     */
    default Optional<String> ownerOf(String key) {
        return Optional.empty();
    }
}
