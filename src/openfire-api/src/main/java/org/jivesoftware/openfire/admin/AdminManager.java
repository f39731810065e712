package org.jivesoftware.openfire.admin;

/** Stand-in for Openfire 5's AdminManager (declarations only). */
public class AdminManager {
    /** Openfire's own constructor is not public; without this the compiler would declare a public one. */
    private AdminManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static AdminManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public boolean isUserAdmin(String username, boolean allowAdminIfEmpty) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
