package org.federationgateway.gateway;

/** A SIP final response as the bridge sees it: its status code and reason phrase (the Status-Line, RFC 3261 §7.2). */
public record SipStatus(int status, String reason) {
    public static final SipStatus ACCEPTED = new SipStatus(202, "Accepted");
    public static final SipStatus OK = new SipStatus(200, "OK");

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
