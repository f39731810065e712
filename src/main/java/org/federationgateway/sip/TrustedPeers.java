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
    /** Whether a source address is the watcher of the gateway's dialog with this Call-ID and local tag. */
    @FunctionalInterface
    interface DialogPeers {
        boolean isPeer(String callId, String localTag, String source);
    }

    private final Set<String> addresses;
    private final SipTls tls;
    private final DialogPeers dialogs;

    TrustedPeers(Set<String> addresses, SipTls tls) {
        this(addresses, tls, (callId, tag, source) -> false);
    }

    TrustedPeers(Set<String> addresses, SipTls tls, DialogPeers dialogs) {
        this.addresses = Set.copyOf(addresses);
        this.tls = tls;
        this.dialogs = dialogs;
    }

    /** A request inside one of the gateway's dialogs from the very address that dialog's peer has. */
    boolean isDialogPeer(String callId, String localTag, String source) {
        return dialogs.isPeer(callId, localTag, source);
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
