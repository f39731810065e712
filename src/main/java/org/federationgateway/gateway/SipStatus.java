package org.federationgateway.gateway;

/** A SIP final response as the bridge sees it: its status code and reason phrase (the Status-Line, RFC 3261 §7.2). */
public record SipStatus(int status, String reason) {
    public static final SipStatus ACCEPTED = new SipStatus(202, "Accepted");
    public static final SipStatus OK = new SipStatus(200, "OK");
    /**
     * Not sent: the gateway itself had too many requests awaiting an answer. The bridge tells the XMPP sender
     * {@code resource-constraint} (wait), which says to retry later, rather than mapping a front end's 503.
     */
    public static final SipStatus OVERLOADED = new SipStatus(503, "Gateway overloaded");

    /** Whether this is the gateway's own {@link #OVERLOADED} (the same instance), not a response from the SIP side. */
    public boolean isGatewayOverload() {
        return this == OVERLOADED;
    }

    public SipStatus {
        if (status < 200 || status > 699) {
            throw new IllegalArgumentException("not a final SIP status: " + status);
        }
        reason = reason == null ? "" : reason;
    }

    public boolean isSuccess() {
        return status < 300;
    }
}
