package org.federationgateway.testing.peers;

/** An XEP-0114 component a peer accepts: its domain, shared secret and the port it connects to. */
public record ExternalComponent(String domain, String secret, int port) {
    /** The customary port for external components. */
    public static final int DEFAULT_PORT = 5347;
}
