package org.jivesoftware.openfire.group;

import java.util.Collection;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5's GroupManager (declarations only). */
public class GroupManager {
    /** Openfire's own constructor is not public; without this the compiler would declare a public one. */
    private GroupManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static GroupManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public Collection<Group> getGroups(JID user) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
