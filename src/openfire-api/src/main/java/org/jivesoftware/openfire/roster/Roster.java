package org.jivesoftware.openfire.roster;

import org.jivesoftware.openfire.user.UserNotFoundException;
import org.xmpp.packet.JID;

/** Stand-in for Openfire 5's Roster (declarations only). */
public class Roster {
    public RosterItem getRosterItem(JID user) throws UserNotFoundException { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
