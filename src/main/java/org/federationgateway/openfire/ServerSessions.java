package org.federationgateway.openfire;

import org.federationgateway.policy.Direction;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.session.ServerSession;

/** Every open server-to-server session Openfire has, with its direction and remote domain; for the sweep and the status page. */
final class ServerSessions {
    @FunctionalInterface
    interface Visitor {
        void visit(ServerSession session, Direction direction, String remoteDomain);
    }

    private ServerSessions() {
    }

    static void forEachOpen(Visitor visitor) {
        SessionManager manager = SessionManager.getInstance();
        for (String domain : manager.getIncomingServers()) {
            manager.getIncomingServerSessions(domain).stream().filter(s -> !s.isClosed()).forEach(s -> visitor.visit(s, Direction.INBOUND, domain));
        }
        for (String domain : manager.getOutgoingServers()) {
            manager.getOutgoingServerSessions(domain).stream().filter(s -> !s.isClosed()).forEach(s -> visitor.visit(s, Direction.OUTBOUND, domain));
        }
    }
}
