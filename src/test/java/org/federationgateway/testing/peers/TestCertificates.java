package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA in a directory and the certificates it issues (RSA 2048 and SHA-256: what Prosody's OpenSSL,
 * ejabberd's fast_tls and Openfire's JSSE all accept). Files: {@code ca.crt}, {@code ca.key},
 * {@code truststore.p12} (the CA only), and per certificate {@code <stem>.crt}, {@code <stem>.key}, {@code <stem>.p12}.
 */
public final class TestCertificates {
    /** id-on-xmppAddr, RFC 6120 §13.7.1.4. */
    public static final ASN1ObjectIdentifier ID_ON_XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    public static final String DEFAULT_PASSWORD = "changeit";
    private static final String SIGNATURE = "SHA256withRSA";

    private final Path dir;
    private final char[] password;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    // Serial numbers count up from a fixed start so the files are the same from run to run, apart from dates and keys.
    private final AtomicLong serial = new AtomicLong(1000);

    private TestCertificates(Path dir, char[] password, KeyPair caKeys, X509Certificate caCertificate) {
        this.dir = dir;
        this.password = password;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    public static TestCertificates create(Path dir) {
        return create(dir, DEFAULT_PASSWORD);
    }

    /** Generates a fresh CA (10 years) into {@code dir}; {@code password} protects every PKCS#12 file written. */
    public static TestCertificates create(Path dir, String password) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = newKeyPair();
            X500Name name = new X500Name("CN=Federation Gateway Test CA,O=federationgateway tests");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), name, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate ca = sign(builder, keys.getPrivate());
            TestCertificates certificates = new TestCertificates(dir, password.toCharArray(), keys, ca);
            writePem(certificates.caCertificatePem(), ca);
            writePem(dir.resolve("ca.key"), keys.getPrivate());
            certificates.writeTruststore();
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the test CA", e);
        }
    }

    /** The usual case: valid, CA-signed, SAN {@code domain} and {@code *.domain}. */
    public IssuedCertificate issue(String domain) {
        return issue(CertificateSpec.valid(domain));
    }

    public IssuedCertificate issue(CertificateSpec spec) {
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = new X500Name("CN=" + spec.subjectCommonName());
            X500Name issuer = spec.signedByItself() ? subject : X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(serial.incrementAndGet()), Date.from(spec.notBefore()), Date.from(spec.notAfter()),
                    subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            // Both purposes: an S2S certificate authenticates its server as client and as server (SASL EXTERNAL).
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(spec));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (!spec.signedByItself()) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCertificate));
            }
            X509Certificate certificate = sign(builder, spec.signedByItself() ? keys.getPrivate() : caKeys.getPrivate());

            Path crt = dir.resolve(spec.fileStem() + ".crt");
            Path key = dir.resolve(spec.fileStem() + ".key");
            Path p12 = dir.resolve(spec.fileStem() + ".p12");
            writePem(crt, certificate);
            writePem(key, keys.getPrivate());
            Certificate[] chain = spec.signedByItself() ? new Certificate[] {certificate} : new Certificate[] {certificate, caCertificate};
            KeyStore store = emptyPkcs12();
            store.setKeyEntry(IssuedCertificate.KEY_ALIAS, keys.getPrivate(), password, chain);
            save(store, p12);
            return new IssuedCertificate(spec, certificate, keys.getPrivate(), crt, key, p12, password.clone());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + spec, e);
        }
    }

    public Path directory() {
        return dir;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public Path caCertificatePem() {
        return dir.resolve("ca.crt");
    }

    /** PKCS#12 with the CA as the only trusted entry, alias {@code test-ca}. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public char[] password() {
        return password.clone();
    }

    /** Trusts the test CA and nothing else (for Smack, JSSE clients and readiness checks). */
    public X509TrustManager trustManager() {
        try {
            KeyStore store = emptyPkcs12();
            store.setCertificateEntry("test-ca", caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeTruststore() throws GeneralSecurityException, IOException {
        KeyStore store = emptyPkcs12();
        store.setCertificateEntry("test-ca", caCertificate);
        save(store, truststore());
    }

    private void save(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private static GeneralNames subjectAltNames(CertificateSpec spec) {
        List<GeneralName> names = new ArrayList<>();
        spec.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        for (String xmppAddr : spec.xmppAddrs()) {
            // otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT UTF8String }
            names.add(new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                    ID_ON_XMPP_ADDR, new DERTaggedObject(true, 0, new DERUTF8String(xmppAddr))})));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyStore emptyPkcs12() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            // PrivateKey objects are written as PKCS#8 "PRIVATE KEY", which every peer's TLS library reads.
            pem.writeObject(object instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : object);
        }
    }
}
