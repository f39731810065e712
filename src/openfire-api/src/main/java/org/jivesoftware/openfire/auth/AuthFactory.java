package org.jivesoftware.openfire.auth;

/** Stand-in for Openfire 5's AuthFactory (declarations only). */
public class AuthFactory {
    public static AuthToken authenticate(String username, String password)
            throws UnauthorizedException, ConnectionException, InternalUnauthenticatedException { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
