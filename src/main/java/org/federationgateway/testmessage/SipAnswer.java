package org.federationgateway.testmessage;

/** The SIP final response the SIP front end gave to the test MESSAGE. */
public record SipAnswer(int status, String reason) {
    public SipAnswer {
        if (status < 200 || status > 699) {
            throw new IllegalArgumentException("not a final SIP status: " + status);
        }
        reason = reason == null ? "" : reason;
    }
}
