package org.federationgateway.openfire;

/** This server's XMPP domain and its component subdomains, as opposed to remote domains. */
record LocalDomains(String domain) {
    boolean isLocal(String other) {
        return other != null && (other.equals(domain)
                || (other.endsWith(domain) && other.length() > domain.length() && other.charAt(other.length() - domain.length() - 1) == '.'));
    }

    /** True for the server's own domain, where usernames live (not its components). */
    boolean isUserDomain(String other) {
        return domain.equals(other);
    }
}
