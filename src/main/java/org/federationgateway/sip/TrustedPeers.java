package org.federationgateway.sip;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.ServerTransaction;

import gov.nist.javax.sip.ServerTransactionExt;
import org.federationgateway.gateway.SipTls;

/** Who may send the gateway requests: the front end and the configured peers by address, or over TLS by certificate name. */
final class TrustedPeers {
    private final Set<String> addresses;
    private final SipTls tls;

    TrustedPeers(Set<String> addresses, SipTls tls) {
        this.addresses = Set.copyOf(addresses);
        this.tls = tls;
    }

    boolean trusts(String source, ServerTransaction st) {
        return source != null && (addresses.contains(source) || trustedByCertificate(st));
    }

    /** Over TLS, a peer whose certificate (already verified against the trust store) names a trusted peer. */
    private boolean trustedByCertificate(ServerTransaction st) {
        if (tls == null || tls.trustedPeerNames().isEmpty() || !(st instanceof ServerTransactionExt ext)) {
            return false;
        }
        try {
            Certificate[] chain = ext.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x509
                    && CertificateNames.of(x509).stream().anyMatch(tls.trustedPeerNames()::contains);
        } catch (SSLPeerUnverifiedException e) {
            return false; // no certificate presented
        } catch (UnsupportedOperationException e) {
            return false; // not a TLS transaction: JAIN-SIP has no certificates to give
        }
    }
}
