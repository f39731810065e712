package org.federationgateway.cluster;

import java.util.Objects;

import org.federationgateway.status.LiveSession;

/**
 * One server-to-server session and the cluster node that holds it: only that node can ping it or close it.
 *
 * @param node          the holding node's cluster identifier
 * @param id            the session's identifier on that node (direction and stream id), unique within the node
 * @param session       what the status page shows of it
 * @param authenticated whether it has authenticated (only those count against the connection limits)
 */
public record NodeSession(String node, String id, LiveSession session, boolean authenticated) {
    public NodeSession {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node is required");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        Objects.requireNonNull(session, "session");
    }
}
