package org.federationgateway.readiness;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lync's certificate planning table as checks on the server-to-server certificate: it covers every XMPP
 * domain this server serves (dNSName or id-on-xmppAddr), chains to a root partners trust, and is in date.
 */
public final class CertificateChecks {
    /** Warn this long before the certificate expires. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final String AREA = "certificates";

    private CertificateChecks() {
    }

    /**
     * @param chain   the certificate the server presents, leaf first; empty when there is none
     * @param trusted roots partners are expected to trust (the server's own S2S trust store stands in for them)
     * @param domains the XMPP domains served: the server's domain and its components' subdomains
     */
    public static List<Finding> check(List<X509Certificate> chain, Collection<X509Certificate> trusted, List<String> domains, Instant now) {
        if (chain.isEmpty()) {
            return List.of(Finding.of(AREA, "-", Verdict.FAIL, "none"));
        }
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        List<Finding> findings = new ArrayList<>();
        CertificateNamesReader.Names names = CertificateNamesReader.read(leaf);
        for (String domain : domains) {
            String d = domain.toLowerCase(Locale.ROOT);
            if (names.dnsNames().stream().anyMatch(p -> CertificateNamesReader.dnsNameCovers(p, d))) {
                findings.add(Finding.of(AREA, d, Verdict.OK, "covered.dns", d, subject));
            } else if (names.xmppAddrs().contains(d)) {
                // RFC 7590 servers match dNSName; some accept only it, so an xmppAddr alone is worth a warning.
                findings.add(Finding.of(AREA, d, Verdict.WARNING, "covered.xmppaddr", d, subject));
            } else {
                String asserted = String.join(", ", names.dnsNames()) + (names.xmppAddrs().isEmpty() ? "" : " / xmppAddr " + String.join(", ", names.xmppAddrs()));
                findings.add(Finding.of(AREA, d, Verdict.FAIL, "notcovered", d, asserted.isBlank() ? "-" : asserted));
            }
        }
        findings.add(chainFinding(chain, trusted, subject, now));
        findings.add(expiryFinding(leaf, subject, now));
        return findings;
    }

    private static Finding chainFinding(List<X509Certificate> chain, Collection<X509Certificate> trusted, String subject, Instant now) {
        X509Certificate leaf = chain.get(0);
        boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
        if (trusted.isEmpty()) {
            return Finding.of(AREA, subject, Verdict.WARNING, "chain.notrust", subject);
        }
        try {
            Set<TrustAnchor> anchors = trusted.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
            // The path excludes a trust anchor that the chain may carry at its end.
            List<X509Certificate> path = chain.stream().filter(c -> !trusted.contains(c)).toList();
            if (path.isEmpty()) {
                return Finding.of(AREA, subject, Verdict.OK, "chain.trusted", leaf.getIssuerX500Principal().getName());
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // revocation needs the network; the page checks what it can on its own
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return Finding.of(AREA, subject, Verdict.OK, "chain.trusted", leaf.getIssuerX500Principal().getName());
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return Finding.of(AREA, subject, Verdict.FAIL, "chain.expired", subject);
            }
            return Finding.of(AREA, subject, Verdict.FAIL, selfSigned ? "chain.selfsigned" : "chain.untrusted", leaf.getIssuerX500Principal().getName());
        } catch (CertificateException | NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            return Finding.of(AREA, subject, Verdict.FAIL, "chain.untrusted", leaf.getIssuerX500Principal().getName());
        }
    }

    private static Finding expiryFinding(X509Certificate leaf, String subject, Instant now) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        String until = notAfter.toString();
        if (now.isAfter(notAfter)) {
            return Finding.of(AREA, subject, Verdict.FAIL, "expired", until);
        }
        if (now.isBefore(notBefore)) {
            return Finding.of(AREA, subject, Verdict.FAIL, "notyetvalid", notBefore.toString());
        }
        long days = Duration.between(now, notAfter).toDays();
        if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0) {
            return Finding.of(AREA, subject, Verdict.WARNING, "expiring", until, days);
        }
        return Finding.of(AREA, subject, Verdict.OK, "valid", until, days);
    }
}
