package org.federationgateway.sip;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipStatus;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/** Sends the final response of a server transaction; a response that cannot be sent is logged (the peer retransmits or times out). */
final class Responder {
    private static final Logger LOG = NodeLog.getLogger(Responder.class);

    private final HeaderBuilder builder;

    Responder(HeaderBuilder builder) {
        this.builder = builder;
    }

    HeaderBuilder builder() {
        return builder;
    }

    void respond(ServerTransaction st, Request request, SipStatus result) {
        try {
            send(st, response(request, result));
        } catch (ParseException e) {
            LOG.debug("Federation Gateway: could not build the answer {} to {}: {}", result.status(), request.getMethod(), e.toString());
        }
    }

    /** The response; a 415 lists what the gateway does accept (RFC 3261 §21.4.13). */
    Response response(Request request, SipStatus result) throws ParseException {
        Response response = builder.response(request, result, null);
        if (result.status() == 415) {
            for (String type : org.federationgateway.translate.SipContent.ACCEPTED) {
                String[] parts = type.split("/", 2);
                response.addHeader(builder.headers.createAcceptHeader(parts[0], parts[1]));
            }
        }
        return response;
    }

    /** @return whether the response went out */
    boolean send(ServerTransaction st, Response response) {
        try {
            st.sendResponse(response);
            return true;
        } catch (SipException | InvalidArgumentException e) {
            LOG.debug("Federation Gateway: could not answer {} {}: {}", st.getRequest().getMethod(), response.getStatusCode(), e.toString());
            return false;
        }
    }
}
