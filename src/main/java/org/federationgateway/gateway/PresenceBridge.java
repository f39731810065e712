package org.federationgateway.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

import org.federationgateway.enforce.StanzaKinds;
import org.federationgateway.gateway.PresenceSubscription.Kind;
import org.federationgateway.enforce.Judgement;
import org.federationgateway.enforce.PolicyGate;
import org.federationgateway.policy.Action;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.LocalParty;
import org.federationgateway.policy.StanzaFacts;
import org.federationgateway.policy.StanzaKind;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.SubscriptionRules;
import org.federationgateway.translate.SubscriptionState;
import org.federationgateway.translate.TranslationException;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * Presence across the bridge (RFC 8048), by direction: partner users watching SIP users through SUBSCRIBE at the
 * front end's presence server ({@link XmppWatchesSip}), and SIP users watching partner users with the gateway as
 * their presence agent ({@link SipWatchesXmpp}). This class judges each request with the policy once and hands
 * it to its direction; the transitions come from {@link SubscriptionRules}.
 */
public final class PresenceBridge {
    private static final Logger LOG = NodeLog.getLogger(PresenceBridge.class);

    /**
     * What the SIP endpoint answers to a SUBSCRIBE it received, and what to do once that answer is sent (the
     * answer to one the gateway sent is {@link SipPresenceOutlet.SubscribeAnswer}).
     */
    public record InboundSubscribeAnswer(SipStatus status, String localTag, int expires, Runnable afterResponse) {
    }

    private final PolicyGate gate;
    private final AddressMapping addresses;
    private final SipHoming homing;
    private final SubscriptionStore subscriptions;
    private final Clock clock;
    private final PresenceContext context;
    private final XmppWatchesSip watchingSip;
    private final SipWatchesXmpp watchingXmpp;
    private final ClusterForwarding cluster;

    public PresenceBridge(PolicyGate gate, AddressMapping addresses, SipHoming homing, SubscriptionStore subscriptions, XmppOutlet xmpp,
                          SipPresenceOutlet sip, Clock clock, Duration expires) {
        this(gate, addresses, homing, subscriptions, xmpp, sip, clock, expires, ClusterForwarding.NONE);
    }

    /** @param cluster hands a partner's answer or presence to the cluster node holding the SIP watcher's subscription */
    public PresenceBridge(PolicyGate gate, AddressMapping addresses, SipHoming homing, SubscriptionStore subscriptions, XmppOutlet xmpp,
                          SipPresenceOutlet sip, Clock clock, Duration expires, ClusterForwarding cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.homing = Objects.requireNonNull(homing, "homing");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.context = new PresenceContext(addresses, subscriptions, Objects.requireNonNull(xmpp, "xmpp"),
                Objects.requireNonNull(sip, "sip"), clock, expires);
        this.watchingSip = new XmppWatchesSip(context);
        this.watchingXmpp = new SipWatchesXmpp(context);
    }

    /** Whether a SIP user added this partner user (watches them): what PublicUnverified partners need. */
    public boolean sipUserKnows(String sipUser, String partnerUser) {
        return watchingXmpp.sipUserKnows(sipUser, partnerUser);
    }

    /** Whether the partner user watches the SIP user through the gateway (for the status page and tests). */
    public boolean partnerWatches(String partnerUser, String sipUser) {
        return subscriptions.find(PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partnerUser, sipUser)).isPresent();
    }

    // ---------------------------------------------------------------- XMPP side

    /** A presence stanza from a partner user to a SIP-homed address: judged once, then handed to its direction. */
    public void fromXmpp(Presence p) {
        fromXmpp(p, true);
    }

    /**
     * A partner's presence stanza that another cluster node received and handed to this one, which holds the SIP
     * watcher's subscription: carried out here as if received here, and never handed on again.
     */
    public void forwardedFromNode(Presence p) {
        fromXmpp(p, false);
    }

    private void fromXmpp(Presence p, boolean mayForward) {
        if (p.getFrom() == null || p.getTo() == null || p.getFrom().getNode() == null) {
            return;
        }
        String partner = p.getFrom().toBareJID();
        String sipUser = p.getTo().toBareJID();
        if (mayForward && forSipWatcher(p.getType()) && handedToOwner(p, PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partner, sipUser))) {
            return;
        }
        StanzaKind kind = StanzaKinds.of(p);
        Judgement judged = judge(Direction.INBOUND, p.getFrom().getDomain(), sipUser, kind, sipUserKnows(sipUser, partner));
        if (judged.refused()) {
            if (kind == StanzaKind.SUBSCRIBE) {
                context.send(PresenceContext.presence(Presence.Type.unsubscribed, sipUser, partner)); // the request is declined, and says so
            }
            return;
        }
        Presence.Type type = p.getType();
        if (type == Presence.Type.subscribe) {
            watchingSip.subscribe(partner, sipUser);
        } else if (type == Presence.Type.unsubscribe) {
            watchingSip.unsubscribe(partner, sipUser);
        } else if (type == Presence.Type.probe) {
            watchingSip.probe(partner, sipUser);
        } else if (type == Presence.Type.subscribed || type == Presence.Type.unsubscribed) {
            watchingXmpp.partnerAnswered(partner, sipUser, type == Presence.Type.subscribed);
        } else if (type == null || type == Presence.Type.unavailable) {
            watchingXmpp.partnerPresenceChanged(p, sipUser, judged.action() != Action.STRIP_STATUS);
        }
    }

    /** The stanzas of a SIP user's watch of a partner user: the answer to its request, and presence changes. */
    private static boolean forSipWatcher(Presence.Type type) {
        return type == null || type == Presence.Type.unavailable || type == Presence.Type.subscribed || type == Presence.Type.unsubscribed;
    }

    /**
     * On a cluster, the node holding the SIP watcher's subscription (its dialog) carries the stanza out; when that is
     * another node in the cluster, the stanza is handed to it. A subscription of no node, or of a node that left
     * (adopted next), is carried out here.
     */
    private boolean handedToOwner(Presence p, String key) {
        String local = cluster.localNode();
        if (local == null || subscriptions.find(key).isPresent()) {
            return false;
        }
        String owner;
        try {
            owner = subscriptions.ownerOf(key).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("Federation Gateway: cannot read which cluster node serves the subscription {}; presence from {} carried out here: {}",
                    key, p.getFrom(), e.toString());
            return false;
        }
        SubscriptionOwnership.Route route = SubscriptionOwnership.route(false, owner, local, owner != null && cluster.isMember(owner));
        if (route != SubscriptionOwnership.Route.OTHER_NODE) {
            return false;
        }
        if (cluster.forward(owner, key, p.toXML())) {
            LOG.debug("Federation Gateway: presence {} from {} for {} handed to cluster node {}, which holds the subscription",
                    p.getType() == null ? "available" : p.getType(), p.getFrom(), p.getTo(), owner);
            return true;
        }
        LOG.warn("Federation Gateway: cannot hand presence from {} for {} to cluster node {}, which holds the subscription; carried out here",
                p.getFrom(), p.getTo(), owner);
        return false;
    }

    // ---------------------------------------------------------------- SIP side

    /** A NOTIFY in one of the gateway's subscriptions at the presence server (P3, P4, RFC 6665 reasons). */
    public SipStatus onNotify(String callId, String subscriptionStateHeader, String contentLanguage, byte[] body) {
        PresenceSubscription s = subscriptions.findByCallId(callId).orElse(null);
        if (s == null || s.kind() != Kind.XMPP_WATCHES_SIP) {
            return new SipStatus(481, "Subscription does not exist");
        }
        SubscriptionState state;
        try {
            state = SubscriptionState.parse(subscriptionStateHeader);
        } catch (TranslationException e) {
            return new SipStatus(400, e.getMessage());
        }
        return watchingSip.onNotify(s, state, contentLanguage, body,
                () -> judge(Direction.OUTBOUND, new JID(s.xmppUser()).getDomain(), s.sipUser(), StanzaKind.PRESENCE, true));
    }

    /** A SUBSCRIBE from a SIP watcher to a partner user (P7, P10, P11, P13). */
    public InboundSubscribeAnswer onSubscribe(SipUri presentity, SipUri watcher, SipDialog dialog, int requestedExpires) {
        JID partner;
        JID sipUser;
        try {
            partner = addresses.toJid(presentity.withoutGruu());
            sipUser = addresses.toJid(watcher.withoutGruu());
        } catch (TranslationException e) {
            return new InboundSubscribeAnswer(new SipStatus(404, "No XMPP address for this URI"), null, 0, () -> { });
        }
        if (!homing.isSipHomed(sipUser)) {
            return new InboundSubscribeAnswer(new SipStatus(403, "Watcher is not homed on this SIP platform"), null, 0, () -> { });
        }
        PresenceSubscription existing = watchingXmpp.inDialog(partner.toBareJID(), sipUser.toBareJID(), dialog.callId());
        if (existing == null && requestedExpires > 0) {
            Judgement judged = judge(Direction.OUTBOUND, partner.getDomain(), sipUser.toBareJID(), StanzaKind.SUBSCRIBE, true);
            if (judged.refused()) {
                return new InboundSubscribeAnswer(new SipStatus(403, judged.reason().code()), null, 0, () -> { });
            }
        }
        return watchingXmpp.onSubscribe(partner, sipUser, presentity, dialog, requestedExpires, existing);
    }

    // ---------------------------------------------------------------- refresh and restore

    /** Refreshes what expires within {@code margin}; forgets SIP watchers that did not refresh. */
    public void refreshDue(Duration margin) {
        Instant now = clock.instant();
        for (PresenceSubscription s : new ArrayList<>(subscriptions.all())) {
            if (s.kind() == Kind.XMPP_WATCHES_SIP && s.expires().minus(margin).isBefore(now)) {
                watchingSip.refresh(s);
            } else if (s.kind() == Kind.SIP_WATCHES_XMPP) {
                watchingXmpp.expire(s, now);
            }
        }
    }

    /** After a restart: the gateway's subscriptions are refreshed, and SIP watchers get fresh state via probes. */
    public void restore() {
        for (PresenceSubscription s : new ArrayList<>(subscriptions.all())) {
            if (s.kind() == Kind.XMPP_WATCHES_SIP) {
                watchingSip.refresh(s);
            } else {
                watchingXmpp.restore(s);
            }
        }
    }

    /**
     * The front end answers again after an outage: a restarted presence server may have lost the gateway's
     * subscriptions, and would say so only at their next refresh. Each is refreshed now in its dialog; a presence
     * server that lost it answers 481 and a new subscription starts at once (RFC 6665 §4.1.2.2), one that kept it
     * answers 200 and NOTIFYs the current state.
     *
     * @return how many subscriptions were refreshed
     */
    public int frontEndBackUp() {
        int refreshed = 0;
        for (PresenceSubscription s : new ArrayList<>(subscriptions.all())) {
            if (s.kind() == Kind.XMPP_WATCHES_SIP) {
                watchingSip.refresh(s);
                refreshed++;
            }
        }
        if (refreshed > 0) {
            LOG.info("Federation Gateway: the SIP front end is back; {} presence subscription(s) at its presence server refreshed", refreshed);
        }
        return refreshed;
    }

    /**
     * A cluster node left: the subscriptions it served are taken over here (the store lets one node have them). A
     * partner user's subscription at the presence server starts again from this node, whose address the presence
     * server's NOTIFYs then reach; a SIP watcher gets a NOTIFY from this node at once, which makes this node the target of
     * its refreshes, and fresh state after a probe of the partner user.
     *
     * @return how many subscriptions were adopted
     */
    public int adopt(String departedNode) {
        java.util.Collection<PresenceSubscription> adopted = subscriptions.adopt(departedNode);
        for (PresenceSubscription s : adopted) {
            if (s.kind() == Kind.XMPP_WATCHES_SIP) {
                watchingSip.resubscribe(s);
            } else {
                watchingXmpp.adopt(s);
            }
        }
        return adopted.size();
    }

    /** A bridged stanza's one judgement, with the SIP-homed address as the local party. */
    private Judgement judge(Direction direction, String remoteDomain, String sipUser, StanzaKind kind, boolean sipUserKnowsRemote) {
        return gate.judge(new StanzaFacts(direction, remoteDomain, LocalParty.SIP_ADDRESS, sipUser, kind, sipUserKnowsRemote),
                "bridge-" + direction.code(), sipUser);
    }
}
