package org.federationgateway.policy;

import java.util.Collection;

/**
 * The groups an Openfire user belongs to: the port through which the adapter gathers this fact before a decision
 * (only when {@link PolicySnapshot#groupsMatterFor} says so). The evaluator never calls it.
 */
@FunctionalInterface
public interface GroupMembership {
    GroupMembership NONE = username -> java.util.List.of();

    Collection<String> groupsOf(String username);
}
