package org.federationgateway.component;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway reaches the XMPP server as an external component (XEP-0114).
 *
 * @param serverHost      the XMPP server's address
 * @param serverPort      its component port (Prosody and ejabberd default to 5347)
 * @param componentDomain the domain the server routes to us, e.g. sip.example.com
 * @param secret          the shared secret configured on the server for that domain
 * @param minBackoff      first delay before reconnecting after a failure
 * @param maxBackoff      longest delay between attempts
 */
public record ComponentSettings(String serverHost, int serverPort, String componentDomain, String secret,
                                Duration minBackoff, Duration maxBackoff) {
    public ComponentSettings {
        if (serverHost == null || serverHost.isBlank()) {
            throw new IllegalArgumentException("component.serverHost is required");
        }
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("component.serverPort must be 1-65535, was " + serverPort);
        }
        if (componentDomain == null || componentDomain.isBlank() || componentDomain.contains("@") || componentDomain.contains("/")) {
            throw new IllegalArgumentException("component.domain must be a bare domain such as sip.example.com, was " + componentDomain);
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("component.secret is required");
        }
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("component backoff must satisfy 0 < min <= max");
        }
    }

    public ComponentSettings(String serverHost, int serverPort, String componentDomain, String secret) {
        this(serverHost, serverPort, componentDomain, secret, Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
