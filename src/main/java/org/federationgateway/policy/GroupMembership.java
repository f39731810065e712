package org.federationgateway.policy;

import java.util.Collection;

/** The groups an Openfire user belongs to; asked only when group assignments exist and no user assignment does. */
@FunctionalInterface
public interface GroupMembership {
    GroupMembership NONE = username -> java.util.List.of();

    Collection<String> groupsOf(String username);
}
