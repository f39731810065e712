package org.federationgateway.openfire;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.SipResult;
import org.federationgateway.lifecycle.Part;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.sip.SipEndpointSettings;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.MessageMapping;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.user.UserManager;
import org.xmpp.packet.JID;

/**
 * The SIP bridge inside Openfire, in Lync's addressing: SIP users share the server's domain, and an address
 * there that is not an Openfire user (or matches a configured pattern) is SIP-homed. Off until enabled.
 */
final class SipBridgePart implements Part {
    private final OpenfireSipSettings settings;
    private final Supplier<PolicySnapshot> snapshot;
    private final PolicyEvaluator evaluator;
    private final Audit audit;
    private final BridgeRoute route;
    private final String plugin;
    private final AtomicReference<SipEndpoint> running = new AtomicReference<>();

    SipBridgePart(OpenfireSipSettings settings, Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, Audit audit, BridgeRoute route,
                  String plugin) {
        this.settings = settings;
        this.snapshot = snapshot;
        this.evaluator = evaluator;
        this.audit = audit;
        this.route = route;
        this.plugin = plugin;
    }

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** The front end's state while the bridge runs, for the status page. */
    SipEndpoint endpoint() {
        return running.get();
    }

    @Override
    public AutoCloseable start() throws Exception {
        BridgeSettings s = settings.read();
        XMPPServer server = XMPPServer.getInstance();
        String domain = server.getServerInfo().getXMPPDomain();
        UserManager users = UserManager.getInstance();
        SipHoming homing = SipHoming.sharedDomain(domain, user -> users.isRegisteredUser(new JID(user, domain, null), false), s.sipHomedPatterns());
        AtomicReference<MessageBridge> bridge = new AtomicReference<>();
        SipEndpoint endpoint = SipEndpoint.start(new SipEndpointSettings(s.listenAddress(), s.listenPort(), s.transports(), s.frontEndHost(),
                        s.frontEndPort(), s.frontEndTransport(), s.trustedSources(), s.keepAlive(), plugin + "-" + domain),
                in -> {
                    MessageBridge b = bridge.get();
                    return b == null ? CompletableFuture.completedFuture(new SipResult(503, "Gateway starting")) : b.fromSip(in);
                }, Clock.systemUTC());
        bridge.set(new MessageBridge(snapshot, evaluator, new MessageMapping(new AddressMapping(s.domains()), s.messageType()), homing,
                (sipUser, remote) -> false, server.getPacketRouter()::route, endpoint, audit, new OpenfireTexts(plugin), Clock.systemUTC(),
                s.errorWindow()));
        route.open(homing, bridge.get());
        running.set(endpoint);
        return () -> {
            route.close();
            running.set(null);
            endpoint.close();
        };
    }
}
