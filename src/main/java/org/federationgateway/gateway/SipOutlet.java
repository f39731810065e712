package org.federationgateway.gateway;

import java.util.concurrent.CompletionStage;

import org.federationgateway.translate.SipMessage;

/** The SIP side as the bridge needs it; the JAIN-SIP adapter implements it. */
public interface SipOutlet {
    /**
     * Sends a MESSAGE to the front end. Completes with the final response; a transaction timeout or an
     * unreachable front end completes with 408 rather than exceptionally.
     *
     * @param congestionControlled whether it must go over TCP or TLS (RFC 3428 §7 size rule)
     */
    CompletionStage<SipStatus> sendMessage(SipMessage message, boolean congestionControlled);

    /** Whether a congestion-controlled transport (TCP or TLS) to the front end is configured. */
    boolean hasCongestionControlledTransport();
}
