package org.jivesoftware.openfire.security;

/** Stand-in for Openfire 5's SecurityAuditManager, the security audit log (declarations only). */
public class SecurityAuditManager {
    /** Openfire's own constructor is not public; without this the compiler would declare a public one. */
    private SecurityAuditManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static SecurityAuditManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void logEvent(String username, String summary, String details) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
