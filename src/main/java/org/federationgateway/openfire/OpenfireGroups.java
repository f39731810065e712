package org.federationgateway.openfire;

import java.util.Collection;
import java.util.List;

import org.federationgateway.policy.GroupMembership;
import org.jivesoftware.openfire.group.Group;
import org.jivesoftware.openfire.group.GroupManager;
import org.xmpp.packet.JID;

/** Group names of a user, from Openfire's group cache. */
final class OpenfireGroups implements GroupMembership {
    private final String domain;

    OpenfireGroups(String domain) {
        this.domain = domain;
    }

    @Override
    public Collection<String> groupsOf(String username) {
        Collection<Group> groups = GroupManager.getInstance().getGroups(new JID(username, domain, null));
        return groups.isEmpty() ? List.of() : groups.stream().map(Group::getName).toList();
    }
}
