package org.jivesoftware.admin;

/** Stand-in for Openfire 5's AuthCheckFilter, the admin console's login check (declarations only). */
public class AuthCheckFilter {
    public static void addExclude(String exclude) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static void removeExclude(String exclude) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
