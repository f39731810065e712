package org.jivesoftware.openfire.session;

/**
 * Stand-in for Openfire 5's LocalSession (declarations only): a session held by this cluster node. The plugin only
 * tells local sessions from the other nodes' ones, which Openfire's SessionManager lists too while clustered.
 */
public abstract class LocalSession implements Session {
    private LocalSession() {
    }
}
