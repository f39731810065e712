package org.federationgateway.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.federationgateway.gateway.SipStatus;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.TranslationException;

/** MESSAGE (RFC 3428): read into the translator's terms, answered when the bridge completes (202, or the XMPP error's code). */
final class MessageHandler implements SipMethodHandler {
    private final SipInbound inbound;
    private final Responder responder;

    MessageHandler(SipInbound inbound, Responder responder) {
        this.inbound = inbound;
        this.responder = responder;
    }

    @Override
    public void handle(ServerTransaction st, Request request) {
        SipMessage in;
        try {
            in = ImRequests.toSipMessage(request);
        } catch (TranslationException e) {
            responder.respond(st, request, new SipStatus(400, e.getMessage()));
            return;
        }
        inbound.message(in).whenComplete((r, e) -> responder.respond(st, request, e != null ? new SipStatus(500, "Gateway error") : r));
    }
}
