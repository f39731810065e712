package org.jivesoftware.openfire.auth;

/** Stand-in for Openfire 5's ConnectionException (declarations only). */
public class ConnectionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectionException() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
