package org.jivesoftware.openfire.auth;

/** Stand-in for Openfire 5's AuthToken (declarations only). */
public class AuthToken {
    protected AuthToken(String jid) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public String getUsername() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
