package org.federationgateway.policy;

/** The cautions of Lync's negotiation matrix: the combination is accepted, but the admin should know. */
public enum NegotiationWarning implements StableCode {
    /** TLS and SASL both required: dialback will not be used even though it is allowed. */
    DIALBACK_UNUSED("dialback-unused"),
    /** SASL is wanted but TLS is not required: without TLS there is no SASL, so negotiation may fall back or fail. */
    SASL_NEEDS_TLS("sasl-needs-tls");

    private final String code;

    NegotiationWarning(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public String messageKey() {
        return "policy.warning." + code;
    }
}
