package org.jivesoftware.openfire;

/** Stand-in for Openfire 5's StreamID (declarations only). */
public interface StreamID {
    String getID();
}
