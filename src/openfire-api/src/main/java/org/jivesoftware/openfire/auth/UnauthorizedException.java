package org.jivesoftware.openfire.auth;

/** Stand-in for Openfire 5's UnauthorizedException (declarations only). */
public class UnauthorizedException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
