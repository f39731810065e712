package org.federationgateway.sip;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.TranslationException;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * SUBSCRIBE (RFC 6665, Event: presence) from a SIP watcher: answered with the dialog's tag and granted expiry,
 * then the bridge's first NOTIFY goes out (only after the answer, as RFC 6665 §4.2.1 orders it).
 */
final class SubscribeHandler implements SipMethodHandler {
    private static final Logger LOG = NodeLog.getLogger(SubscribeHandler.class);
    /** RFC 3856 §6.4: the default duration of a presence subscription. */
    private static final int DEFAULT_EXPIRES = 3600;

    private final SipInbound inbound;
    private final Responder responder;
    private final PresenceRequests requests;

    SubscribeHandler(SipInbound inbound, Responder responder) {
        this.inbound = inbound;
        this.responder = responder;
        this.requests = new PresenceRequests(responder.builder());
    }

    @Override
    public void handle(ServerTransaction st, Request request) {
        if (!HeaderReader.isPresenceEvent(request)) {
            responder.respond(st, request, new SipStatus(489, "Bad Event"));
            return;
        }
        PresenceBridge.InboundSubscribeAnswer answer;
        try {
            // The presentity from To: a refresh's Request-URI is the gateway's Contact, whose host is no partner.
            answer = inbound.subscribe(HeaderReader.toUri(request), HeaderReader.fromUri(request),
                    HeaderReader.watcherDialog(request), HeaderReader.expires(request, DEFAULT_EXPIRES));
        } catch (TranslationException e) {
            responder.respond(st, request, new SipStatus(400, e.getMessage()));
            return;
        }
        boolean answered;
        try {
            answered = responder.send(st, requests.subscribeResponse(request, answer.status(), answer.localTag(), answer.expires()));
        } catch (ParseException | InvalidArgumentException e) {
            LOG.debug("Federation Gateway: could not answer SUBSCRIBE: {}", e.toString());
            return;
        }
        if (answered) {
            answer.afterResponse().run();
        }
    }
}
