package org.jivesoftware.openfire.group;

/** Stand-in for Openfire 5's Group (declarations only). */
public class Group {
    public String getName() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
