package org.jivesoftware.openfire.keystore;

import org.jivesoftware.openfire.spi.ConnectionType;

/** Stand-in for Openfire 5's CertificateStoreManager (declarations only). */
public class CertificateStoreManager {
    private CertificateStoreManager(Void standIn) {
    }

    public IdentityStore getIdentityStore(ConnectionType type) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public TrustStore getTrustStore(ConnectionType type) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
