package org.jivesoftware.openfire.keystore;

/** Stand-in for Openfire 5's TrustStore (declarations only). */
public class TrustStore extends CertificateStore {
    private TrustStore(Void standIn) {
        super(standIn);
    }
}
