package org.federationgateway.enforce;

/** The human-readable text of a refusal, in the server's language; {0} is the remote domain. */
@FunctionalInterface
public interface Texts {
    String reason(String messageKey, String remoteDomain);

    /** The xml:lang of the texts, or null. */
    default String lang() {
        return null;
    }
}
