package org.federationgateway.sip;

/** The SIP endpoint could not start (a taken port, a bad address, a stack that cannot be created); the message names what. */
public final class SipStartException extends Exception {
    private static final long serialVersionUID = 1L;

    SipStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
