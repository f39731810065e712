package org.federationgateway.testmessage;

/**
 * What a test message proved, kept apart so that "no error" is never shown as "delivered": only a receipt
 * (XEP-0184) or a SIP 200 from the user's own agent is evidence that the recipient got it.
 */
public enum TestResult {
    /** The recipient's client sent an XEP-0184 receipt for it. */
    RECEIPT_RECEIVED("receipt-received"),
    /** Sent over the session, and neither an error nor a receipt came back within the wait. */
    NO_ERROR_NO_RECEIPT("no-error-no-receipt"),
    /** The partner's server (or this one) answered with a stanza error. */
    ERROR("error"),
    /** The federation policy refuses it, so nothing was sent. */
    REFUSED_BY_POLICY("refused-by-policy"),
    /** Nothing was sent because there was no way to send it (the SIP bridge is off, routing failed). */
    NOT_SENT("not-sent"),
    /** The SIP user's agent answered 200: it has the message (RFC 3428 §7). */
    SIP_DELIVERED("sip-delivered"),
    /** A SIP relay accepted it (202 or another 2xx): taken on, not a delivery report (RFC 3428 §7). */
    SIP_ACCEPTED("sip-accepted"),
    /** The SIP side answered with an error status. */
    SIP_REFUSED("sip-refused");

    private final String code;

    TestResult(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether the result is evidence that the recipient got the message. */
    public boolean delivered() {
        return this == RECEIPT_RECEIVED || this == SIP_DELIVERED;
    }
}
