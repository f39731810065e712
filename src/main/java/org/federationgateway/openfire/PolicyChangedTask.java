package org.federationgateway.openfire;

import java.io.ObjectInput;
import java.io.ObjectOutput;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.util.cache.ClusterTask;

/**
 * Sent to the other cluster nodes after a policy change committed: each asks its own plugin to check the stored
 * generation. It carries nothing; the database is the one source of the policy.
 */
public final class PolicyChangedTask implements ClusterTask<Void> {
    private static final long serialVersionUID = 1L;

    /** Public, as Externalizable needs, for the receiving node. */
    public PolicyChangedTask() {
    }

    @Override
    public void run() {
        XMPPServer.getInstance().getPluginManager().getPluginByCanonicalName(FederationGatewayPlugin.CANONICAL_NAME)
                .filter(FederationGatewayPlugin.class::isInstance)
                .map(FederationGatewayPlugin.class::cast)
                .ifPresent(p -> p.policyChangedElsewhere());
    }

    @Override
    public Void getResult() {
        return null;
    }

    @Override
    public void writeExternal(ObjectOutput out) {
        // nothing to send
    }

    @Override
    public void readExternal(ObjectInput in) {
        // nothing to read
    }
}
