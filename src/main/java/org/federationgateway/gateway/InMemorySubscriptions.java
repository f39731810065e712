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
    /**
     * Saves and removes of one key run one at a time (a SUBSCRIBE's answer and the first NOTIFY are handled on different
     * threads and both save): the store behind replaces a row by delete and insert, which two concurrent transactions
     * on the same key turn into a duplicate key on PostgreSQL, and the index would keep whichever came last.
     */
    private final Object[] keyLocks = new Object[64];

    /** @param behind the durable store, or null to keep them in memory only */
    public InMemorySubscriptions(SubscriptionStore behind) {
        this.behind = behind;
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new Object();
        }
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
        synchronized (lockOf(s.key())) {
            if (behind != null) {
                behind.save(s);
            }
            index(s);
        }
    }

    private Object lockOf(String key) {
        return keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)];
    }

    @Override
    public void remove(String key) {
        synchronized (lockOf(key)) {
            if (behind != null) {
                behind.remove(key);
            }
            PresenceSubscription old = byKey.remove(key);
            if (old != null) {
                keyByCallId.remove(old.dialog().callId());
            }
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
