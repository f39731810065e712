package org.federationgateway.testing.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.peers.TestCertificates;

/** The running lab's test CA, read from its trust store, for command-line clients in another JVM. */
final class LabTrust {
    private LabTrust() {
    }

    static X509TrustManager trustManager() throws IOException, GeneralSecurityException {
        Path store = PluginRoot.resolve("target/peers/lab/certs/truststore.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, TestCertificates.DEFAULT_PASSWORD.toCharArray());
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        return (X509TrustManager) f.getTrustManagers()[0];
    }
}
