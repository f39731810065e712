package org.federationgateway.policy;

/** Whether the local side of a stanza is an Openfire user or a user homed on the SIP platform. */
public enum LocalParty implements StableCode {
    USER("user"),
    SIP_ADDRESS("sip");

    private final String code;

    LocalParty(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
