package org.federationgateway.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * One presence subscription across the bridge, stored so it survives a restart.
 *
 * @param kind        who watches whom
 * @param xmppUser    the partner user's bare JID
 * @param sipUser     the SIP-homed user's bare JID
 * @param dialog      the SIP dialog
 * @param cseq        the gateway's last CSeq in the dialog
 * @param state       pending until the other side authorised it
 * @param expires     when the SIP dialog expires unless refreshed
 */
public record PresenceSubscription(Kind kind, String xmppUser, String sipUser, SipDialog dialog, long cseq, State state, Instant expires) {
    /** Direction of the watching. Stored as its code. */
    public enum Kind {
        /** A partner user watches a SIP user: the gateway subscribes at the front end's presence server. */
        XMPP_WATCHES_SIP("x2s"),
        /** A SIP user watches a partner user: the gateway is the presence agent and NOTIFYs. */
        SIP_WATCHES_XMPP("s2x");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Kind fromCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown subscription kind " + code);
        }
    }

    /** Stored as its code. */
    public enum State {
        PENDING("pending"), ACTIVE("active");

        private final String code;

        State(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static State fromCode(String code) {
            return code.equals("active") ? ACTIVE : PENDING;
        }
    }

    public PresenceSubscription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(xmppUser, "xmppUser");
        Objects.requireNonNull(sipUser, "sipUser");
        Objects.requireNonNull(dialog, "dialog");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expires, "expires");
    }

    public PresenceSubscription with(SipDialog d, long newCseq, State newState, Instant newExpires) {
        return new PresenceSubscription(kind, xmppUser, sipUser, d, newCseq, newState, newExpires);
    }

    /** The key of this subscription: one per kind and pair of users. */
    public String key() {
        return key(kind, xmppUser, sipUser);
    }

    public static String key(Kind kind, String xmppUser, String sipUser) {
        return kind.code() + "|" + xmppUser + "|" + sipUser;
    }
}
