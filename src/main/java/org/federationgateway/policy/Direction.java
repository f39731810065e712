package org.federationgateway.policy;

/** Which way a stanza or session goes, seen from this server. */
public enum Direction implements StableCode {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String code;

    Direction(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
