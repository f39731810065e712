package org.jivesoftware.openfire;

import java.util.Collection;
import java.util.List;

import org.jivesoftware.openfire.session.IncomingServerSession;
import org.jivesoftware.openfire.session.OutgoingServerSession;

/** Stand-in for Openfire 5's SessionManager (declarations only). */
public class SessionManager {
    public static SessionManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public List<IncomingServerSession> getIncomingServerSessions(String domain) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public List<OutgoingServerSession> getOutgoingServerSessions(String host) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public Collection<String> getIncomingServers() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public Collection<String> getOutgoingServers() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
