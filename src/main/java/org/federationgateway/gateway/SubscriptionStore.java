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
}
