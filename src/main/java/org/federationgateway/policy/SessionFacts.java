package org.federationgateway.policy;

import java.util.Objects;

/**
 * What the adapter knows about one server-to-server session.
 *
 * @param direction    inbound (the partner connected to us) or outbound
 * @param remoteDomain the partner side's domain, canonical
 * @param encrypted    whether TLS is in use
 * @param method       how the session authenticated; NONE while it has not
 * @param certificate  the peer certificate as the adapter judged it
 */
public record SessionFacts(Direction direction, String remoteDomain, boolean encrypted, AuthMethod method, CertificateState certificate) {
    public SessionFacts {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(remoteDomain, "remoteDomain");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(certificate, "certificate");
    }
}
