package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.federationgateway.gateway.PresenceSubscription.Kind;
import org.federationgateway.gateway.PresenceSubscription.State;
import org.junit.jupiter.api.Test;

/**
 * A SUBSCRIBE's answer and the first NOTIFY of its dialog are handled on different threads and both save the
 * subscription (RFC 6665 §4.1.2.4: the NOTIFY may even arrive first); the durable store replaces a row by delete and
 * insert, so saves of one key must reach it one at a time.
 */
class InMemorySubscriptionsConcurrencyTest {
    @Test
    void savesOfOneKeyReachTheStoreBehindOneAtATime() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        SubscriptionStore behind = new SubscriptionStore() {
            @Override
            public Optional<PresenceSubscription> find(String key) {
                return Optional.empty();
            }

            @Override
            public Optional<PresenceSubscription> findByCallId(String callId) {
                return Optional.empty();
            }

            @Override
            public void save(PresenceSubscription subscription) {
                mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.yield(); // the delete, then the insert
                inFlight.decrementAndGet();
            }

            @Override
            public void remove(String key) {
                save(null);
            }

            @Override
            public Collection<PresenceSubscription> all() {
                return List.of();
            }
        };
        InMemorySubscriptions store = new InMemorySubscriptions(behind);
        SipDialog dialog = new SipDialog("call-1", "sip:romeo@a.test", "gw", "sip:juliet@b.test", null, null, List.of());
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 5_000; i++) {
                        if (thread == 3 && i % 10 == 0) {
                            store.remove(PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, "juliet@b.test", "romeo@a.test"));
                        } else {
                            store.save(new PresenceSubscription(Kind.XMPP_WATCHES_SIP, "juliet@b.test", "romeo@a.test", dialog, i, State.PENDING,
                                    Instant.EPOCH));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, mostAtOnce.get(), "saves and removes of one key at the store behind at once");
    }
}
