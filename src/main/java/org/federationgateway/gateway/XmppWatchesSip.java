package org.federationgateway.gateway;

import static org.federationgateway.gateway.PresenceContext.presence;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.federationgateway.enforce.Judgement;
import org.federationgateway.gateway.PresenceSubscription.Kind;
import org.federationgateway.gateway.PresenceSubscription.State;
import org.federationgateway.policy.Action;
import org.federationgateway.translate.Pidf;
import org.federationgateway.translate.PresenceMapping;
import org.federationgateway.translate.SubscriptionRules;
import org.federationgateway.translate.SubscriptionRules.Effect;
import org.federationgateway.translate.SubscriptionState;
import org.federationgateway.translate.TranslationException;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * A partner user watching a SIP user (RFC 8048 §5): the gateway subscribes at the front end's presence server,
 * turns its NOTIFYs into presence, and refreshes the subscription. The decisions come from {@link SubscriptionRules};
 * {@link #carryOut} is the one place they are carried out in this direction.
 */
final class XmppWatchesSip {
    private static final Logger LOG = NodeLog.getLogger(XmppWatchesSip.class);

    private final PresenceContext c;

    XmppWatchesSip(PresenceContext context) {
        this.c = context;
    }

    /** P1: a new subscription at the presence server, or the answer we already have. */
    void subscribe(String partner, String sipUser) {
        String key = PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partner, sipUser);
        if (c.subscriptions.find(key).filter(s -> s.state() == State.ACTIVE).isPresent()) {
            c.send(presence(Presence.Type.subscribed, sipUser, partner));
            c.subscriptions.find(key).ifPresent(this::refresh); // brings a NOTIFY with the current state
            return;
        }
        start(partner, sipUser, State.PENDING, false);
    }

    /**
     * A SUBSCRIBE in a new dialog at the presence server.
     *
     * @param state   what the subscription is while it starts: pending when new, its state so far when renewed
     * @param renewal the partner user asked for it before (a new dialog after 481, or adopted): a transient failure
     *                keeps it for the next refresh instead of taking the partner user's subscription back
     */
    private void start(String partner, String sipUser, State state, boolean renewal) {
        String key = PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partner, sipUser);
        SipDialog dialog = new SipDialog(UUID.randomUUID() + "@federationgateway", c.sipUri(partner).toString(), PresenceContext.tag(),
                c.sipUri(sipUser).toString(), null, null, List.of());
        // Stored before sending: the presence server's first NOTIFY may arrive before its 200 (RFC 6665 §4.1.2.4).
        c.subscriptions.save(new PresenceSubscription(Kind.XMPP_WATCHES_SIP, partner, sipUser, dialog, 1, state,
                c.clock.instant().plusSeconds(c.expires)));
        c.sip.subscribe(dialog, 1, c.expires).whenComplete((answer, failure) -> {
            int status = failure != null ? 408 : answer.status().status();
            List<Effect> effects = renewal ? SubscriptionRules.onRenewalResponse(status) : SubscriptionRules.onInitialResponse(status);
            if (status >= 200 && status < 300) {
                update(key, dialog.callId(), cur -> cur.with(answer.dialog(), cur.cseq(), cur.state(), c.clock.instant().plusSeconds(answer.expires())));
            } else if (effects.contains(Effect.RESUBSCRIBE_LATER)) {
                // due at once: the next refresh check sends it again
                update(key, dialog.callId(), cur -> cur.with(cur.dialog(), cur.cseq(), cur.state(), c.clock.instant()));
                LOG.info("Federation Gateway: the presence server answered {} to the new subscription of {} to {}; it is tried again at the "
                        + "next refresh", status, partner, sipUser);
            } else {
                c.subscriptions.find(key).filter(cur -> cur.dialog().callId().equals(dialog.callId())).ifPresent(cur -> c.subscriptions.remove(key));
            }
            carryOut(effects, key, partner, sipUser, null);
        });
    }

    /**
     * A subscription adopted from a cluster node that left: its dialog's NOTIFYs went to that node's address, so a new
     * dialog from this node replaces it (the old one expires at the presence server).
     */
    void resubscribe(PresenceSubscription s) {
        start(s.xmppUser(), s.sipUser(), s.state(), true);
    }

    /** P6: SUBSCRIBE Expires 0, then unsubscribed to the partner user. */
    void unsubscribe(String partner, String sipUser) {
        String key = PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partner, sipUser);
        c.subscriptions.find(key).ifPresent(s -> {
            c.subscriptions.remove(key);
            c.sip.subscribe(s.dialog(), s.cseq() + 1, 0);
        });
        c.send(presence(Presence.Type.unsubscribed, sipUser, partner));
    }

    /** A probe: a refresh in the dialog brings a NOTIFY with the current state. */
    void probe(String partner, String sipUser) {
        c.subscriptions.find(PresenceSubscription.key(Kind.XMPP_WATCHES_SIP, partner, sipUser)).ifPresent(this::refresh);
    }

    /** Reason code in the log for a NOTIFY whose PIDF document is refused (not well-formed, a DTD, too large). */
    static final String PIDF_REFUSED = "pidf-refused";

    /**
     * A NOTIFY in one of the gateway's subscriptions at the presence server (P3, P4, RFC 6665 reasons).
     *
     * @param judgement the policy's judgement of the presence to the partner, asked only when there is one: refused,
     *                  nothing goes to the partner; passed without status text, the notes are left out
     */
    SipStatus onNotify(PresenceSubscription s, SubscriptionState state, String contentLanguage, byte[] body, Supplier<Judgement> judgement) {
        boolean hasBody = body != null && body.length > 0;
        List<Effect> effects = SubscriptionRules.onNotify(s.state() == State.ACTIVE, state, hasBody);
        if (state.state() == SubscriptionState.State.ACTIVE && s.state() != State.ACTIVE) {
            update(s.key(), s.dialog().callId(), cur -> cur.with(cur.dialog(), cur.cseq(), State.ACTIVE, cur.expires()));
        }
        Presence translated = null;
        Judgement judged = hasBody && effects.contains(Effect.XMPP_PRESENCE) ? judgement.get() : null;
        if (judged != null && !judged.refused()) {
            try {
                translated = PresenceMapping.toXmpp(Pidf.parse(body), new JID(s.sipUser()), new JID(s.xmppUser()), contentLanguage,
                        judged.action() != Action.STRIP_STATUS).orElse(null);
            } catch (TranslationException e) {
                // Answered 400 (the presence server keeps the subscription): its next document is bridged as usual.
                LOG.info("Federation Gateway: refused a PIDF document from the presence server for {} (reason={}): {}", s.sipUser(),
                        PIDF_REFUSED, e.getMessage());
                return new SipStatus(400, e.getMessage());
            }
        }
        carryOut(effects, s.key(), s.xmppUser(), s.sipUser(), translated);
        return SipStatus.OK;
    }

    /** P5: refresh in the dialog; 481 starts a new one, 403/489/603 end the authorization. */
    void refresh(PresenceSubscription s) {
        long cseq = s.cseq() + 1;
        c.subscriptions.save(s.with(s.dialog(), cseq, s.state(), s.expires()));
        c.sip.subscribe(s.dialog(), cseq, c.expires).whenComplete((answer, failure) -> {
            if (c.subscriptions.find(s.key()).filter(cur -> cur.dialog().callId().equals(s.dialog().callId())).isEmpty()) {
                // Ended while the refresh was under way (the partner user unsubscribed): its answer must not revive it.
                return;
            }
            int status = failure != null ? 408 : answer.status().status();
            if (status >= 200 && status < 300) {
                update(s.key(), s.dialog().callId(), cur -> cur.with(answer.dialog(), cur.cseq(), cur.state(),
                        c.clock.instant().plusSeconds(answer.expires())));
            }
            List<Effect> effects = SubscriptionRules.onRefreshResponse(status);
            if (status == 481) {
                // the presence server lost the dialog (a restart, an expiry): a new one, the partner user's subscription kept
                start(s.xmppUser(), s.sipUser(), s.state(), true);
                return;
            }
            carryOut(effects, s.key(), s.xmppUser(), s.sipUser(), null);
        });
    }

    /** Locks by subscription key: a few, so that unrelated subscriptions rarely wait for each other. */
    private final Object[] updateLocks = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    /**
     * Changes the stored subscription of this dialog from its current value. The presence server's first NOTIFY (which
     * makes it active) and the 200 to the SUBSCRIBE (which brings the dialog's remote target and route set) are handled
     * on different threads in either order; each changed a copy read earlier and stored it over what the other stored,
     * so the subscription lost its remote target (later requests went to the first request's URI) or went back to pending.
     */
    private void update(String key, String callId, java.util.function.UnaryOperator<PresenceSubscription> change) {
        synchronized (updateLocks[Math.floorMod(key.hashCode(), updateLocks.length)]) {
            c.subscriptions.find(key).filter(cur -> cur.dialog().callId().equals(callId)).ifPresent(cur -> c.subscriptions.save(change.apply(cur)));
        }
    }

    private void carryOut(List<Effect> effects, String key, String partner, String sipUser, Presence translated) {
        for (Effect e : effects) {
            switch (e) {
                case XMPP_SUBSCRIBED -> c.send(presence(Presence.Type.subscribed, sipUser, partner));
                case XMPP_UNSUBSCRIBED -> c.send(presence(Presence.Type.unsubscribed, sipUser, partner));
                case XMPP_PRESENCE -> {
                    if (translated != null) {
                        c.send(translated);
                    }
                }
                case END -> c.subscriptions.remove(key);
                case RESUBSCRIBE_NOW -> c.subscriptions.find(key).ifPresent(this::refresh);
                case RESUBSCRIBE_LATER -> LOG.debug("Federation Gateway: {} will be re-subscribed at the next refresh", key);
                default -> { }
            }
        }
    }
}
