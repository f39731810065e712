package org.jivesoftware.openfire.keystore;

/** Stand-in for Openfire 5's CertificateStoreConfiguration (declarations only). */
public class CertificateStoreConfiguration {
    private CertificateStoreConfiguration(Void standIn) {
    }

    public char[] getPassword() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
