package org.federationgateway.gateway;

import static org.federationgateway.gateway.PresenceContext.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.federationgateway.gateway.PresenceBridge.InboundSubscribeAnswer;
import org.federationgateway.gateway.PresenceSubscription.Kind;
import org.federationgateway.gateway.PresenceSubscription.State;
import org.federationgateway.translate.PresenceMapping;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.SubscriptionRules;
import org.federationgateway.translate.SubscriptionRules.Effect;
import org.federationgateway.translate.SubscriptionState;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * A SIP user watching a partner user (RFC 8048 §6): the gateway is the presence agent, asks the partner user
 * with a presence subscribe, and NOTIFYs the watcher with the partner user's resources. The decisions come from
 * {@link SubscriptionRules}; {@link #carryOut} is the one place they are carried out in this direction.
 */
final class SipWatchesXmpp {
    private final PresenceContext c;
    /** The partner users' available resources, per partner user, as last seen (for SIP watchers). */
    private final Map<String, Map<String, Presence>> partnerPresence = new ConcurrentHashMap<>();

    SipWatchesXmpp(PresenceContext context) {
        this.c = context;
    }

    /** Whether a SIP user added this partner user (watches them): what PublicUnverified partners need. */
    boolean sipUserKnows(String sipUser, String partnerUser) {
        return c.subscriptions.find(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partnerUser, sipUser)).isPresent();
    }

    /**
     * A SUBSCRIBE from a SIP watcher to a partner user (P7, P10, P11, P13), already allowed by the policy when new.
     *
     * @param existing the subscription this SUBSCRIBE refreshes (same dialog), or null
     */
    InboundSubscribeAnswer onSubscribe(JID partner, JID sipUser, SipUri presentity, SipDialog dialog, int requestedExpires, PresenceSubscription existing) {
        int granted = Math.min(requestedExpires, c.expires);
        String localTag = existing != null ? existing.dialog().localTag() : PresenceContext.tag();
        // A refresh is a target refresh request (RFC 6665 §4.1.2.1): later NOTIFYs go to the Contact it carries, which
        // changes when the watcher's connection does (a restarted proxy, a NAT binding); the route set stays.
        SipDialog ours = existing != null ? existing.dialog().withRemote(null, dialog.remoteTarget()) : new SipDialog(dialog.callId(), presentity.withoutGruu().toString(), localTag,
                dialog.remoteUri(), dialog.remoteTag(), dialog.remoteTarget(), dialog.routeSet());
        boolean known = !partnerPresence.getOrDefault(partner.toBareJID(), Map.of()).isEmpty();
        List<Effect> effects = SubscriptionRules.onSubscribe(existing != null, requestedExpires, known);
        State state = existing == null ? State.PENDING : existing.state();
        PresenceSubscription s = new PresenceSubscription(Kind.SIP_WATCHES_XMPP, partner.toBareJID(), sipUser.toBareJID(), ours,
                existing == null ? 0 : existing.cseq(), state, c.clock.instant().plusSeconds(granted));
        if (requestedExpires > 0) {
            c.subscriptions.save(s);
        }
        return new InboundSubscribeAnswer(new SipStatus(200, "OK"), localTag, granted, () -> carryOut(effects, s));
    }

    /** The subscription of this watcher to this partner user in this dialog, if there is one. */
    PresenceSubscription inDialog(String partner, String sipUser, String callId) {
        return c.subscriptions.find(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partner, sipUser))
                .filter(s -> s.dialog().callId().equals(callId)).orElse(null);
    }

    /** P8, P9: the partner user answered a SIP user's request to watch them. */
    void partnerAnswered(String partner, String sipUser, boolean subscribed) {
        boolean known = presenceKnown(partner);
        c.subscriptions.find(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partner, sipUser)).ifPresent(s ->
                carryOut(SubscriptionRules.onXmppAnswer(subscribed, known), subscribed ? s.with(s.dialog(), s.cseq(), State.ACTIVE, s.expires()) : s));
    }

    /** A partner user's presence changed: the SIP user watching them gets a NOTIFY with all their resources. */
    void partnerPresenceChanged(Presence p, String sipUser, boolean includeStatus) {
        String partner = p.getFrom().toBareJID();
        Map<String, Presence> resources = partnerPresence.computeIfAbsent(partner, k -> new ConcurrentHashMap<>());
        String resource = p.getFrom().getResource() == null ? "" : p.getFrom().getResource();
        if (p.getType() == Presence.Type.unavailable) {
            resources.remove(resource);
        } else {
            resources.put(resource, p.createCopy());
        }
        c.subscriptions.find(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partner, sipUser))
                .filter(s -> s.state() == State.ACTIVE)
                .ifPresent(s -> {
                    PresenceSubscription next = s.with(s.dialog(), s.cseq() + 1, s.state(), s.expires());
                    c.subscriptions.save(next);
                    notifyWatcher(next, SubscriptionState.active(c.remaining(next)).toString(), pidf(partner, includeStatus, p));
                });
    }

    /** Watchers that did not refresh are forgotten. */
    void expire(PresenceSubscription s, Instant now) {
        if (s.expires().isBefore(now)) {
            c.subscriptions.remove(s.key());
        }
    }

    /** After a restart: an active watcher gets fresh state through a probe of the partner user. */
    void restore(PresenceSubscription s) {
        if (s.state() == State.ACTIVE) {
            c.send(presence(Presence.Type.probe, s.sipUser(), s.xmppUser()));
        }
    }

    /**
     * Adopted from a cluster node that left: the watcher is told at once that this node now serves the dialog (its
     * NOTIFY names this node as Contact), then the partner user is probed or asked again ({@link SubscriptionRules#onAdopted}).
     */
    void adopt(PresenceSubscription s) {
        carryOut(SubscriptionRules.onAdopted(s.state() == State.ACTIVE, presenceKnown(s.xmppUser())), s);
    }

    /** Whether a presence of this partner user has been seen (it may have come before the answer it follows). */
    private boolean presenceKnown(String partner) {
        return !partnerPresence.getOrDefault(partner, Map.of()).isEmpty();
    }

    private void carryOut(List<Effect> effects, PresenceSubscription s) {
        PresenceSubscription current = s;
        for (Effect e : effects) {
            current = current.with(current.dialog(), current.cseq() + 1, current.state(), current.expires());
            switch (e) {
                case NOTIFY_PENDING -> notifyWatcher(current, SubscriptionState.pending(c.remaining(current)).toString(), null);
                case NOTIFY_ACTIVE_EMPTY -> notifyWatcher(current, stateOf(current), null);
                case NOTIFY_ACTIVE_PIDF -> notifyWatcher(current, stateOf(current), pidf(current.xmppUser(), true, null));
                case NOTIFY_REJECTED -> notifyWatcher(current, SubscriptionState.terminated("rejected").toString(), null);
                case NOTIFY_TERMINATED_CLOSED -> notifyWatcher(current, SubscriptionState.terminated("timeout").toString(),
                        PresenceMapping.toPidf(SipUri.parse(current.dialog().localUri()), List.of(), false));
                case NOTIFY_TERMINATED_PIDF -> notifyWatcher(current, SubscriptionState.terminated("timeout").toString(),
                        pidf(current.xmppUser(), true, null));
                case XMPP_SUBSCRIBE -> c.send(presence(Presence.Type.subscribe, current.sipUser(), current.xmppUser()));
                case XMPP_UNAVAILABLE -> c.send(presence(Presence.Type.unavailable, current.sipUser(), current.xmppUser()));
                case XMPP_PROBE -> c.send(presence(Presence.Type.probe, current.sipUser(), current.xmppUser()));
                case END -> c.subscriptions.remove(current.key());
                default -> { }
            }
            if (e != Effect.END && c.subscriptions.find(current.key()).isPresent()) {
                c.subscriptions.save(current);
            }
        }
    }

    private void notifyWatcher(PresenceSubscription s, String state, byte[] pidf) {
        c.sip.notify(s.dialog(), s.cseq(), state, pidf).whenComplete((r, failure) -> {
            int status = failure != null ? 408 : r.status();
            if (status == 481 || status == 403 || status == 489 || status == 603) {
                c.subscriptions.remove(s.key()); // the watcher's dialog is gone
            }
        });
    }

    private byte[] pidf(String partner, boolean includeStatus, Presence latest) {
        List<Presence> resources = new ArrayList<>(partnerPresence.getOrDefault(partner, Map.of()).values());
        if (resources.isEmpty() && latest != null) {
            resources.add(latest);
        }
        return PresenceMapping.toPidf(c.sipUri(partner), resources, includeStatus);
    }

    private String stateOf(PresenceSubscription s) {
        return s.state() == State.ACTIVE ? SubscriptionState.active(c.remaining(s)).toString() : SubscriptionState.pending(c.remaining(s)).toString();
    }
}
