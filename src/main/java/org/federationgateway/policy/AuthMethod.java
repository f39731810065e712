package org.federationgateway.policy;

/** How a server-to-server session authenticated, as Openfire reports it. */
public enum AuthMethod implements StableCode {
    /** Not authenticated yet: nothing can be decided about the session's rules. */
    NONE("none"),
    SASL_EXTERNAL("sasl-external"),
    DIALBACK("dialback"),
    OTHER("other");

    private final String code;

    AuthMethod(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
