package org.federationgateway.openfire;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.federationgateway.policy.Direction;
import org.federationgateway.status.LiveSession;
import org.jivesoftware.openfire.session.ServerSession;

/** Openfire's open server-to-server sessions, read for the status page; Openfire's objects stop here. */
final class OpenfireSessions implements Supplier<List<LiveSession>> {

    @Override
    public List<LiveSession> get() {
        List<LiveSession> sessions = new ArrayList<>();
        ServerSessions.forEachOpen((s, direction, domain) -> sessions.add(live(s, direction, domain)));
        return sessions;
    }

    static LiveSession live(ServerSession s, Direction direction, String domain) {
        X509Certificate peer = SessionFactsReader.peerCertificate(s);
        return new LiveSession(domain, direction, SessionFactsReader.method(s.getAuthenticationMethod()),
                s.isEncrypted() ? s.getTLSProtocolName() : "", s.isEncrypted() ? s.getCipherSuiteName() : "",
                peer == null ? "" : peer.getSubjectX500Principal().getName(), peer == null ? null : peer.getNotAfter().toInstant(),
                s.getCreationDate() == null ? Instant.EPOCH : s.getCreationDate().toInstant());
    }
}
