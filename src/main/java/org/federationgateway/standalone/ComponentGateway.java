package org.federationgateway.standalone;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.federationgateway.audit.Audit;
import org.federationgateway.component.ComponentHost;
import org.federationgateway.enforce.Texts;
import org.federationgateway.gateway.BridgePolicy;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.gateway.XmppUnavailableException;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.sip.FrontEndLocator;
import org.federationgateway.sip.BridgeInbound;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.sip.SipEndpointSettings;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SubscriptionRepository;
import org.federationgateway.store.Transactions;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The gateway core hosted as an XEP-0114 component of Prosody or ejabberd: every SIP user lives at the
 * component's domain. The policy applies to what a component sees (the sender's partner domain, the SIP
 * user's access policy); session-level TLS/SASL rules need Openfire.
 */
public final class ComponentGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentGateway.class);

    private final ComponentHost host;
    private final SipEndpoint endpoint;
    private final PolicyService policy;
    private final PresenceBridge presence;
    private final MessageBridge messages;
    private final ScheduledExecutorService refresher;
    private final Database database;

    private ComponentGateway(StandaloneConfig config, Database db) throws Exception {
        database = db;
        Clock clock = Clock.systemUTC();
        policy = db.policy(config);
        Audit audit = new Audit(100);
        PolicyEvaluator evaluator = new PolicyEvaluator(GroupMembership.NONE);
        String componentDomain = config.component().componentDomain();
        String sipDomain = componentDomain.substring(componentDomain.indexOf('.') + 1);
        List<DomainMap.Pair> pairs = new ArrayList<>(config.sip().domains().pairs());
        if (pairs.stream().noneMatch(p -> p.xmppDomain().equals(componentDomain))) {
            pairs.add(new DomainMap.Pair(componentDomain, sipDomain));
        }
        AddressMapping addresses = new AddressMapping(new DomainMap(pairs));
        SipHoming homing = SipHoming.componentDomain(componentDomain);
        BridgeInbound bridges = new BridgeInbound();
        FrontEndLocator.Target frontEnd = new FrontEndLocator(null).locate(config.sip().frontEndHost(), config.sip().frontEndPort(),
                config.sip().frontEndTransport(), Set.copyOf(config.sip().transports()));
        Set<String> trusted = new HashSet<>(config.sip().trustedSources());
        trusted.add(frontEnd.address());
        endpoint = SipEndpoint.start(new SipEndpointSettings(config.sip().listenAddress(), config.sip().listenPort(), config.sip().transports(),
                frontEnd.address(), frontEnd.port(), frontEnd.transport(), trusted, config.sip().keepAlive(), "gateway-" + componentDomain,
                config.sip().tls()), bridges, clock);
        Holder holder = new Holder();
        XmppOutlet xmpp = packet -> {
            ComponentHost h = holder.host;
            try {
                if (h == null) {
                    throw new IOException("not connected yet");
                }
                h.send(packet);
            } catch (IOException e) {
                throw new XmppUnavailableException(e.getMessage(), e);
            }
        };
        Texts texts = (key, domain) -> StandaloneTexts.reason(key, domain);
        presence = new PresenceBridge(new BridgePolicy(policy::current, evaluator, audit, clock), addresses, homing,
                new InMemorySubscriptions(new SubscriptionRepository(db.transactions())), xmpp, endpoint, clock, Duration.ofHours(1));
        messages = new MessageBridge(policy::current, evaluator, new MessageMapping(addresses, config.sip().messageType()), homing,
                presence::sipUserKnows, xmpp, endpoint, audit, texts, clock, config.sip().errorWindow());
        bridges.bind(messages, presence);
        host = ComponentHost.start(config.component(), packet -> fromXmppServer(packet, xmpp));
        holder.host = host;
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "federationgateway-presence-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.execute(presence::restore);
        refresher.scheduleWithFixedDelay(() -> presence.refreshDue(Duration.ofMinutes(5)), 60, 60, TimeUnit.SECONDS);
        LOG.info("Federation Gateway component {} started: SIP front end {}:{}/{}, {} partner(s)", componentDomain, frontEnd.address(),
                frontEnd.port(), frontEnd.transport(), policy.current().partners().size());
    }

    /** Starts the gateway: the database (schema created if missing), the SIP stack and the component link. */
    public static ComponentGateway start(StandaloneConfig config) throws Exception {
        Database db = Database.open(config);
        try {
            return new ComponentGateway(config, db);
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    private void fromXmppServer(Packet packet, XmppOutlet xmpp) {
        if (packet instanceof Message m) {
            messages.fromXmpp(m);
        } else if (packet instanceof Presence p) {
            presence.fromXmpp(p);
        } else if (packet instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
            IQ reply = IQ.createResultIQ(iq);
            boolean ping = iq.getChildElement() != null && "urn:xmpp:ping".equals(iq.getChildElement().getNamespaceURI());
            if (!ping) {
                reply.setChildElement(iq.getChildElement() == null ? null : iq.getChildElement().createCopy());
                reply.setError(PacketError.Condition.service_unavailable);
            }
            try {
                xmpp.send(reply);
            } catch (XmppUnavailableException e) {
                LOG.debug("IQ reply lost: {}", e.getMessage());
            }
        }
    }

    public PolicyService policy() {
        return policy;
    }

    public PresenceBridge presence() {
        return presence;
    }

    public ComponentHost componentHost() {
        return host;
    }

    public SipEndpoint sipEndpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        host.close();
        endpoint.close();
        database.close();
    }

    private static final class Holder {
        volatile ComponentHost host;
    }
}
