package org.jivesoftware.openfire.keystore;

import java.security.KeyStore;

/** Stand-in for Openfire 5's CertificateStore (declarations only). */
public abstract class CertificateStore {
    CertificateStore(Void standIn) {
    }

    public KeyStore getStore() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public CertificateStoreConfiguration getConfiguration() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
