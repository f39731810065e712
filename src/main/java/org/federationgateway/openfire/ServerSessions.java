package org.federationgateway.openfire;

import org.federationgateway.policy.Direction;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.session.LocalSession;
import org.jivesoftware.openfire.session.ServerSession;
import org.jivesoftware.openfire.session.Session;

/**
 * Every open server-to-server session this node holds, with its direction and remote domain; for the sweep and the
 * status page. While clustered, Openfire's SessionManager also lists the sessions of the other nodes; those are
 * theirs to judge, ping and close, and they tell this node about them through the cluster cache.
 */
final class ServerSessions {
    @FunctionalInterface
    interface Visitor {
        void visit(ServerSession session, Direction direction, String remoteDomain);
    }

    private ServerSessions() {
    }

    /** True if this node holds the session (Openfire's local sessions); false for another cluster node's. */
    static boolean heldHere(Session session) {
        return session instanceof LocalSession;
    }

    static void forEachOpen(Visitor visitor) {
        SessionManager manager = SessionManager.getInstance();
        for (String domain : manager.getIncomingServers()) {
            manager.getIncomingServerSessions(domain).stream().filter(s -> heldHere(s) && !s.isClosed())
                    .forEach(s -> visitor.visit(s, Direction.INBOUND, domain));
        }
        for (String domain : manager.getOutgoingServers()) {
            manager.getOutgoingServerSessions(domain).stream().filter(s -> heldHere(s) && !s.isClosed())
                    .forEach(s -> visitor.visit(s, Direction.OUTBOUND, domain));
        }
    }
}
