package org.federationgateway.translate;

import java.util.Arrays;
import java.util.Objects;

/**
 * A SIP MESSAGE request as the gateway sees it, independent of the SIP stack (RFC 3428, RFC 7572).
 *
 * @param requestUri      where it goes (To and Request-URI carry the same AOR here)
 * @param from            the sender, with {@code gr} when the XMPP resource is known
 * @param callId          the Call-ID, correlated with {@code <thread/>}; null lets the stack choose one
 * @param subject         the Subject header, or null
 * @param contentLanguage the Content-Language, or null
 * @param contentType     e.g. {@code text/plain;charset=UTF-8}
 * @param body            the body octets
 */
public record SipMessage(SipUri requestUri, SipUri from, String callId, String subject, String contentLanguage,
                         String contentType, byte[] body) {
    /** RFC 3428 §7: a MESSAGE outside a session must stay below this size unless the transport is congestion-controlled. */
    public static final int PAGE_MODE_LIMIT = 1300;

    public SipMessage {
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(contentType, "contentType");
        body = Objects.requireNonNull(body, "body").clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** True when the body alone passes RFC 3428's 1300-byte limit, so UDP must not carry it. */
    public boolean exceedsPageModeLimit() {
        return body.length > PAGE_MODE_LIMIT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipMessage m && requestUri.equals(m.requestUri) && from.equals(m.from) && Objects.equals(callId, m.callId)
                && Objects.equals(subject, m.subject) && Objects.equals(contentLanguage, m.contentLanguage)
                && contentType.equals(m.contentType) && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestUri, from, callId, subject, contentLanguage, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "SipMessage[" + from + " -> " + requestUri + ", " + contentType + ", " + body.length + " bytes]";
    }
}
