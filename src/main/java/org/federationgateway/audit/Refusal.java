package org.federationgateway.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One stanza or session the policy refused (or, in observe mode, would have refused). Holds who and why,
 * never a message body.
 *
 * @param at         when it was decided
 * @param direction  stable code: inbound, outbound, session-in, session-out, sip-in, sip-out
 * @param partner    the partner's primary domain, or the remote domain when it is no partner
 * @param localParty the local user or SIP-homed address involved, or "-" for a whole session
 * @param what       stanza kind or "session"
 * @param reason     the policy's stable reason code
 * @param enforced   false when the gateway only observed
 */
public record Refusal(Instant at, String direction, String partner, String localParty, String what, String reason, boolean enforced) {
    public Refusal {
        Objects.requireNonNull(at, "at");
        requireText(direction, "direction");
        requireText(partner, "partner");
        requireText(localParty, "localParty");
        requireText(what, "what");
        requireText(reason, "reason");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
