package org.federationgateway.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.PolicyGate;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.SipPresenceOutlet;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.SipUri;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Presence at scale, in one JVM with the SIP and XMPP sides stubbed out (they answer at once): 100 partner users
 * × 100 SIP users subscribed both ways (20,000 subscriptions), the heap the gateway keeps per subscription, and the
 * rate at which presence changes fan out on each side.
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar org.federationgateway.benchmarks.PresenceScale</pre>
 */
public final class PresenceScale {
    static final int PARTNER_USERS = 100;
    static final int SIP_USERS = 100;
    static final byte[] OPEN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:u@a.test">
              <tuple id="t"><status><basic>open</basic></status><note>Here</note></tuple>
            </presence>""".getBytes(StandardCharsets.UTF_8);

    private final AtomicLong notifies = new AtomicLong();
    private final AtomicLong toXmpp = new AtomicLong();
    private final List<String> callIds = new ArrayList<>();

    private final SipPresenceOutlet sip = new SipPresenceOutlet() {
        private final AtomicLong tags = new AtomicLong();

        @Override
        public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
            SipDialog answered = dialog.remoteTag() != null ? dialog : dialog.withRemote("ps" + tags.incrementAndGet(), "sip:127.0.0.5:5060");
            return CompletableFuture.completedFuture(new SubscribeAnswer(SipStatus.OK, answered, expires));
        }

        @Override
        public CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
            notifies.incrementAndGet();
            return CompletableFuture.completedFuture(SipStatus.OK);
        }
    };

    public static void main(String[] args) {
        new PresenceScale().run();
    }

    private void run() {
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
        Clock clock = Clock.systemUTC();
        long before = usedHeap();
        InMemorySubscriptions store = new InMemorySubscriptions(null);
        PresenceBridge bridge = new PresenceBridge(new PolicyGate(() -> policy, new PolicyEvaluator(), new Audit(100), clock),
                new AddressMapping(DomainMap.IDENTITY), SipHoming.sharedDomain("a.test", user -> false, List.of()), store,
                packet -> toXmpp.incrementAndGet(), sip, clock, Duration.ofHours(1));

        // Partner users watch SIP users: the gateway subscribes at the presence server, one dialog each.
        for (int p = 0; p < PARTNER_USERS; p++) {
            for (int s = 0; s < SIP_USERS; s++) {
                bridge.fromXmpp(presence(Presence.Type.subscribe, partner(p) + "/r", sipUser(s)));
            }
        }
        store.all().forEach(sub -> callIds.add(sub.dialog().callId()));
        callIds.forEach(id -> bridge.onNotify(id, "active;expires=3600", "en", OPEN));
        // SIP users watch partner users: the gateway is their presence agent; the partner users approve.
        for (int s = 0; s < SIP_USERS; s++) {
            for (int p = 0; p < PARTNER_USERS; p++) {
                SipDialog dialog = new SipDialog("w" + s + "-" + p + "@phone", "sip:" + sipUser(s), "wt" + s, "sip:" + partner(p), null,
                        "sip:sipuser" + s + "@10.0.0.7", List.of());
                bridge.onSubscribe(SipUri.parse("sip:" + partner(p)), SipUri.parse("sip:" + sipUser(s)), dialog, 3600).afterResponse().run();
                bridge.fromXmpp(presence(Presence.Type.subscribed, partner(p) + "/r", sipUser(s)));
            }
        }
        int subscriptions = store.all().size();
        long after = usedHeap();
        System.out.printf("subscriptions: %d (%d partner users x %d SIP users, both ways)%n", subscriptions, PARTNER_USERS, SIP_USERS);
        System.out.printf("heap kept by the gateway: %.1f MiB, %.0f bytes per subscription%n", (after - before) / 1048576.0,
                (after - before) / (double) subscriptions);

        // Fan-out, XMPP -> SIP: each partner user's presence reaches each SIP watcher as one NOTIFY.
        measure("XMPP presence -> SIP NOTIFY", notifies, 20, () -> {
            for (int p = 0; p < PARTNER_USERS; p++) {
                for (int s = 0; s < SIP_USERS; s++) {
                    Presence away = presence(null, partner(p) + "/r", sipUser(s));
                    away.setShow(Presence.Show.away);
                    bridge.fromXmpp(away);
                }
            }
        });
        // Fan-out, SIP -> XMPP: each SIP user's change arrives as one NOTIFY per watching partner user.
        measure("SIP NOTIFY -> XMPP presence", toXmpp, 20, () -> callIds.forEach(id -> bridge.onNotify(id, "active;expires=3600", "en", OPEN)));
    }

    private static void measure(String what, AtomicLong counter, int rounds, Runnable round) {
        for (int i = 0; i < 3; i++) {
            round.run(); // warm-up
        }
        long start = counter.get();
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            round.run();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %.0f per second (%d in %.2f s, one thread)%n", what, (counter.get() - start) / seconds, counter.get() - start, seconds);
    }

    private static String partner(int p) {
        return "partner" + p + "@b.test";
    }

    private static String sipUser(int s) {
        return "sipuser" + s + "@a.test";
    }

    private static Presence presence(Presence.Type type, String from, String to) {
        Presence p = new Presence(type);
        p.setFrom(new JID(from));
        p.setTo(new JID(to));
        return p;
    }

    private static long usedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
