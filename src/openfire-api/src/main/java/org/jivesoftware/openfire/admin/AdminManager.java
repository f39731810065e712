package org.jivesoftware.openfire.admin;

/** Stand-in for Openfire 5's AdminManager (declarations only). */
public class AdminManager {
    public static AdminManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public boolean isUserAdmin(String username, boolean allowAdminIfEmpty) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
