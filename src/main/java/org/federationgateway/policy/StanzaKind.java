package org.federationgateway.policy;

/** The kinds of stanza the policy tells apart (RFC 6121 presence types, messages, IQs). */
public enum StanzaKind implements StableCode {
    MESSAGE("message"),
    SUBSCRIBE("subscribe"),
    SUBSCRIBED("subscribed"),
    UNSUBSCRIBE("unsubscribe"),
    UNSUBSCRIBED("unsubscribed"),
    /** Available presence, which may carry status text. */
    PRESENCE("presence"),
    UNAVAILABLE("unavailable"),
    PROBE("probe"),
    IQ("iq"),
    /** Error stanzas and anything else that is never refused, so that failures always reach their sender. */
    ERROR("error");

    private final String code;

    StanzaKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
