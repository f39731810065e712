package org.jivesoftware.openfire.roster;

import org.jivesoftware.openfire.user.UserNotFoundException;

/** Stand-in for Openfire 5's RosterManager (declarations only). */
public class RosterManager {
    public Roster getRoster(String username) throws UserNotFoundException { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
