package org.jivesoftware.openfire.auth;

/** Stand-in for Openfire 5's InternalUnauthenticatedException (declarations only). */
public class InternalUnauthenticatedException extends Exception {
    private static final long serialVersionUID = 1L;

    public InternalUnauthenticatedException() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
