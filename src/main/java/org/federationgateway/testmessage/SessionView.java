package org.federationgateway.testmessage;

/**
 * An outgoing server-to-server session as the report shows it.
 *
 * @param authMethod the stable code of how this server authenticated to the partner ({@code dialback}, {@code sasl-external}, ...)
 * @param encrypted  whether the stream runs over TLS
 * @param protocol   the TLS protocol, or empty
 * @param cipher     the TLS cipher suite, or empty
 */
public record SessionView(String authMethod, boolean encrypted, String protocol, String cipher) {
    public SessionView {
        protocol = protocol == null ? "" : protocol;
        cipher = cipher == null ? "" : cipher;
    }

    String tls() {
        return encrypted ? (protocol + " " + cipher).strip() : "";
    }
}
