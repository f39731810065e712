package org.federationgateway.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Subscriptions in memory, with a write-through {@link SubscriptionStore} behind them (or none). */
public final class InMemorySubscriptions implements SubscriptionStore {
    private final Map<String, PresenceSubscription> byKey = new ConcurrentHashMap<>();
    private final Map<String, String> keyByCallId = new ConcurrentHashMap<>();
    private final SubscriptionStore behind;

    /** @param behind the durable store, or null to keep them in memory only */
    public InMemorySubscriptions(SubscriptionStore behind) {
        this.behind = behind;
        if (behind != null) {
            behind.all().forEach(this::index);
        }
    }

    private void index(PresenceSubscription s) {
        PresenceSubscription old = byKey.put(s.key(), s);
        if (old != null && !old.dialog().callId().equals(s.dialog().callId())) {
            keyByCallId.remove(old.dialog().callId());
        }
        keyByCallId.put(s.dialog().callId(), s.key());
    }

    @Override
    public Optional<PresenceSubscription> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public Optional<PresenceSubscription> findByCallId(String callId) {
        String key = keyByCallId.get(callId);
        return key == null ? Optional.empty() : find(key);
    }

    @Override
    public void save(PresenceSubscription s) {
        if (behind != null) {
            behind.save(s);
        }
        index(s);
    }

    @Override
    public void remove(String key) {
        if (behind != null) {
            behind.remove(key);
        }
        PresenceSubscription old = byKey.remove(key);
        if (old != null) {
            keyByCallId.remove(old.dialog().callId());
        }
    }

    /** Takes over a departed node's subscriptions from the store behind; returns those new to this node. */
    @Override
    public Collection<PresenceSubscription> adopt(String departedNode) {
        if (behind == null) {
            return List.of();
        }
        List<PresenceSubscription> adopted = new java.util.ArrayList<>();
        for (PresenceSubscription s : behind.adopt(departedNode)) {
            if (!byKey.containsKey(s.key())) {
                index(s);
                adopted.add(s);
            }
        }
        return adopted;
    }

    /** Asks the store behind: the index holds only this node's subscriptions. */
    @Override
    public Optional<String> ownerOf(String key) {
        return behind == null ? Optional.empty() : behind.ownerOf(key);
    }

    @Override
    public Collection<PresenceSubscription> all() {
        return List.copyOf(byKey.values());
    }
}
