package org.federationgateway.testing.peers;

/** A user a peer registers before the test: {@code username@domain} with a password. */
public record XmppAccount(String username, String domain, String password) {
    public String bareJid() {
        return username + "@" + domain;
    }
}
