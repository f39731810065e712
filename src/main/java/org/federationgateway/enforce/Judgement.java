package org.federationgateway.enforce;

import java.util.Optional;

import org.federationgateway.policy.ReasonCode;
import org.xmpp.packet.Packet;

/**
 * The gate's judgement of one stanza: the policy decision with the enforcement mode applied (let it pass, maybe
 * without status text, refuse it, or only record it), why, and the error reply to send. Built by the gate and the
 * enforcer; carried out by the adapter in one place.
 *
 * @param action     pass, strip status, refuse, or only record (observe mode)
 * @param reason     why, when refused or recorded; null otherwise
 * @param errorReply the error to route back to the sender when refused, if one may be sent
 */
public record Judgement(org.federationgateway.policy.Action action, ReasonCode reason, Optional<Packet> errorReply) {
    public static final Judgement PASS = new Judgement(org.federationgateway.policy.Action.PASS, null, Optional.empty());
    public static final Judgement STRIP_STATUS = new Judgement(org.federationgateway.policy.Action.STRIP_STATUS, null, Optional.empty());

    public boolean refused() {
        return action == org.federationgateway.policy.Action.REFUSE;
    }
}
