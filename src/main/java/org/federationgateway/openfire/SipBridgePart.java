package org.federationgateway.openfire;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.gateway.BridgePolicy;
import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.lifecycle.Part;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.sip.FrontEndLocator;
import org.federationgateway.sip.BridgeInbound;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.sip.SipEndpointSettings;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.store.SubscriptionRepository;
import org.federationgateway.store.Transactions;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.user.UserManager;
import org.xmpp.packet.JID;

/**
 * The SIP bridge inside Openfire, in Lync's addressing: SIP users share the server's domain, and an address
 * there that is not an Openfire user (or matches a configured pattern) is SIP-homed. IM and presence; the
 * subscriptions live in Openfire's database. Off until enabled.
 */
final class SipBridgePart implements Part {
    /** How often subscriptions are checked for refresh, and how early before expiry they are refreshed. */
    static final Duration REFRESH_CHECK = Duration.ofSeconds(60);
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final OpenfireSipSettings settings;
    private final Supplier<PolicySnapshot> snapshot;
    private final PolicyEvaluator evaluator;
    private final Audit audit;
    private final BridgeRoute route;
    private final String plugin;
    private final Supplier<Duration> subscriptionRefresh;
    private final AtomicReference<SipEndpoint> running = new AtomicReference<>();

    SipBridgePart(OpenfireSipSettings settings, Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, Audit audit, BridgeRoute route,
                  String plugin, Supplier<Duration> subscriptionRefresh) {
        this.settings = settings;
        this.snapshot = snapshot;
        this.evaluator = evaluator;
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

    /** The endpoint while the bridge runs (front-end state for the status page), else null. */
    SipEndpoint endpoint() {
        return running.get();
    }

    /** The front end for the status page: off while the bridge does not run. */
    FrontEndView frontEndView() {
        SipEndpoint endpoint = running.get();
        if (endpoint == null) {
            return FrontEndView.OFF;
        }
        SipEndpoint.FrontEndStatus f = endpoint.frontEnd();
        return new FrontEndView(f.state().name().toLowerCase(java.util.Locale.ROOT), endpoint.frontEndTarget(), f.since(), f.detail());
    }

    @Override
    public AutoCloseable start() throws Exception {
        BridgeSettings s = settings.read();
        XMPPServer server = XMPPServer.getInstance();
        String domain = server.getServerInfo().getXMPPDomain();
        UserManager users = UserManager.getInstance();
        boolean component = s.addressing() == BridgeSettings.Addressing.COMPONENT;
        SipHoming homing = component
                ? SipHoming.componentDomain(s.componentSubdomain() + "." + domain)
                : SipHoming.sharedDomain(domain, user -> users.isRegisteredUser(new JID(user, domain, null), false), s.sipHomedPatterns());
        Clock clock = Clock.systemUTC();
        AddressMapping addresses = new AddressMapping(component ? withComponentPair(s.domains(), s.componentSubdomain() + "." + domain, domain)
                : s.domains());
        // Straight to the routing table: Openfire's presence router would treat a SIP-homed sender as a local user with a roster.
        XmppOutlet xmpp = packet -> server.getRoutingTable().routePacket(packet.getTo(), packet);
        BridgeInbound bridges = new BridgeInbound();
        FrontEndLocator.Target frontEnd = new FrontEndLocator(null).locate(s.frontEndHost(), s.frontEndPort(), s.frontEndTransport(),
                java.util.Set.copyOf(s.transports()));
        java.util.Set<String> trusted = new java.util.HashSet<>(s.trustedSources());
        trusted.add(frontEnd.address());
        SipEndpoint endpoint = SipEndpoint.start(new SipEndpointSettings(s.listenAddress(), s.listenPort(), s.transports(), frontEnd.address(),
                frontEnd.port(), frontEnd.transport(), trusted, s.keepAlive(), plugin + "-" + domain, s.tls()), bridges, clock);
        PresenceBridge presenceBridge;
        MessageBridge messageBridge;
        try {
            presenceBridge = new PresenceBridge(new BridgePolicy(snapshot, evaluator, audit, clock), addresses, homing,
                    new InMemorySubscriptions(new SubscriptionRepository(new Transactions(DbConnectionManager::getConnection))), xmpp, endpoint,
                    clock, subscriptionRefresh.get().compareTo(Duration.ofHours(1)) < 0 ? subscriptionRefresh.get() : Duration.ofHours(1));
            messageBridge = new MessageBridge(snapshot, evaluator, new MessageMapping(addresses, s.messageType()), homing,
                    presenceBridge::sipUserKnows, xmpp, endpoint, audit, new OpenfireTexts(plugin), clock, s.errorWindow());
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        bridges.bind(messageBridge, presenceBridge);
        route.open(homing, messageBridge, presenceBridge);
        running.set(endpoint);
        SipComponent sipComponent = component ? new SipComponent(route, xmpp::send) : null;
        if (component) {
            try {
                InternalComponentManager.getInstance().addComponent(s.componentSubdomain(), sipComponent);
            } catch (Exception e) {
                route.close();
                endpoint.close();
                throw new IllegalStateException("cannot register the component " + s.componentSubdomain() + "." + domain + ": " + e.getMessage(), e);
            }
        }
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, plugin + "-presence-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.execute(presenceBridge::restore);
        refresher.scheduleWithFixedDelay(() -> presenceBridge.refreshDue(REFRESH_MARGIN), REFRESH_CHECK.toSeconds(), REFRESH_CHECK.toSeconds(),
                TimeUnit.SECONDS);
        return () -> {
            if (sipComponent != null) {
                InternalComponentManager.getInstance().removeComponent(s.componentSubdomain(), sipComponent);
            }
            route.close();
            refresher.shutdownNow();
            refresher.awaitTermination(5, TimeUnit.SECONDS);
            running.set(null);
            endpoint.close();
        };
    }

    /** In component addressing the component's domain stands for the server's domain on the SIP side, unless mapped otherwise. */
    static DomainMap withComponentPair(DomainMap configured, String componentDomain, String sipDomain) {
        boolean mapped = configured.pairs().stream().anyMatch(p -> p.xmppDomain().equals(componentDomain));
        boolean taken = configured.pairs().stream().anyMatch(p -> p.sipDomain().equals(sipDomain));
        if (mapped || taken) {
            return configured;
        }
        java.util.List<DomainMap.Pair> pairs = new java.util.ArrayList<>(configured.pairs());
        pairs.add(new DomainMap.Pair(componentDomain, sipDomain));
        return new DomainMap(pairs);
    }
}
