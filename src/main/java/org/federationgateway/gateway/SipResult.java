package org.federationgateway.gateway;

/** A SIP final response as the bridge sees it: status and reason phrase. */
public record SipResult(int status, String reason) {
    public static final SipResult ACCEPTED = new SipResult(202, "Accepted");
    public static final SipResult OK = new SipResult(200, "OK");

    public SipResult {
        if (status < 200 || status > 699) {
            throw new IllegalArgumentException("not a final SIP status: " + status);
        }
        reason = reason == null ? "" : reason;
    }

    public boolean isSuccess() {
        return status < 300;
    }
}
