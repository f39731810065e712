package org.federationgateway.status;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.Direction;

/**
 * One server-to-server session as the status page shows it.
 *
 * @param remoteDomain the remote domain, lower case
 * @param direction    inbound (the partner connected to us) or outbound
 * @param authMethod   how it authenticated
 * @param tlsProtocol  e.g. TLSv1.3, or empty when the session is not encrypted
 * @param cipherSuite  e.g. TLS_AES_256_GCM_SHA384, or empty
 * @param peerSubject  the subject of the peer's certificate, or empty when it showed none
 * @param peerNotAfter when that certificate expires, or null
 * @param since        when the session was created
 */
public record LiveSession(String remoteDomain, Direction direction, AuthMethod authMethod, String tlsProtocol, String cipherSuite,
                          String peerSubject, Instant peerNotAfter, Instant since) {
    public LiveSession {
        if (remoteDomain == null || remoteDomain.isBlank()) {
            throw new IllegalArgumentException("remoteDomain is required");
        }
        remoteDomain = remoteDomain.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(authMethod, "authMethod");
        tlsProtocol = tlsProtocol == null ? "" : tlsProtocol;
        cipherSuite = cipherSuite == null ? "" : cipherSuite;
        peerSubject = peerSubject == null ? "" : peerSubject;
        Objects.requireNonNull(since, "since");
    }

    public boolean encrypted() {
        return !tlsProtocol.isEmpty();
    }
}
