package org.jivesoftware.openfire.keystore;

/** Stand-in for Openfire 5's IdentityStore (declarations only). */
public class IdentityStore extends CertificateStore {
    private IdentityStore(Void standIn) {
        super(standIn);
    }
}
