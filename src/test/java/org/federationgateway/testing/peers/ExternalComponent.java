package org.federationgateway.testing.peers;

/**
 * An XEP-0114 component a peer accepts: its domain, shared secret and the port it connects to.
 *
 * @param validateFrom whether the server checks that the component's stanzas come from its own domain (the servers'
 *                     default; Prosody's {@code validate_from_addresses}, ejabberd's {@code check_from})
 */
public record ExternalComponent(String domain, String secret, int port, boolean validateFrom) {
    /** The customary port for external components. */
    public static final int DEFAULT_PORT = 5347;

    /** A component whose {@code from} the server checks, as it does by default. */
    public ExternalComponent(String domain, String secret, int port) {
        this(domain, secret, port, true);
    }
}
