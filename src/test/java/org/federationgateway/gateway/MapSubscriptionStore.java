package org.federationgateway.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The subscription store of the presence bridge's tests: the given map, which a test reads and fills directly. */
class MapSubscriptionStore implements SubscriptionStore {
    private final Map<String, PresenceSubscription> stored;

    MapSubscriptionStore(Map<String, PresenceSubscription> stored) {
        this.stored = stored;
    }

    @Override
    public Optional<PresenceSubscription> find(String key) {
        return Optional.ofNullable(stored.get(key));
    }

    @Override
    public Optional<PresenceSubscription> findByCallId(String callId) {
        return stored.values().stream().filter(s -> s.dialog().callId().equals(callId)).findFirst();
    }

    @Override
    public void save(PresenceSubscription subscription) {
        stored.put(subscription.key(), subscription);
    }

    @Override
    public void remove(String key) {
        stored.remove(key);
    }

    @Override
    public Collection<PresenceSubscription> all() {
        return List.copyOf(stored.values());
    }
}
