package org.federationgateway.openfire;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.federationgateway.policy.Direction;
import org.federationgateway.status.LiveSession;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.session.ServerSession;

/** Openfire's open server-to-server sessions, read for the status page; Openfire's objects stop here. */
final class OpenfireSessions implements Supplier<List<LiveSession>> {

    @Override
    public List<LiveSession> get() {
        SessionManager manager = SessionManager.getInstance();
        List<LiveSession> sessions = new ArrayList<>();
        for (String domain : manager.getIncomingServers()) {
            manager.getIncomingServerSessions(domain).forEach(s -> add(sessions, s, Direction.INBOUND, domain));
        }
        for (String domain : manager.getOutgoingServers()) {
            manager.getOutgoingServerSessions(domain).forEach(s -> add(sessions, s, Direction.OUTBOUND, domain));
        }
        return sessions;
    }

    private static void add(List<LiveSession> sessions, ServerSession s, Direction direction, String domain) {
        if (s.isClosed()) {
            return;
        }
        X509Certificate peer = peerCertificate(s);
        sessions.add(new LiveSession(domain, direction, SessionFactsReader.method(s.getAuthenticationMethod()),
                s.isEncrypted() ? s.getTLSProtocolName() : "", s.isEncrypted() ? s.getCipherSuiteName() : "",
                peer == null ? "" : peer.getSubjectX500Principal().getName(), peer == null ? null : peer.getNotAfter().toInstant(),
                s.getCreationDate() == null ? Instant.EPOCH : s.getCreationDate().toInstant()));
    }

    private static X509Certificate peerCertificate(ServerSession s) {
        try {
            Certificate[] chain = s.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (RuntimeException e) {
            return null; // a plain-text session has no peer certificates
        }
    }
}
