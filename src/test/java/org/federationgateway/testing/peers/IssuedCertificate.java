package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A generated certificate, its key and the files written for it: PEM cert, PEM key (PKCS#8), PKCS#12. */
public record IssuedCertificate(CertificateSpec spec, X509Certificate certificate, PrivateKey privateKey,
        Path certificatePem, Path keyPem, Path pkcs12, char[] pkcs12Password) {

    /** Alias of the key entry in {@link #pkcs12()}. */
    public static final String KEY_ALIAS = "key";

    /** Certificate followed by key in one file, as ejabberd's {@code certfiles} wants it. */
    public Path writeCombinedPem(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, Files.readString(certificatePem, StandardCharsets.US_ASCII)
                    + Files.readString(keyPem, StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
