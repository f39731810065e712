package org.federationgateway.openfire;

import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Locale;

import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.CertificateState;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.SessionFacts;
import org.jivesoftware.openfire.session.ServerSession;

/** Reads what the policy needs of an Openfire server-to-server session; Openfire's objects stop here. */
final class SessionFactsReader {
    private SessionFactsReader() {
    }

    static SessionFacts read(ServerSession session, Direction direction, String remoteDomain) {
        return new SessionFacts(direction, remoteDomain.toLowerCase(Locale.ROOT), session.isEncrypted(),
                method(session.getAuthenticationMethod()), certificate(session));
    }

    static AuthMethod method(ServerSession.AuthenticationMethod method) {
        if (method == null) {
            return AuthMethod.NONE;
        }
        return switch (method) {
            case DIALBACK -> AuthMethod.DIALBACK;
            case SASL_EXTERNAL -> AuthMethod.SASL_EXTERNAL;
            default -> AuthMethod.OTHER;
        };
    }

    /** The certificate the peer presented, or null (a plain-text session has none). */
    static X509Certificate peerCertificate(ServerSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static CertificateState certificate(ServerSession session) {
        X509Certificate leaf = peerCertificate(session);
        if (leaf == null) {
            return CertificateState.NONE;
        }
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return CertificateState.EXPIRED;
        }
        return leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) ? CertificateState.SELF_SIGNED : CertificateState.VALID;
    }
}
