package org.federationgateway.bridge;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.PolicyGate;
import org.federationgateway.i18n.Messages;
import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.gateway.SubscriptionStore;
import org.federationgateway.gateway.XmppOutlet;
import org.federationgateway.gateway.XmppUnavailableException;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.sip.FrontEndLocator;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.sip.SipEndpointSettings;
import org.federationgateway.sip.SipInbound;
import org.federationgateway.sip.SipStartException;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The SIP bridge, assembled in one place for every host (the Openfire plugin, the standalone XEP-0114 gateway
 * and the integration tests): the SIP endpoint, the IM and presence bridges on it, the subscription refresher,
 * and the answers to IQs. Hosts differ only in what they pass in; {@link #accept} takes their stanzas and
 * {@link #close} undoes everything.
 */
public final class SipBridge implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(SipBridge.class);

    /** How often subscriptions are checked for refresh, and how early before expiry they are refreshed. */
    public static final Duration REFRESH_CHECK = Duration.ofSeconds(60);
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** The longest subscription the gateway asks for or grants. */
    public static final Duration MAX_SUBSCRIPTION = Duration.ofHours(1);
    /** SIP-homed addresses are in no Openfire group, so the bridge's evaluator needs no membership. */
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();
    private static final String PING = "urn:xmpp:ping";

    /**
     * What the host provides.
     *
     * @param policy        the current policy snapshot
     * @param xmpp          where stanzas for the XMPP side go
     * @param homing        which XMPP addresses are SIP users (and the component domain, if the bridge has one)
     * @param subscriptions where presence subscriptions are kept
     * @param texts         refusal texts in the server's language
     * @param audit         refusals and counters, for the status page
     * @param clock         the time
     * @param cluster       the other nodes of a cluster, for presence whose SIP watcher another node serves
     */
    public record Host(Supplier<PolicySnapshot> policy, XmppOutlet xmpp, SipHoming homing, SubscriptionStore subscriptions, Messages texts,
                       Audit audit, Clock clock, org.federationgateway.gateway.ClusterForwarding cluster) {
        /** A host that is no cluster node. */
        public Host(Supplier<PolicySnapshot> policy, XmppOutlet xmpp, SipHoming homing, SubscriptionStore subscriptions, Messages texts,
                    Audit audit, Clock clock) {
            this(policy, xmpp, homing, subscriptions, texts, audit, clock, org.federationgateway.gateway.ClusterForwarding.NONE);
        }

        public Host {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(xmpp, "xmpp");
            Objects.requireNonNull(homing, "homing");
            Objects.requireNonNull(subscriptions, "subscriptions");
            Objects.requireNonNull(texts, "texts");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /**
     * @param name               names the SIP stack and the bridge's threads (unique per running bridge)
     * @param subscriptionExpiry how long presence subscriptions last; at most {@link #MAX_SUBSCRIPTION}
     */
    public record Options(String name, Duration subscriptionExpiry, org.federationgateway.sip.SipCapacity capacity) {
        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(capacity, "capacity");
            subscriptionExpiry = subscriptionExpiry.compareTo(MAX_SUBSCRIPTION) < 0 ? subscriptionExpiry : MAX_SUBSCRIPTION;
        }

        /** With the default capacity ({@link org.federationgateway.sip.SipCapacity#DEFAULT}). */
        public Options(String name, Duration subscriptionExpiry) {
            this(name, subscriptionExpiry, org.federationgateway.sip.SipCapacity.DEFAULT);
        }

        public static Options named(String name) {
            return new Options(name, MAX_SUBSCRIPTION);
        }
    }

    private final SipEndpoint endpoint;
    private final MessageBridge messages;
    private final PresenceBridge presence;
    private final SipHoming homing;
    private final XmppOutlet xmpp;
    private final org.federationgateway.audit.Audit audit;
    private final java.time.Clock clock;
    private final Messages texts;
    private final org.federationgateway.gateway.Discovery discovery;
    private final AddressMapping addresses;
    private final ScheduledExecutorService refresher;

    private SipBridge(SipEndpoint endpoint, MessageBridge messages, PresenceBridge presence, Host host, Options options,
                      org.federationgateway.gateway.Discovery discovery, AddressMapping addresses) {
        this.addresses = addresses;
        this.endpoint = endpoint;
        this.messages = messages;
        this.presence = presence;
        this.homing = host.homing();
        this.xmpp = host.xmpp();
        this.audit = host.audit();
        this.clock = host.clock();
        this.texts = host.texts();
        this.discovery = discovery;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, options.name() + "-presence-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.execute(presence::restore);
        // A front end back after an outage may be a restarted presence server that lost the gateway's subscriptions.
        endpoint.onFrontEndBackUp(() -> refresher.execute(presence::frontEndBackUp));
        refresher.scheduleWithFixedDelay(() -> presence.refreshDue(REFRESH_MARGIN), REFRESH_CHECK.toSeconds(), REFRESH_CHECK.toSeconds(),
                TimeUnit.SECONDS);
    }

    /**
     * Locates the front end, binds the SIP endpoint, builds both bridges on it and starts serving. A taken port,
     * a bad address or an unresolvable front end fails here with a message naming them; nothing stays open.
     */
    public static SipBridge start(BridgeSettings settings, Host host, Options options) throws SipStartException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        FrontEndLocator.Target frontEnd = new FrontEndLocator(null).locate(settings.frontEndHost(), settings.frontEndPort(),
                settings.frontEndTransport(), Set.copyOf(settings.transports()));
        Set<String> trusted = new HashSet<>(settings.trustedSources());
        trusted.add(frontEnd.address());
        SipEndpoint endpoint = SipEndpoint.open(new SipEndpointSettings(settings.listenAddress(), settings.listenPort(), settings.transports(),
                frontEnd.address(), frontEnd.port(), frontEnd.transport(), trusted, settings.keepAlive(), options.name(), settings.tls(),
                options.capacity()),
                host.clock());
        try {
            AddressMapping addresses = new AddressMapping(host.homing().componentDomain()
                    .map(component -> withComponentPair(settings.domains(), component, parentOf(component)))
                    .orElse(settings.domains()));
            host.homing().componentDomain().flatMap(component -> sameServerPitfall(settings.domains(), component,
                    host.policy().get().partners().stream().map(p -> p.primaryDomain().value()).toList())).ifPresent(LOG::warn);
            PolicyGate gate = new PolicyGate(host.policy(), EVALUATOR, host.audit(), host.clock());
            PresenceBridge presence = new PresenceBridge(gate, addresses, host.homing(), host.subscriptions(), host.xmpp(), endpoint, host.clock(),
                    options.subscriptionExpiry(), host.cluster());
            MessageBridge messages = new MessageBridge(gate, new MessageMapping(addresses, settings.messageType(),
                    MessageMapping.Labels.of((key, arg) -> host.texts().get(key, arg))), host.homing(), presence::sipUserKnows, host.xmpp(), endpoint, host.texts(),
                    settings.errorWindow());
            endpoint.serve(new Inbound(messages, presence));
            SipBridge bridge = new SipBridge(endpoint, messages, presence, host, options,
                    new org.federationgateway.gateway.Discovery(addresses, host.homing(), host.texts()), addresses);
            LOG.info("Federation Gateway: SIP bridge {} serving on {}:{} {}, front end {}:{}/{}", options.name(), settings.listenAddress(),
                    settings.listenPort(), settings.transports(), frontEnd.address(), frontEnd.port(), frontEnd.transport());
            return bridge;
        } catch (SipStartException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /**
     * In component addressing the component's domain stands for its parent domain on the SIP side (sip.example.com
     * for example.com), unless a mapping names either already.
     */
    static DomainMap withComponentPair(DomainMap configured, String componentDomain, String sipDomain) {
        boolean mapped = configured.pairs().stream().anyMatch(p -> p.xmppDomain().equals(componentDomain));
        boolean taken = configured.pairs().stream().anyMatch(p -> p.sipDomain().equals(sipDomain));
        if (mapped || taken) {
            return configured;
        }
        List<DomainMap.Pair> pairs = new ArrayList<>(configured.pairs());
        pairs.add(new DomainMap.Pair(componentDomain, sipDomain));
        return new DomainMap(pairs);
    }

    /**
     * The configuration pitfall of a partner domain served by the same XMPP server as the component: without a
     * {@code sip.domainMappings} pair for the component, its SIP users take the server's domain on the SIP side
     * ({@link #withComponentPair}), so {@code sip:user@<that domain>} means a SIP user, and a message from SIP to the
     * partner's XMPP users there comes back to the gateway and is refused (not-a-partner). Said once at start.
     */
    static java.util.Optional<String> sameServerPitfall(DomainMap configured, String componentDomain, List<String> partnerDomains) {
        String sipSide = parentOf(componentDomain);
        boolean mapped = configured.pairs().stream().anyMatch(p -> p.xmppDomain().equals(componentDomain) || p.sipDomain().equals(sipSide));
        if (mapped || !partnerDomains.contains(sipSide)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Federation Gateway: the partner domain " + sipSide + " is the domain the SIP users of " + componentDomain
                + " have on the SIP side, because sip.domainMappings has no pair for " + componentDomain + ": messages from SIP to users of "
                + sipSide + " would come back to the gateway and be refused. If " + sipSide + " is served by the same XMPP server as the "
                + "component, set sip.domainMappings to " + componentDomain + "=<the SIP platform's domain>, for example " + componentDomain
                + "=sip." + sipSide + ".");
    }

    private static String parentOf(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? domain : domain.substring(dot + 1);
    }

    /**
     * A stanza from the XMPP side. Messages and presence for a SIP-homed address (or the component's own domain)
     * go to their bridge; IQ requests there are answered (XEP-0199 ping with a result, anything else
     * service-unavailable).
     *
     * @return whether the stanza was the bridge's; the host handles it otherwise
     */
    public boolean accept(Packet packet) {
        return accept(packet, true);
    }

    /**
     * A partner's presence stanza that another cluster node received and handed to this node, which holds the SIP
     * watcher's subscription: carried out here as {@link #accept} would, and not handed on again.
     */
    public boolean acceptForwarded(Presence presence) {
        return accept(presence, false);
    }

    private boolean accept(Packet packet, boolean mayForward) {
        JID to = packet.getTo();
        if (to == null) {
            return false;
        }
        boolean mine = homing.isSipHomed(new JID(to.toBareJID())) || homing.componentDomain().filter(to.getDomain()::equals).isPresent();
        if (!mine) {
            return false;
        }
        if (fromTheSipSide(packet.getFrom())) {
            refuseSpoofed(packet);
            return true;
        }
        if (packet instanceof Message m) {
            messages.fromXmpp(m);
        } else if (packet instanceof Presence p) {
            if (mayForward) {
                presence.fromXmpp(p);
            } else {
                presence.forwardedFromNode(p);
            }
        } else if (packet instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
            answer(iq);
        }
        return true; // IQ results and errors end here: the bridge sends no IQ requests
    }

    /** Whether an address that reached the bridge from XMPP names the SIP side (a SIP-homed user, the component's domain). */
    private boolean fromTheSipSide(JID from) {
        if (from == null) {
            return false;
        }
        return (from.getNode() != null && homing.isSipHomed(new JID(from.toBareJID())))
                || homing.componentDomain().filter(from.getDomain()::equals).isPresent();
    }

    /**
     * A stanza from XMPP whose {@code from} is an address of the SIP side: no XMPP server may speak for a SIP user (the
     * gateway is no relay), so it is refused with forbidden, audited with its reason code and bridged nowhere.
     */
    private void refuseSpoofed(Packet packet) {
        String what = packet.getElement().getName();
        audit.refused(new org.federationgateway.audit.Refusal(clock.instant(), "bridge-in", packet.getFrom().getDomain(),
                packet.getTo().toBareJID(), what, SPOOFED_SIP_ADDRESS, true));
        boolean error = (packet instanceof Message m && m.getType() == Message.Type.error)
                || (packet instanceof Presence p && p.getType() == Presence.Type.error)
                || (packet instanceof IQ iq && iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set);
        if (error) {
            return;
        }
        Packet reply = packet.createCopy();
        reply.getElement().clearContent();
        reply.setFrom(packet.getTo());
        reply.setTo(packet.getFrom());
        reply.getElement().addAttribute("type", "error");
        reply.setError(new PacketError(PacketError.Condition.forbidden, PacketError.Type.auth,
                texts.get("bridge.xmpp.from-sip-address", packet.getFrom().toBareJID()), texts.lang()));
        try {
            xmpp.send(reply);
        } catch (XmppUnavailableException e) {
            LOG.debug("Federation Gateway: refusal to {} lost: {}", packet.getFrom(), e.getMessage());
        }
    }

    /** Reason code of a stanza from XMPP whose sender is an address of the SIP side. */
    public static final String SPOOFED_SIP_ADDRESS = "from-sip-address";

    /** XEP-0199 ping with a result; disco#info and XEP-0100 by {@link org.federationgateway.gateway.Discovery}; else service-unavailable. */
    private void answer(IQ iq) {
        java.util.Optional<IQ> discovered = discovery.answer(iq);
        if (discovered.isPresent()) {
            try {
                xmpp.send(discovered.get());
            } catch (XmppUnavailableException e) {
                LOG.debug("Federation Gateway: IQ reply to {} lost: {}", iq.getFrom(), e.getMessage());
            }
            return;
        }
        IQ reply = IQ.createResultIQ(iq);
        boolean ping = iq.getChildElement() != null && PING.equals(iq.getChildElement().getNamespaceURI());
        if (!ping) {
            reply.setChildElement(iq.getChildElement() == null ? null : iq.getChildElement().createCopy());
            reply.setError(PacketError.Condition.service_unavailable);
        }
        try {
            xmpp.send(reply);
        } catch (XmppUnavailableException e) {
            LOG.debug("Federation Gateway: IQ reply to {} lost: {}", iq.getFrom(), e.getMessage());
        }
    }

    /**
     * The XMPP address a SIP address stands for on this server (RFC 7247 §6.4), whether or not it is a SIP user's.
     *
     * @throws org.federationgateway.translate.TranslationException when it has no XMPP form
     */
    public JID xmppAddressOf(String sipUri) {
        return new JID(addresses.toJid(sipUri).toBareJID());
    }

    /** Sends a test message (Test-CsXmppIM) to a SIP user; completes with the final SIP response. */
    public java.util.concurrent.CompletionStage<org.federationgateway.gateway.SipStatus> sendTest(Message m) {
        return messages.sendTest(m);
    }

    /**
     * Adopts, on the bridge's own thread, the presence subscriptions a cluster node that left served (see
     * {@link PresenceBridge#adopt}); the cluster event that asks for it does not wait for the database or SIP.
     */
    public void adoptSubscriptionsOf(String departedNode) {
        try {
            refresher.execute(() -> {
                try {
                    int adopted = presence.adopt(departedNode);
                    LOG.info("Federation Gateway: adopted {} presence subscription(s) of the cluster node {} that left", adopted, departedNode);
                } catch (RuntimeException e) {
                    LOG.warn("Federation Gateway: cannot adopt the presence subscriptions of the cluster node {}: {}", departedNode, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the bridge is stopping: the next node to start or adopt takes them
        }
    }

    /** Which XMPP addresses are this bridge's SIP users. */
    public SipHoming homing() {
        return homing;
    }

    public SipEndpoint endpoint() {
        return endpoint;
    }

    public MessageBridge messages() {
        return messages;
    }

    public PresenceBridge presence() {
        return presence;
    }

    /** Stops refreshing, then the SIP stack; subscriptions stay in their store for the next start. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        messages.close(); // the MESSAGEs in their error window get their 202 while the stack still runs
        endpoint.close();
    }

    /** The endpoint's requests, handed to the two bridges. */
    private record Inbound(MessageBridge messages, PresenceBridge presence) implements SipInbound {
        @Override
        public CompletionStage<SipStatus> message(SipMessage message) {
            return messages.fromSip(message);
        }

        @Override
        public PresenceBridge.InboundSubscribeAnswer subscribe(SipUri presentity, SipUri watcher, SipDialog dialog, int expires) {
            return presence.onSubscribe(presentity, watcher, dialog, expires);
        }

        @Override
        public SipStatus notify(String callId, String subscriptionState, String contentLanguage, byte[] body) {
            return presence.onNotify(callId, subscriptionState, contentLanguage, body);
        }
    }
}
