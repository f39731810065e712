package org.federationgateway.policy;

/** What the adapter found of a session's peer certificate; the policy only reads it. */
public enum CertificateState implements StableCode {
    NONE("none"),
    VALID("valid"),
    SELF_SIGNED("self-signed"),
    EXPIRED("expired"),
    INVALID("invalid");

    private final String code;

    CertificateState(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
