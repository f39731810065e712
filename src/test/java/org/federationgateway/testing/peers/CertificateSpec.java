package org.federationgateway.testing.peers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a test certificate should say: the names it covers (SAN dNSName, optionally id-on-xmppAddr per
 * RFC 6120 §13.7.1.4), its validity window and whether the test CA signs it. The factory methods give the
 * good certificate and the broken variants readiness checks must recognise.
 */
public record CertificateSpec(String fileStem, List<String> dnsNames, List<String> xmppAddrs,
        Instant notBefore, Instant notAfter, boolean signedByItself) {

    public CertificateSpec {
        dnsNames = List.copyOf(dnsNames);
        xmppAddrs = List.copyOf(xmppAddrs);
        if (dnsNames.isEmpty() && xmppAddrs.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
    }

    /** Valid for a year, signed by the test CA, SAN dNSName {@code domain} and {@code *.domain}. */
    public static CertificateSpec valid(String domain) {
        Instant now = Instant.now();
        // An hour back: clocks of the peers and the JVM may differ slightly.
        return new CertificateSpec(domain, List.of(domain, "*." + domain), List.of(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), false);
    }

    /** Also carries id-on-xmppAddr (otherName, UTF8String) for the domain. */
    public CertificateSpec withXmppAddr() {
        return new CertificateSpec(fileStem + "-xmppaddr", dnsNames, List.of(dnsNames.get(0)), notBefore, notAfter, signedByItself);
    }

    /** Only id-on-xmppAddr, no dNSName: RFC 6120 allows it, many servers do not. */
    public static CertificateSpec xmppAddrOnly(String domain) {
        CertificateSpec base = valid(domain);
        return new CertificateSpec(domain + "-xmppaddr-only", List.of(), List.of(domain), base.notBefore, base.notAfter, false);
    }

    /** Expired a day ago. */
    public CertificateSpec expired() {
        Instant now = Instant.now();
        return new CertificateSpec(fileStem + "-expired", dnsNames, xmppAddrs,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), signedByItself);
    }

    /** Signed by its own key, so it chains to nothing a peer trusts. */
    public CertificateSpec selfSigned() {
        return new CertificateSpec(fileStem + "-selfsigned", dnsNames, xmppAddrs, notBefore, notAfter, true);
    }

    /** Issued by the test CA, but for {@code otherDomain}: presented by the domain of {@link #fileStem} it mismatches. */
    public CertificateSpec forWrongDomain(String otherDomain) {
        return new CertificateSpec(fileStem + "-wrongdomain", List.of(otherDomain, "*." + otherDomain), List.of(),
                notBefore, notAfter, signedByItself);
    }

    public String subjectCommonName() {
        return dnsNames.isEmpty() ? xmppAddrs.get(0) : dnsNames.get(0);
    }
}
