package org.federationgateway.sip;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipStatus;

/**
 * JAIN-SIP's factories with the endpoint's own address: the parts every request and response the gateway
 * builds has in common (Via, the Route to the front end, Contact, tags, the response line). No I/O.
 */
final class HeaderBuilder {
    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final SipEndpointSettings settings;

    HeaderBuilder(AddressFactory addresses, HeaderFactory headers, MessageFactory messages, SipEndpointSettings settings) {
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.settings = settings;
    }

    List<ViaHeader> via(String transport) throws ParseException, InvalidArgumentException {
        return List.of(headers.createViaHeader(settings.listenAddress(), settings.portFor(transport), transport, null));
    }

    /** A loose Route to the front end, so the Request-URI stays the user's AOR. */
    RouteHeader frontEndRoute(String transport) throws ParseException {
        SipURI hop = addresses.createSipURI(null, settings.frontEndHost());
        hop.setPort(settings.frontEndPort());
        hop.setTransportParam(transport);
        hop.setLrParam();
        return headers.createRouteHeader(addresses.createAddress(hop));
    }

    ContactHeader contact(String transport) throws ParseException {
        SipURI self = addresses.createSipURI("federationgateway", settings.listenAddress());
        self.setPort(settings.portFor(transport));
        self.setTransportParam(transport);
        return headers.createContactHeader(addresses.createAddress(self));
    }

    void addRoutes(Request r, List<String> routeSet) throws ParseException {
        for (String route : routeSet) {
            r.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
        }
    }

    /** The XMPP thread as Call-ID when it is a valid one (RFC 7572 Table 1); otherwise the stack's. */
    CallIdHeader callId(String thread, String fresh) throws ParseException {
        if (thread != null && thread.matches("[A-Za-z0-9.!%*_+`'~()<>:\\\\\"/\\[\\]?{}-]+(@[A-Za-z0-9.!%*_+`'~()<>:\\\\\"/\\[\\]?{}-]+)?")) {
            return headers.createCallIdHeader(thread);
        }
        return headers.createCallIdHeader(fresh);
    }

    /** A response with the result's status and reason (one line), and a To tag: {@code localTag}, or a fresh one. */
    Response response(Request request, SipStatus result, String localTag) throws ParseException {
        Response r = messages.createResponse(result.status(), request);
        if (!result.reason().isBlank()) {
            r.setReasonPhrase(result.reason().replaceAll("[\\r\\n]+", " "));
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(localTag != null ? localTag : tag());
        }
        return r;
    }

    static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
