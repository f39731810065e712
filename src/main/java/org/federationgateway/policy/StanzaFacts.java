package org.federationgateway.policy;

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
 */
public record StanzaFacts(Direction direction, String remoteDomain, LocalParty localParty, String localSubject,
                          StanzaKind kind, boolean localKnowsRemote) {
    public StanzaFacts {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(remoteDomain, "remoteDomain");
        Objects.requireNonNull(localParty, "localParty");
        Objects.requireNonNull(localSubject, "localSubject");
        Objects.requireNonNull(kind, "kind");
    }
}
