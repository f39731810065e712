package org.federationgateway.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.federationgateway.testing.peers.CertificateSpec;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lync's certificate table as checks, on certificates generated with Bouncy Castle. */
class CertificateChecksTest {
    private static TestCertificates ca;
    private static final Instant NOW = Instant.now();

    @BeforeAll
    static void ca() {
        ca = TestCertificates.create(PeerDirectories.fresh("readiness-certs"));
    }

    private static List<Finding> check(IssuedCertificate c, String... domains) {
        return CertificateChecks.check(List.of(c.certificate()), List.of(ca.caCertificate()), List.of(domains), NOW);
    }

    private static Finding about(List<Finding> findings, String key) {
        return findings.stream().filter(f -> f.key().equals("readiness.certificates." + key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + findings));
    }

    @ParameterizedTest(name = "RFC 6125 §6.4.3: {0} covers {1}: {2}")
    @CsvSource({
            "a.test,       a.test,          true",
            "*.a.test,     sip.a.test,      true",
            "*.a.test,     a.test,          false",
            "*.a.test,     x.sip.a.test,    false",
            "a.test,       sip.a.test,      false",
            "*.a.test,     sip.b.test,      false"})
    void aWildcardCoversExactlyOneLeftMostLabel(String pattern, String domain, boolean covers) {
        assertEquals(covers, CertificateNamesReader.dnsNameCovers(pattern, domain));
    }

    @Test
    void rfc6120Section13_7_1_4_aValidCaSignedCertificateCoversTheDomainAndItsComponents() {
        List<Finding> f = check(ca.issue("a.test"), "a.test", "sip.a.test");
        assertEquals(List.of(Verdict.OK, Verdict.OK, Verdict.OK, Verdict.OK), f.stream().map(Finding::verdict).toList(), f.toString());
        assertEquals("readiness.certificates.covered.dns", f.get(1).key());
    }

    @Test
    void rfc6120Section13_7_1_4_anXmppAddrAloneCoversTheDomainWithAWarning() {
        Finding covered = about(check(ca.issue(CertificateSpec.xmppAddrOnly("a.test")), "a.test"), "covered.xmppaddr");
        assertEquals(Verdict.WARNING, covered.verdict());
    }

    @Test
    void aCertificateForAnotherDomainFailsNamingWhatItDoesCover() {
        Finding f = about(check(ca.issue(CertificateSpec.valid("a.test").forWrongDomain("other.test")), "a.test"), "notcovered");
        assertEquals(Verdict.FAIL, f.verdict());
        assertTrue(f.args().get(1).contains("other.test"), f.args().toString());
    }

    @Test
    void aSelfSignedCertificateChainsToNothingPartnersTrust() {
        assertEquals(Verdict.FAIL, about(check(ca.issue(CertificateSpec.valid("a.test").selfSigned()), "a.test"), "chain.selfsigned").verdict());
    }

    @Test
    void anExpiredCertificateFailsAndOneAboutToExpireWarns() {
        List<Finding> expired = check(ca.issue(CertificateSpec.valid("a.test").expired()), "a.test");
        assertEquals(Verdict.FAIL, about(expired, "expired").verdict());
        IssuedCertificate soon = ca.issue(new CertificateSpec("a.test-soon", List.of("a.test"), List.of(), NOW.minus(Duration.ofDays(300)),
                NOW.plus(Duration.ofDays(10)), false));
        Finding expiring = about(check(soon, "a.test"), "expiring");
        assertEquals(Verdict.WARNING, expiring.verdict());
        assertTrue(List.of("9", "10").contains(expiring.args().get(1)), expiring.args().toString());
    }

    @Test
    void noCertificateAtAllFails() {
        List<X509Certificate> none = List.of();
        assertEquals(List.of(Finding.of("certificates", "-", Verdict.FAIL, "none")), CertificateChecks.check(none, List.of(), List.of("a.test"), NOW));
    }
}
