package org.federationgateway.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.federationgateway.enforce.StanzaKinds;
import org.federationgateway.gateway.PresenceSubscription.Kind;
import org.federationgateway.gateway.PresenceSubscription.State;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.StanzaKind;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.Pidf;
import org.federationgateway.translate.PresenceMapping;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.SubscriptionRules;
import org.federationgateway.translate.SubscriptionRules.Effect;
import org.federationgateway.translate.SubscriptionState;
import org.federationgateway.translate.TranslationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Presence across the bridge (RFC 8048): partner users watching SIP users through SUBSCRIBE at the front
 * end's presence server, and SIP users watching partner users with the gateway as their presence agent.
 * Decisions come from {@link SubscriptionRules}; this class carries them out and keeps the subscriptions.
 */
public final class PresenceBridge {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceBridge.class);

    /** What the SIP endpoint answers to a SUBSCRIBE, and what to do once that answer is sent. */
    public record SubscribeOutcome(SipResult result, String localTag, int expires, Runnable afterResponse) {
    }

    private final BridgePolicy policy;
    private final AddressMapping addresses;
    private final SipHoming homing;
    private final SubscriptionStore subscriptions;
    private final XmppOutlet xmpp;
    private final SipPresenceOutlet sip;
    private final Clock clock;
    private final int expires;
    /** The partner users' available resources, per partner user, as last seen (for SIP watchers). */
    private final Map<String, Map<String, Presence>> partnerPresence = new ConcurrentHashMap<>();

    public PresenceBridge(BridgePolicy policy, AddressMapping addresses, SipHoming homing, SubscriptionStore subscriptions, XmppOutlet xmpp,
                          SipPresenceOutlet sip, Clock clock, Duration expires) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.homing = Objects.requireNonNull(homing, "homing");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.xmpp = Objects.requireNonNull(xmpp, "xmpp");
        this.sip = Objects.requireNonNull(sip, "sip");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expires = (int) Math.min(Integer.MAX_VALUE, expires.toSeconds());
    }

    /** Whether a SIP user added this partner user (watches them): what PublicUnverified partners need. */
    public boolean sipUserKnows(String sipUser, String partnerUser) {
        return subscriptions.find(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partnerUser, sipUser)).isPresent();
    }

    /** Whether the partner user watches the SIP user through the gateway (for the status page and tests). */
    public boolean partnerWatches(String partnerUser, String sipUser) {
        return subscriptions.find(PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partnerUser, sipUser)).isPresent();
    }

    // ---------------------------------------------------------------- XMPP side

    /** A presence stanza from a partner user to a SIP-homed address. */
    public void fromXmpp(Presence p) {
        if (p.getFrom() == null || p.getTo() == null || p.getFrom().getNode() == null) {
            return;
        }
        String partner = p.getFrom().toBareJID();
        String sipUser = p.getTo().toBareJID();
        StanzaKind kind = StanzaKinds.of(p);
        Decision d = policy.check(Direction.INBOUND, p.getFrom().getDomain(), sipUser, kind, sipUserKnows(sipUser, partner));
        if (!d.allowed()) {
            if (kind == StanzaKind.SUBSCRIBE) {
                send(presence(Presence.Type.unsubscribed, sipUser, partner)); // the request is declined, and says so
            }
            return;
        }
        Presence.Type type = p.getType();
        if (type == Presence.Type.subscribe) {
            subscribeAtFrontEnd(partner, sipUser);
        } else if (type == Presence.Type.unsubscribe) {
            unsubscribeAtFrontEnd(partner, sipUser);
        } else if (type == Presence.Type.probe) {
            subscriptions.find(PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partner, sipUser)).ifPresent(this::refresh);
        } else if (type == Presence.Type.subscribed || type == Presence.Type.unsubscribed) {
            answerSipWatcher(partner, sipUser, type == Presence.Type.subscribed);
        } else if (type == null || type == Presence.Type.unavailable) {
            partnerPresenceChanged(p, sipUser, d.outcome() == Decision.Outcome.ALLOW);
        }
    }

    /** P1: a new subscription at the presence server, or the answer we already have. */
    private void subscribeAtFrontEnd(String partner, String sipUser) {
        String key = PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partner, sipUser);
        if (subscriptions.find(key).filter(s -> s.state() == State.ACTIVE).isPresent()) {
            send(presence(Presence.Type.subscribed, sipUser, partner));
            subscriptions.find(key).ifPresent(this::refresh); // brings a NOTIFY with the current state
            return;
        }
        SipDialog dialog = new SipDialog(UUID.randomUUID() + "@federationgateway", sipUri(partner), tag(), sipUri(sipUser), null, null, List.of());
        // Stored before sending: the presence server's first NOTIFY may arrive before its 200 (RFC 6665 §4.1.2.4).
        subscriptions.save(new PresenceSubscription(Kind.XMPP_WATCHES_SIP, partner, sipUser, dialog, 1, State.PENDING,
                clock.instant().plusSeconds(expires)));
        sip.subscribe(dialog, 1, expires).whenComplete((answer, failure) -> {
            int status = failure != null ? 408 : answer.result().status();
            if (status >= 200 && status < 300) {
                subscriptions.find(key).filter(cur -> cur.dialog().callId().equals(dialog.callId()))
                        .ifPresent(cur -> subscriptions.save(cur.with(answer.dialog(), cur.cseq(), cur.state(),
                                clock.instant().plusSeconds(answer.expires()))));
            } else {
                subscriptions.find(key).filter(cur -> cur.dialog().callId().equals(dialog.callId())).ifPresent(cur -> subscriptions.remove(key));
            }
            carryOut(SubscriptionRules.onInitialResponse(status), key, partner, sipUser, null);
        });
    }

    /** P6: SUBSCRIBE Expires 0, then unsubscribed to the partner user. */
    private void unsubscribeAtFrontEnd(String partner, String sipUser) {
        String key = PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partner, sipUser);
        subscriptions.find(key).ifPresent(s -> {
            subscriptions.remove(key);
            sip.subscribe(s.dialog(), s.cseq() + 1, 0);
        });
        send(presence(Presence.Type.unsubscribed, sipUser, partner));
    }

    /** P8, P9: the partner user answered a SIP user's request to watch them. */
    private void answerSipWatcher(String partner, String sipUser, boolean subscribed) {
        String key = PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partner, sipUser);
        subscriptions.find(key).ifPresent(s -> {
            for (Effect e : SubscriptionRules.onXmppAnswer(subscribed)) {
                switch (e) {
                    case NOTIFY_ACTIVE_EMPTY -> {
                        PresenceSubscription active = s.with(s.dialog(), s.cseq() + 1, State.ACTIVE, s.expires());
                        subscriptions.save(active);
                        notifyWatcher(active, SubscriptionState.active(remaining(active)).toString(), null);
                    }
                    case NOTIFY_REJECTED -> notifyWatcher(s.with(s.dialog(), s.cseq() + 1, s.state(), s.expires()),
                            SubscriptionState.terminated("rejected").toString(), null);
                    case END -> subscriptions.remove(key);
                    default -> { }
                }
            }
        });
    }

    /** A partner user's presence changed: every SIP user watching them gets a NOTIFY with all their resources. */
    private void partnerPresenceChanged(Presence p, String sipUser, boolean includeStatus) {
        String partner = p.getFrom().toBareJID();
        Map<String, Presence> resources = partnerPresence.computeIfAbsent(partner, k -> new ConcurrentHashMap<>());
        String resource = p.getFrom().getResource() == null ? "" : p.getFrom().getResource();
        if (p.getType() == Presence.Type.unavailable) {
            resources.remove(resource);
        } else {
            resources.put(resource, p.createCopy());
        }
        subscriptions.find(PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partner, sipUser))
                .filter(s -> s.state() == State.ACTIVE)
                .ifPresent(s -> {
                    PresenceSubscription next = s.with(s.dialog(), s.cseq() + 1, s.state(), s.expires());
                    subscriptions.save(next);
                    notifyWatcher(next, SubscriptionState.active(remaining(next)).toString(), pidf(partner, includeStatus, p));
                });
    }

    // ---------------------------------------------------------------- SIP side

    /** A NOTIFY in one of the gateway's subscriptions at the presence server (P3, P4, RFC 6665 reasons). */
    public SipResult onNotify(String callId, String subscriptionStateHeader, String contentLanguage, byte[] body) {
        PresenceSubscription s = subscriptions.findByCallId(callId).orElse(null);
        if (s == null || s.kind() != Kind.XMPP_WATCHES_SIP) {
            return new SipResult(481, "Subscription does not exist");
        }
        SubscriptionState state;
        try {
            state = SubscriptionState.parse(subscriptionStateHeader);
        } catch (TranslationException e) {
            return new SipResult(400, e.getMessage());
        }
        boolean hasBody = body != null && body.length > 0;
        List<Effect> effects = SubscriptionRules.onNotify(s.state() == State.ACTIVE, state, hasBody);
        if (state.state() == SubscriptionState.State.ACTIVE && s.state() != State.ACTIVE) {
            subscriptions.save(s.with(s.dialog(), s.cseq(), State.ACTIVE, s.expires()));
        }
        Presence translated = null;
        if (hasBody && effects.contains(Effect.XMPP_PRESENCE)) {
            try {
                Decision d = policy.check(Direction.OUTBOUND, new JID(s.xmppUser()).getDomain(), s.sipUser(), StanzaKind.PRESENCE, true);
                translated = PresenceMapping.toXmpp(Pidf.parse(body), new JID(s.sipUser()), new JID(s.xmppUser()), contentLanguage,
                        d.outcome() == Decision.Outcome.ALLOW).orElse(null);
            } catch (TranslationException e) {
                LOG.info("Federation Gateway: unreadable PIDF from the presence server for {}: {}", s.sipUser(), e.getMessage());
                return new SipResult(400, e.getMessage());
            }
        }
        carryOut(effects, s.key(), s.xmppUser(), s.sipUser(), translated);
        return SipResult.OK;
    }

    /** A SUBSCRIBE from a SIP watcher to a partner user (P7, P10, P11, P13). */
    public SubscribeOutcome onSubscribe(SipUri presentity, SipUri watcher, SipDialog dialog, int requestedExpires) {
        JID partner;
        JID sipUser;
        try {
            partner = addresses.toJid(presentity.withoutGruu());
            sipUser = addresses.toJid(watcher.withoutGruu());
        } catch (TranslationException e) {
            return new SubscribeOutcome(new SipResult(404, "No XMPP address for this URI"), null, 0, () -> { });
        }
        if (!homing.isSipHomed(sipUser)) {
            return new SubscribeOutcome(new SipResult(403, "Watcher is not homed on this SIP platform"), null, 0, () -> { });
        }
        String key = PresenceSubscription.key(Kind.SIP_WATCHES_XMPP, partner.toBareJID(), sipUser.toBareJID());
        PresenceSubscription existing = subscriptions.find(key).filter(s -> s.dialog().callId().equals(dialog.callId())).orElse(null);
        if (existing == null && requestedExpires > 0) {
            Decision d = policy.check(Direction.OUTBOUND, partner.getDomain(), sipUser.toBareJID(), StanzaKind.SUBSCRIBE, true);
            if (!d.allowed()) {
                return new SubscribeOutcome(new SipResult(403, d.reason().code()), null, 0, () -> { });
            }
        }
        int granted = Math.min(requestedExpires, expires);
        String localTag = existing != null ? existing.dialog().localTag() : tag();
        SipDialog ours = existing != null ? existing.dialog() : new SipDialog(dialog.callId(), presentity.withoutGruu().toString(), localTag,
                dialog.remoteUri(), dialog.remoteTag(), dialog.remoteTarget(), dialog.routeSet());
        boolean known = !partnerPresence.getOrDefault(partner.toBareJID(), Map.of()).isEmpty();
        List<Effect> effects = SubscriptionRules.onSubscribe(existing != null, requestedExpires, known);
        State state = existing == null ? State.PENDING : existing.state();
        PresenceSubscription s = new PresenceSubscription(Kind.SIP_WATCHES_XMPP, partner.toBareJID(), sipUser.toBareJID(), ours,
                existing == null ? 0 : existing.cseq(), state, clock.instant().plusSeconds(granted));
        if (requestedExpires > 0) {
            subscriptions.save(s);
        }
        return new SubscribeOutcome(new SipResult(200, "OK"), localTag, granted, () -> carryOutForWatcher(effects, s));
    }

    private void carryOutForWatcher(List<Effect> effects, PresenceSubscription s) {
        PresenceSubscription current = s;
        for (Effect e : effects) {
            current = current.with(current.dialog(), current.cseq() + 1, current.state(), current.expires());
            switch (e) {
                case NOTIFY_PENDING -> notifyWatcher(current, SubscriptionState.pending(remaining(current)).toString(), null);
                case NOTIFY_ACTIVE_EMPTY -> notifyWatcher(current, stateOf(current), null);
                case NOTIFY_ACTIVE_PIDF -> notifyWatcher(current, stateOf(current), pidf(current.xmppUser(), true, null));
                case NOTIFY_TERMINATED_CLOSED -> notifyWatcher(current, SubscriptionState.terminated("timeout").toString(),
                        PresenceMapping.toPidf(SipUri.parse(current.dialog().localUri()), List.of(), false));
                case NOTIFY_TERMINATED_PIDF -> notifyWatcher(current, SubscriptionState.terminated("timeout").toString(),
                        pidf(current.xmppUser(), true, null));
                case XMPP_SUBSCRIBE -> send(presence(Presence.Type.subscribe, current.sipUser(), current.xmppUser()));
                case XMPP_UNAVAILABLE -> send(presence(Presence.Type.unavailable, current.sipUser(), current.xmppUser()));
                case XMPP_PROBE -> send(presence(Presence.Type.probe, current.sipUser(), current.xmppUser()));
                case END -> subscriptions.remove(current.key());
                default -> { }
            }
            if (e != Effect.END && subscriptions.find(current.key()).isPresent()) {
                subscriptions.save(current);
            }
        }
    }

    // ---------------------------------------------------------------- refresh and restore

    /** Refreshes what expires within {@code margin}; forgets SIP watchers that did not refresh. */
    public void refreshDue(Duration margin) {
        Instant now = clock.instant();
        for (PresenceSubscription s : new ArrayList<>(subscriptions.all())) {
            if (s.kind() == Kind.XMPP_WATCHES_SIP && s.expires().minus(margin).isBefore(now)) {
                refresh(s);
            } else if (s.kind() == Kind.SIP_WATCHES_XMPP && s.expires().isBefore(now)) {
                subscriptions.remove(s.key());
            }
        }
    }

    /** After a restart: the gateway's subscriptions are refreshed, and SIP watchers get fresh state via probes. */
    public void restore() {
        for (PresenceSubscription s : new ArrayList<>(subscriptions.all())) {
            if (s.kind() == Kind.XMPP_WATCHES_SIP) {
                refresh(s);
            } else if (s.state() == State.ACTIVE) {
                send(presence(Presence.Type.probe, s.sipUser(), s.xmppUser()));
            }
        }
    }

    /** P5: refresh in the dialog; 481 starts a new one, 403/489/603 end the authorization. */
    private void refresh(PresenceSubscription s) {
        long cseq = s.cseq() + 1;
        subscriptions.save(s.with(s.dialog(), cseq, s.state(), s.expires()));
        sip.subscribe(s.dialog(), cseq, expires).whenComplete((answer, failure) -> {
            if (subscriptions.find(s.key()).filter(cur -> cur.dialog().callId().equals(s.dialog().callId())).isEmpty()) {
                // Ended while the refresh was under way (the partner user unsubscribed): its answer must not revive it.
                return;
            }
            int status = failure != null ? 408 : answer.result().status();
            if (status >= 200 && status < 300) {
                subscriptions.find(s.key()).ifPresent(cur -> subscriptions.save(cur.with(answer.dialog(), cur.cseq(), cur.state(),
                        clock.instant().plusSeconds(answer.expires()))));
            }
            List<Effect> effects = SubscriptionRules.onRefreshResponse(status);
            if (status == 481) {
                subscriptions.remove(s.key());
                subscribeAtFrontEnd(s.xmppUser(), s.sipUser());
                return;
            }
            carryOut(effects, s.key(), s.xmppUser(), s.sipUser(), null);
        });
    }

    // ---------------------------------------------------------------- effects

    private void carryOut(List<Effect> effects, String key, String partner, String sipUser, Presence translated) {
        for (Effect e : effects) {
            switch (e) {
                case XMPP_SUBSCRIBED -> send(presence(Presence.Type.subscribed, sipUser, partner));
                case XMPP_UNSUBSCRIBED -> send(presence(Presence.Type.unsubscribed, sipUser, partner));
                case XMPP_PRESENCE -> {
                    if (translated != null) {
                        send(translated);
                    }
                }
                case END -> subscriptions.remove(key);
                case RESUBSCRIBE_NOW -> subscriptions.find(key).ifPresent(this::refresh);
                case RESUBSCRIBE_LATER -> LOG.debug("Federation Gateway: {} will be re-subscribed at the next refresh", key);
                default -> { }
            }
        }
    }

    private void notifyWatcher(PresenceSubscription s, String state, byte[] pidf) {
        sip.notify(s.dialog(), s.cseq(), state, pidf).whenComplete((r, failure) -> {
            int status = failure != null ? 408 : r.status();
            if (status == 481 || status == 403 || status == 489 || status == 603) {
                subscriptions.remove(s.key()); // the watcher's dialog is gone
            }
        });
    }

    private byte[] pidf(String partner, boolean includeStatus, Presence latest) {
        List<Presence> resources = new ArrayList<>(partnerPresence.getOrDefault(partner, Map.of()).values());
        if (resources.isEmpty() && latest != null) {
            resources.add(latest);
        }
        return PresenceMapping.toPidf(sipUriOf(partner), resources, includeStatus);
    }

    private String stateOf(PresenceSubscription s) {
        return s.state() == State.ACTIVE ? SubscriptionState.active(remaining(s)).toString() : SubscriptionState.pending(remaining(s)).toString();
    }

    private int remaining(PresenceSubscription s) {
        return (int) Math.max(0, Duration.between(clock.instant(), s.expires()).toSeconds());
    }

    private void send(Presence p) {
        try {
            xmpp.send(p);
        } catch (XmppUnavailableException e) {
            LOG.info("Federation Gateway: presence {} for {} not delivered: {}", p.getType(), p.getTo(), e.getMessage());
        }
    }

    private static Presence presence(Presence.Type type, String from, String to) {
        Presence p = new Presence(type);
        p.setFrom(from);
        p.setTo(to);
        return p;
    }

    private String sipUri(String bareJid) {
        return addresses.toSip(new JID(bareJid)).toString();
    }

    private SipUri sipUriOf(String bareJid) {
        return addresses.toSip(new JID(bareJid));
    }

    private static String tag() {
        return Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
    }
}
