package org.federationgateway.testing.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void createCa() {
        certs = TestCertificates.create(dir, "s3cret");
    }

    @Test
    void validCertificateCoversDomainAndWildcardAndChainsToTheCa() throws Exception {
        IssuedCertificate issued = certs.issue("a.test");
        assertEquals(Set.of("a.test", "*.a.test"), dnsNames(issued.certificate()));
        issued.certificate().verify(certs.caCertificate().getPublicKey());
        issued.certificate().checkValidity();
        certs.trustManager().checkServerTrusted(new X509Certificate[] {issued.certificate(), certs.caCertificate()}, "RSA");
        assertTrue(Files.readString(issued.keyPem(), StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(issued.certificatePem(), StandardCharsets.US_ASCII).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void pkcs12HoldsKeyAndChainUnderTheConfiguredPassword() throws Exception {
        IssuedCertificate issued = certs.issue("b.test");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(issued.pkcs12())) {
            store.load(in, "s3cret".toCharArray());
        }
        assertEquals(2, store.getCertificateChain(IssuedCertificate.KEY_ALIAS).length);
        assertArrayEquals(issued.privateKey().getEncoded(), store.getKey(IssuedCertificate.KEY_ALIAS, "s3cret".toCharArray()).getEncoded());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.truststore())) {
            trust.load(in, "s3cret".toCharArray());
        }
        assertEquals(certs.caCertificate(), trust.getCertificate("test-ca"));
    }

    @Test
    void xmppAddrIsAnOtherNameWithUtf8String() throws Exception {
        IssuedCertificate issued = certs.issue(CertificateSpec.valid("c.test").withXmppAddr());
        GeneralNames names = GeneralNames.fromExtensions(
                new JcaX509CertificateHolder(issued.certificate()).getExtensions(), Extension.subjectAlternativeName);
        List<String> xmppAddrs = Arrays.stream(names.getNames())
                .filter(n -> n.getTagNo() == GeneralName.otherName)
                .map(n -> OtherName.getInstance(n.getName()))
                .peek(o -> assertEquals(TestCertificates.ID_ON_XMPP_ADDR, o.getTypeID()))
                .map(o -> ASN1UTF8String.getInstance(o.getValue()).getString())
                .toList();
        assertEquals(List.of("c.test"), xmppAddrs);
        assertEquals(Set.of("c.test", "*.c.test"), dnsNames(issued.certificate()));
    }

    @Test
    void brokenVariantsAreBrokenInTheirOwnWay() throws Exception {
        X509Certificate expired = certs.issue(CertificateSpec.valid("a.test").expired()).certificate();
        assertThrows(CertificateExpiredException.class, expired::checkValidity);

        X509Certificate selfSigned = certs.issue(CertificateSpec.valid("a.test").selfSigned()).certificate();
        selfSigned.verify(selfSigned.getPublicKey());
        assertThrows(CertificateException.class,
                () -> certs.trustManager().checkServerTrusted(new X509Certificate[] {selfSigned}, "RSA"));

        IssuedCertificate wrong = certs.issue(CertificateSpec.valid("a.test").forWrongDomain("elsewhere.test"));
        assertEquals(Set.of("elsewhere.test", "*.elsewhere.test"), dnsNames(wrong.certificate()));
        assertTrue(wrong.certificatePem().getFileName().toString().startsWith("a.test-wrongdomain"));
    }

    private static Set<String> dnsNames(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().filter(n -> (Integer) n.get(0) == 2).map(n -> (String) n.get(1)).collect(Collectors.toSet());
    }
}
