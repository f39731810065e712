package org.federationgateway.gateway;

import java.util.concurrent.CompletionStage;

/** SUBSCRIBE and NOTIFY towards the SIP side (RFC 6665, presence event package RFC 3856). */
public interface SipPresenceOutlet {
    /** The answer the SIP side gave to a SUBSCRIBE the gateway sent: status, and for 2xx the dialog as the answer completed it and the granted expiry. */
    record SubscribeAnswer(SipStatus status, SipDialog dialog, int expires) {
    }

    /**
     * Sends SUBSCRIBE (Event: presence, Accept: application/pidf+xml). A dialog without remote tag starts a new
     * subscription through the front end; one with a tag refreshes it at its remote target.
     */
    CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires);

    /** Sends NOTIFY in the dialog; {@code pidf} null sends no body. */
    CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf);
}
