package org.federationgateway.gateway;

/** The XMPP side cannot take a stanza now (for example the component link is down); the sender must be told. */
public final class XmppUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XmppUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
