package org.federationgateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.federationgateway.audit.Audit;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.SipTls;
import org.federationgateway.gateway.SubscriptionStore;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.xmpp.packet.Packet;

/** The SIP bridge as the integration tests start it: the same assembly as the plugin and the standalone gateway. */
public final class TestBridges {
    private TestBridges() {
    }

    /** b.test as a Federated partner; everyone may use XMPP federation. */
    public static PolicySnapshot federatedPartnerBTest() {
        return new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
    }

    /** Shared-domain settings: listen on {@code gateway:port}, front end {@code frontEnd:frontEndPort} over {@code frontEndTransport}. */
    public static BridgeSettings settings(String gateway, int port, List<String> transports, String frontEnd, int frontEndPort,
                                          String frontEndTransport, Duration errorWindow, SipTls tls) {
        return new BridgeSettings(true, gateway, port, transports, frontEnd, frontEndPort, frontEndTransport, Set.of(frontEnd),
                Duration.ofSeconds(5), DomainMap.IDENTITY, List.of(), MessageMapping.InboundType.NORMAL, errorWindow,
                BridgeSettings.Addressing.SHARED_DOMAIN, "sip", tls);
    }

    /** Starts the bridge for a.test, where every address is SIP-homed, with subscriptions in memory unless a store is given. */
    public static SipBridge start(BridgeSettings settings, PolicySnapshot policy, XmppOutlet xmpp, Audit audit, SubscriptionStore store,
                                  String name) throws Exception {
        return start(settings, policy, xmpp, audit, store, name, user -> false);
    }

    /** As above, where the users {@code isServerUser} names are XMPP users of a.test, not SIP-homed. */
    public static SipBridge start(BridgeSettings settings, PolicySnapshot policy, XmppOutlet xmpp, Audit audit, SubscriptionStore store,
                                  String name, java.util.function.Predicate<String> isServerUser) throws Exception {
        return SipBridge.start(settings, new SipBridge.Host(() -> policy, xmpp, SipHoming.sharedDomain("a.test", isServerUser, List.of()),
                store == null ? new InMemorySubscriptions(null) : store, (key, args) -> key + " " + args[0], audit, Clock.systemUTC()),
                SipBridge.Options.named(name));
    }

    /**
     * Waits for the first stanza the XMPP outlet received that is a {@code type} and matches, takes it out of
     * {@code received} and returns it; fails naming {@code what} and listing what did arrive.
     */
    public static <T extends Packet> T take(List<Packet> received, Class<T> type, Predicate<T> matching, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Packet p : received) {
                if (type.isInstance(p) && matching.test(type.cast(p))) {
                    received.remove(p);
                    return type.cast(p);
                }
            }
            Ports.sleep(20);
        }
        throw new AssertionError("the XMPP side never got " + what + "; it got " + received);
    }
}
