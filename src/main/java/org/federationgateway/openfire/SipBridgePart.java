package org.federationgateway.openfire;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.lifecycle.Part;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.store.SubscriptionRepository;
import org.federationgateway.store.Transactions;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.xmpp.component.ComponentException;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.user.UserManager;
import org.xmpp.packet.JID;

/**
 * The SIP bridge inside Openfire, in Lync's addressing: SIP users share the server's domain, and an address
 * there that is not an Openfire user (or matches a configured pattern) is SIP-homed; or at the gateway's own
 * component subdomain. IM and presence; the subscriptions live in Openfire's database. Off until enabled.
 * The bridge itself is assembled by {@link SipBridge}; this part passes in Openfire's outlets.
 */
final class SipBridgePart implements Part {
    private final OpenfireSipSettings settings;
    private final Supplier<PolicySnapshot> snapshot;
    private final Audit audit;
    private final BridgeRoute route;
    private final String plugin;
    private final Supplier<Duration> subscriptionRefresh;

    SipBridgePart(OpenfireSipSettings settings, Supplier<PolicySnapshot> snapshot, Audit audit, BridgeRoute route, String plugin,
                  Supplier<Duration> subscriptionRefresh) {
        this.settings = settings;
        this.snapshot = snapshot;
        this.audit = audit;
        this.route = route;
        this.plugin = plugin;
        this.subscriptionRefresh = subscriptionRefresh;
    }

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** The last OPTIONS round trip to the front end in milliseconds, or -1 (bridge off, no answer yet, or no answer). */
    long frontEndRoundTripMillis() {
        return route.running().map(bridge -> bridge.endpoint().frontEndRoundTripMillis()).orElse(-1L);
    }

    /** The front end for the status page: off while the bridge does not run. */
    FrontEndView frontEndView() {
        return route.running().map(bridge -> {
            SipEndpoint endpoint = bridge.endpoint();
            SipEndpoint.FrontEndStatus f = endpoint.frontEnd();
            return new FrontEndView(f.state().name().toLowerCase(Locale.ROOT), endpoint.frontEndTarget(), f.since(), f.detail());
        }).orElse(FrontEndView.OFF);
    }

    @Override
    public AutoCloseable start() throws Exception {
        BridgeSettings s = settings.read();
        XMPPServer server = XMPPServer.getInstance();
        String domain = server.getServerInfo().getXMPPDomain();
        // Each subscription row names the node serving it, so a cluster's nodes share one table without sharing rows; a
        // server that is not clustered serves every row, also those stored under the node id it had before a restart.
        String node = new String(server.getNodeID().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        UserManager users = UserManager.getInstance();
        boolean component = s.addressing() == BridgeSettings.Addressing.COMPONENT;
        SipHoming homing = component
                ? SipHoming.componentDomain(s.componentSubdomain() + "." + domain)
                : SipHoming.sharedDomain(domain, user -> users.isRegisteredUser(new JID(user, domain, null), false), s.sipHomedPatterns());
        // Straight to the routing table: Openfire's presence router would treat a SIP-homed sender as a local user with a roster.
        XmppOutlet xmpp = packet -> server.getRoutingTable().routePacket(packet.getTo(), packet);
        SipBridge bridge = SipBridge.start(s, new SipBridge.Host(snapshot, xmpp, homing,
                new InMemorySubscriptions(new SubscriptionRepository(new Transactions(DbConnectionManager::getConnection), node,
                        !OpenfireSipSettings.clusteringEnabled())),
                new OpenfireTexts(plugin), audit, Clock.systemUTC(), new ClusterPresenceForwarding()), new SipBridge.Options(plugin + "-" + domain, subscriptionRefresh.get(), settings.capacity()));
        SipComponent sipComponent = component ? new SipComponent(bridge) : null;
        if (component) {
            try {
                InternalComponentManager.getInstance().addComponent(s.componentSubdomain(), sipComponent);
            } catch (ComponentException e) {
                bridge.close();
                throw new IllegalStateException("cannot register the component " + s.componentSubdomain() + "." + domain + ": " + e.getMessage(), e);
            }
        }
        route.open(bridge);
        ClusterEventListener adoption = new Adoption(bridge);
        ClusterManager.addListener(adoption);
        return () -> {
            ClusterManager.removeListener(adoption);
            route.close();
            if (sipComponent != null) {
                InternalComponentManager.getInstance().removeComponent(s.componentSubdomain(), sipComponent);
            }
            bridge.close();
        };
    }

    /**
     * A node that leaves the cluster (stopped or killed) leaves its presence subscriptions behind: the senior member
     * among the survivors adopts them ({@link SubscriptionAdoption}), so watchers keep receiving presence.
     */
    private static final class Adoption implements ClusterEventListener {
        private final SipBridge bridge;
        private final SubscriptionAdoption adoption = new SubscriptionAdoption();

        Adoption(SipBridge bridge) {
            this.bridge = bridge;
        }

        private static String id(byte[] nodeID) {
            return new String(nodeID, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void joinedCluster() {
        }

        @Override
        public void joinedCluster(byte[] nodeID) {
            adoption.joined(id(nodeID));
        }

        @Override
        public void leftCluster() {
            adoption.leftCluster();
        }

        @Override
        public void leftCluster(byte[] nodeID) {
            adoption.left(id(nodeID), ClusterManager.isSeniorClusterMember()).forEach(bridge::adoptSubscriptionsOf);
        }

        @Override
        public void markedAsSeniorClusterMember() {
            adoption.markedSenior().forEach(bridge::adoptSubscriptionsOf);
        }
    }
}
