package org.federationgateway.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.federationgateway.gateway.SipStatus;

/** NOTIFY (RFC 6665, Event: presence) in one of the gateway's own subscriptions at the presence server. */
final class NotifyHandler implements SipMethodHandler {
    private final SipInbound inbound;
    private final Responder responder;

    NotifyHandler(SipInbound inbound, Responder responder) {
        this.inbound = inbound;
        this.responder = responder;
    }

    @Override
    public void handle(ServerTransaction st, Request request) {
        SipStatus result = HeaderReader.isPresenceEvent(request)
                ? inbound.notify(HeaderReader.callId(request), HeaderReader.header(request, "Subscription-State"),
                        HeaderReader.header(request, "Content-Language"), request.getRawContent())
                : new SipStatus(489, "Bad Event");
        responder.respond(st, request, result);
    }
}
