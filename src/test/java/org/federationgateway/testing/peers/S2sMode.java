package org.federationgateway.testing.peers;

/** How a peer authenticates server-to-server streams. */
public enum S2sMode {
    /** TLS required, peer certificates checked against the test CA: SASL EXTERNAL, no dialback fallback. */
    SECURE,
    /** TLS offered, but only the system CA bundle is trusted, so the test certificates fail: dialback over TLS. */
    DIALBACK,
    /** No TLS at all: dialback over plain TCP. */
    PLAIN;

    /** Debian's bundle: it cannot contain the test CA, so peer certificates stay untrusted. */
    static final String SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
}
