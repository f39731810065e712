package org.federationgateway.translate;

/** RFC 7247 §8: a {@code sips:} request must not be translated to XMPP, which cannot guarantee TLS end to end. */
public final class SipsNotTranslatedException extends TranslationException {
    private static final long serialVersionUID = 1L;

    public SipsNotTranslatedException(SipUri uri) {
        super("'" + uri + "' is a sips: URI; it is never translated to XMPP (RFC 7247 §8)");
    }
}
