package org.federationgateway.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/** Serves one SIP method from a trusted peer; it answers the transaction itself, now or later. */
@FunctionalInterface
interface SipMethodHandler {
    void handle(ServerTransaction st, Request request);
}
