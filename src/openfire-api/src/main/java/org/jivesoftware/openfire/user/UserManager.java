package org.jivesoftware.openfire.user;

import org.xmpp.packet.JID;

/** Stand-in for Openfire 5's UserManager (declarations only). */
public final class UserManager {
    private UserManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static UserManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public boolean isRegisteredUser(JID user, boolean checkRemoteDomains) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
