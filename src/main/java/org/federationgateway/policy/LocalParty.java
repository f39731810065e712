package org.federationgateway.policy;

/** Whether the local side of a stanza is an Openfire user, a user homed on the SIP platform, or the server. */
public enum LocalParty implements StableCode {
    USER("user"),
    SIP_ADDRESS("sip"),
    /** The server itself or one of its components (disco, ping, MUC): only the partner list applies. */
    SERVER("server");

    private final String code;

    LocalParty(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
