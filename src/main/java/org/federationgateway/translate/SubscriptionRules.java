package org.federationgateway.translate;

import java.util.List;

/**
 * RFC 8048 §5 and §7 as decisions: what the gateway does on each subscription event, on both sides. The
 * gateway layer carries the effects out; rows P1-P13 of the reference table are the test cases.
 */
public final class SubscriptionRules {
    /** RFC 3856 default and what the gateway asks for. */
    public static final int DEFAULT_EXPIRES = 3600;

    /** Something to do. */
    public enum Effect {
        /** XMPP {@code presence type=subscribed} to the XMPP watcher. */
        XMPP_SUBSCRIBED,
        /** XMPP {@code presence type=unsubscribed}: the authorization is gone. */
        XMPP_UNSUBSCRIBED,
        /** XMPP {@code presence type=subscribe} from the SIP watcher to the XMPP user. */
        XMPP_SUBSCRIBE,
        /** XMPP presence translated from the NOTIFY's PIDF. */
        XMPP_PRESENCE,
        /** XMPP {@code presence type=unavailable} from the SIP user. */
        XMPP_UNAVAILABLE,
        /** XMPP {@code presence type=probe} to the XMPP user. */
        XMPP_PROBE,
        /** SUBSCRIBE again now, same dialog (refresh) or a new one after 481. */
        RESUBSCRIBE_NOW,
        /** SUBSCRIBE again at the next refresh, after retry-after if given. */
        RESUBSCRIBE_LATER,
        /** Forget the subscription (stored state removed). */
        END,
        /** NOTIFY pending with no body. */
        NOTIFY_PENDING,
        /** NOTIFY active with no body (authorization granted, presence unknown yet). */
        NOTIFY_ACTIVE_EMPTY,
        /** NOTIFY active with the PIDF of what the gateway knows. */
        NOTIFY_ACTIVE_PIDF,
        /** NOTIFY terminated;reason=rejected, no body. */
        NOTIFY_REJECTED,
        /** NOTIFY terminated;reason=timeout with a closed PIDF. */
        NOTIFY_TERMINATED_CLOSED,
        /** NOTIFY terminated;reason=timeout with the PIDF the gateway knows (a poll). */
        NOTIFY_TERMINATED_PIDF
    }

    private SubscriptionRules() {
    }

    // ---- XMPP user watching a SIP user (X2S, the gateway subscribes at the presence server) ----

    /**
     * P2-P4 and RFC 6665 §4.1.3: a NOTIFY in the gateway's subscription.
     *
     * @param wasActive the subscription was already active (subscribed already sent)
     * @param hasBody   the NOTIFY carries a PIDF body
     */
    public static List<Effect> onNotify(boolean wasActive, SubscriptionState state, boolean hasBody) {
        return switch (state.state()) {
            case PENDING -> List.of(); // P3: nothing to the XMPP user
            case ACTIVE -> wasActive
                    ? hasBody ? List.of(Effect.XMPP_PRESENCE) : List.of()
                    : hasBody ? List.of(Effect.XMPP_SUBSCRIBED, Effect.XMPP_PRESENCE) : List.of(Effect.XMPP_SUBSCRIBED);
            case TERMINATED -> onTerminated(state.reason(), hasBody);
        };
    }

    /** RFC 6665 §4.2.2 reasons: rejected / noresource / invariant end the authorization; the others retry. */
    private static List<Effect> onTerminated(String reason, boolean hasBody) {
        if (reason == null) {
            return List.of(Effect.RESUBSCRIBE_LATER);
        }
        return switch (reason) {
            case "rejected", "noresource", "invariant" -> List.of(Effect.XMPP_UNSUBSCRIBED, Effect.END);
            case "deactivated", "timeout" -> hasBody ? List.of(Effect.XMPP_PRESENCE, Effect.RESUBSCRIBE_NOW) : List.of(Effect.RESUBSCRIBE_NOW);
            default -> List.of(Effect.RESUBSCRIBE_LATER); // probation, giveup, and reasons this RFC never heard of
        };
    }

    /** P5: the final response to a refresh SUBSCRIBE. */
    public static List<Effect> onRefreshResponse(int status) {
        if (status >= 200 && status < 300) {
            return List.of();
        }
        return switch (status) {
            case 403, 489, 603 -> List.of(Effect.XMPP_UNSUBSCRIBED, Effect.END); // permanent
            case 481 -> List.of(Effect.RESUBSCRIBE_NOW); // dialog gone: a new one, authorization kept
            case 423 -> List.of(Effect.RESUBSCRIBE_NOW); // interval too brief: again with Min-Expires
            default -> List.of(Effect.RESUBSCRIBE_LATER); // transient; the authorization stands
        };
    }

    /** P1: the first response to the initial SUBSCRIBE; a failure is the user's answer (P5 codes) or retried. */
    public static List<Effect> onInitialResponse(int status) {
        if (status >= 200 && status < 300) {
            return List.of(); // P2: neutral until a NOTIFY says active
        }
        if (status == 423) {
            return List.of(Effect.RESUBSCRIBE_NOW);
        }
        return List.of(Effect.XMPP_UNSUBSCRIBED, Effect.END);
    }

    /**
     * RFC 6665 §4.1.2.2: the answer to the SUBSCRIBE that starts a new dialog for a subscription the XMPP user already
     * asked for (after a 481, or taken over from another node). A transient failure (no answer, 408, 480, 5xx) is no
     * answer of the SIP user's: the subscription is kept and tried again at the next refresh. Any other failure ends
     * it as on a first SUBSCRIBE.
     */
    public static List<Effect> onRenewalResponse(int status) {
        if (status == 408 || status == 480 || (status >= 500 && status < 600)) {
            return List.of(Effect.RESUBSCRIBE_LATER);
        }
        return onInitialResponse(status);
    }

    // ---- SIP user watching an XMPP user (S2X, the gateway is the presence agent) ----

    /** P7, P10, P11, P13: a SUBSCRIBE from a SIP watcher. */
    public static List<Effect> onSubscribe(boolean existingDialog, int expires, boolean presenceKnown) {
        if (expires > 0 && !existingDialog) {
            return List.of(Effect.NOTIFY_PENDING, Effect.XMPP_SUBSCRIBE); // P7 (RFC 6665: NOTIFY at once)
        }
        if (expires > 0) {
            return List.of(presenceKnown ? Effect.NOTIFY_ACTIVE_PIDF : Effect.NOTIFY_ACTIVE_EMPTY); // P10
        }
        if (existingDialog) {
            return List.of(Effect.NOTIFY_TERMINATED_CLOSED, Effect.XMPP_UNAVAILABLE, Effect.END); // P11
        }
        return presenceKnown ? List.of(Effect.NOTIFY_TERMINATED_PIDF) : List.of(Effect.XMPP_PROBE); // P13
    }

    /**
     * A SIP watcher's subscription taken over from a cluster node that left: the dialog stays, served from another
     * address. NOTIFY is a target refresh request (RFC 6665 §3.2), so a NOTIFY at once, carrying the adopting node's
     * Contact, sends the watcher's next refresh there instead of to the node that is gone (§4.1.2.2); it says what is
     * known (RFC 8048 §5.3.2: an empty NOTIFY while the presence is unknown). Then the XMPP user is asked again: a
     * probe brings the current presence of an active subscription (RFC 6121 §4.3); a pending one repeats the request,
     * whose answer may have reached the node that left (§3.1.3: a server answers a repeated request for a
     * subscription already approved with subscribed).
     */
    public static List<Effect> onAdopted(boolean active, boolean presenceKnown) {
        if (!active) {
            return List.of(Effect.NOTIFY_PENDING, Effect.XMPP_SUBSCRIBE);
        }
        return List.of(presenceKnown ? Effect.NOTIFY_ACTIVE_PIDF : Effect.NOTIFY_ACTIVE_EMPTY, Effect.XMPP_PROBE);
    }

    /**
     * P8, P9: the XMPP user answered the SIP watcher's subscription request. The active NOTIFY carries the XMPP user's
     * presence when it is already known (RFC 6665 §4.2.2: the first NOTIFY after activation holds the current state); on
     * a cluster the presence the XMPP user's server sent right after its answer can be handed to the node serving the
     * dialog before the answer is, and would otherwise reach the watcher only with the next change.
     */
    public static List<Effect> onXmppAnswer(boolean subscribed, boolean presenceKnown) {
        if (!subscribed) {
            return List.of(Effect.NOTIFY_REJECTED, Effect.END);
        }
        return List.of(presenceKnown ? Effect.NOTIFY_ACTIVE_PIDF : Effect.NOTIFY_ACTIVE_EMPTY);
    }
}
