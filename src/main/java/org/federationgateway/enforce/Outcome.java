package org.federationgateway.enforce;

import java.util.Optional;

import org.federationgateway.policy.ReasonCode;
import org.xmpp.packet.Packet;

/**
 * What the adapter must do with one stanza: let it pass (maybe without status text), or refuse it and send
 * the given error reply. Built by the enforcer; carried out by the adapter in one place.
 *
 * @param action     pass, strip status, refuse, or only record (observe mode)
 * @param reason     why, when refused or recorded; null otherwise
 * @param errorReply the error to route back to the sender when refused, if one may be sent
 */
public record Outcome(org.federationgateway.policy.Action action, ReasonCode reason, Optional<Packet> errorReply) {
    public static final Outcome PASS = new Outcome(org.federationgateway.policy.Action.PASS, null, Optional.empty());
    public static final Outcome STRIP_STATUS = new Outcome(org.federationgateway.policy.Action.STRIP_STATUS, null, Optional.empty());

    public boolean refused() {
        return action == org.federationgateway.policy.Action.REFUSE;
    }
}
