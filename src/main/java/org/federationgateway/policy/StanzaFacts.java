package org.federationgateway.policy;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What the adapter knows about one federated stanza, gathered without I/O. The evaluator never sees a
 * packet or a session, only this.
 *
 * @param direction         inbound from a partner, or outbound to one
 * @param remoteDomain      the partner side's domain, canonical (lower case, A-labels)
 * @param localParty        whether {@code localSubject} is an Openfire user or a SIP-homed address
 * @param localSubject      the Openfire username, or the SIP-homed bare address user@domain, lower case
 * @param kind              what the stanza is
 * @param localKnowsRemote  the local user has the remote user in the roster with a subscription to them or one
 *                          pending (RFC 6121 "To" or "None + Pending Out" or better); for SIP-homed users, the
 *                          SIP user asked first
 * @param localGroups       the local user's groups, gathered before the decision when
 *                          {@link PolicySnapshot#groupsMatterFor} says they can matter; empty otherwise
 */
public record StanzaFacts(Direction direction, String remoteDomain, LocalParty localParty, String localSubject,
                          StanzaKind kind, boolean localKnowsRemote, Collection<String> localGroups) {
    /** Facts where the local party's groups do not matter (servers, SIP-homed addresses, users assigned directly). */
    public StanzaFacts(Direction direction, String remoteDomain, LocalParty localParty, String localSubject, StanzaKind kind,
                       boolean localKnowsRemote) {
        this(direction, remoteDomain, localParty, localSubject, kind, localKnowsRemote, List.of());
    }

    public StanzaFacts {
        localGroups = localGroups == null || localGroups.isEmpty() ? List.of() : List.copyOf(localGroups);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(remoteDomain, "remoteDomain");
        Objects.requireNonNull(localParty, "localParty");
        Objects.requireNonNull(localSubject, "localSubject");
        Objects.requireNonNull(kind, "kind");
    }
}
