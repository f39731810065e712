package org.federationgateway.enforce;

/** Whether a local user has a remote user in the roster with a subscription to them or one pending. */
@FunctionalInterface
public interface RosterView {
    boolean localKnowsRemote(String username, String remoteBareJid);
}
