package org.jivesoftware.util;

/** Stand-in for Openfire 5's Version (declarations only). */
public final class Version {
    private Version() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public String getVersionString() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
