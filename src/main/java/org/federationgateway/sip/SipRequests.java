package org.federationgateway.sip;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentLanguageHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubjectHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipResult;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.TranslationException;

/** Builds the gateway's SIP requests and responses and reads incoming MESSAGEs; no I/O. */
final class SipRequests {
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final SipEndpointSettings settings;

    SipRequests(AddressFactory addresses, HeaderFactory headers, MessageFactory messages, SipEndpointSettings settings) {
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.settings = settings;
    }

    /** A MESSAGE to the front end (Route with lr, so the Request-URI stays the user's AOR). */
    Request message(SipMessage m, String transport, String freshCallId) throws ParseException, InvalidArgumentException {
        URI requestUri = addresses.createURI(m.requestUri().withoutGruu().toString());
        Address from = addresses.createAddress(addresses.createURI(m.from().toString()));
        Address to = addresses.createAddress(requestUri);
        CallIdHeader callId = callId(m.callId(), freshCallId);
        Request r = messages.createRequest(requestUri, Request.MESSAGE, callId, headers.createCSeqHeader(1L, Request.MESSAGE),
                headers.createFromHeader(from, tag()), headers.createToHeader(to, null), via(transport), headers.createMaxForwardsHeader(70));
        r.addHeader(route(transport));
        if (m.subject() != null && !m.subject().isBlank()) {
            SubjectHeader subject = headers.createSubjectHeader(m.subject().replaceAll("[\\r\\n]+", " "));
            r.addHeader(subject);
        }
        if (m.contentLanguage() != null && !m.contentLanguage().isBlank()) {
            r.addHeader(headers.createContentLanguageHeader(Locale.forLanguageTag(m.contentLanguage())));
        }
        ContentTypeHeader type = headers.createContentTypeHeader("text", "plain");
        type.setParameter("charset", "UTF-8");
        r.setContent(m.body(), type);
        return r;
    }

    Request options(String transport, String callId) throws ParseException, InvalidArgumentException {
        SipURI target = addresses.createSipURI(null, settings.frontEndHost());
        target.setPort(settings.frontEndPort());
        target.setTransportParam(transport);
        SipURI self = addresses.createSipURI("federationgateway", settings.listenAddress());
        Address selfAddress = addresses.createAddress(self);
        return messages.createRequest(target, Request.OPTIONS, headers.createCallIdHeader(callId), headers.createCSeqHeader(1L, Request.OPTIONS),
                headers.createFromHeader(selfAddress, tag()), headers.createToHeader(addresses.createAddress(target), null), via(transport),
                headers.createMaxForwardsHeader(70));
    }

    Response response(Request request, SipResult result) throws ParseException {
        Response r = messages.createResponse(result.status(), request);
        if (!result.reason().isBlank()) {
            r.setReasonPhrase(result.reason().replaceAll("[\\r\\n]+", " "));
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(tag());
        }
        if (result.status() == 405) {
            r.addHeader(headers.createAllowHeader(Request.MESSAGE + ", " + Request.OPTIONS));
        }
        return r;
    }

    /** Reads a MESSAGE into the translator's terms; a URI the translator cannot read is a 400. */
    SipMessage toSipMessage(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        SubjectHeader subject = (SubjectHeader) request.getHeader(SubjectHeader.NAME);
        ContentLanguageHeader language = (ContentLanguageHeader) request.getHeader(ContentLanguageHeader.NAME);
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (from == null) {
            throw new TranslationException("MESSAGE without From");
        }
        String contentType = type == null ? "text/plain" : type.getContentType() + "/" + type.getContentSubType()
                + (type.getParameter("charset") == null ? "" : ";charset=" + type.getParameter("charset"));
        byte[] body = request.getRawContent() == null ? new byte[0] : request.getRawContent();
        return new SipMessage(SipUri.parse(request.getRequestURI().toString()), SipUri.parse(from.getAddress().getURI().toString()),
                callId == null ? null : callId.getCallId(), subject == null ? null : subject.getSubject(),
                language == null ? null : language.getContentLanguage().toLanguageTag(), contentType, body);
    }

    /** The XMPP thread as Call-ID when it is a valid one (RFC 7572 Table 1); otherwise the stack's. */
    private CallIdHeader callId(String thread, String fresh) throws ParseException {
        if (thread != null && thread.matches("[A-Za-z0-9.!%*_+`'~()<>:\\\\\"/\\[\\]?{}-]+(@[A-Za-z0-9.!%*_+`'~()<>:\\\\\"/\\[\\]?{}-]+)?")) {
            return headers.createCallIdHeader(thread);
        }
        return headers.createCallIdHeader(fresh);
    }

    private List<ViaHeader> via(String transport) throws ParseException, InvalidArgumentException {
        return List.of(headers.createViaHeader(settings.listenAddress(), settings.portFor(transport), transport, null));
    }

    private javax.sip.header.RouteHeader route(String transport) throws ParseException {
        SipURI hop = addresses.createSipURI(null, settings.frontEndHost());
        hop.setPort(settings.frontEndPort());
        hop.setTransportParam(transport);
        hop.setLrParam();
        return headers.createRouteHeader(addresses.createAddress(hop));
    }

    private static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }


    // ---- presence (RFC 6665 / RFC 3856) ----

    /** SUBSCRIBE: a new subscription through the front end, or a refresh in the dialog. */
    Request subscribe(SipDialog d, long cseq, int expires, String transport) throws ParseException, InvalidArgumentException {
        boolean inDialog = d.remoteTag() != null;
        URI requestUri = addresses.createURI(inDialog && d.remoteTarget() != null ? d.remoteTarget() : d.remoteUri());
        Request r = messages.createRequest(requestUri, Request.SUBSCRIBE, headers.createCallIdHeader(d.callId()),
                headers.createCSeqHeader(cseq, Request.SUBSCRIBE), headers.createFromHeader(addresses.createAddress(d.localUri()), d.localTag()),
                headers.createToHeader(addresses.createAddress(d.remoteUri()), d.remoteTag()), via(transport), headers.createMaxForwardsHeader(70));
        if (inDialog) {
            addRoutes(r, d.routeSet());
        } else {
            r.addHeader(route(transport));
        }
        r.addHeader(headers.createEventHeader("presence"));
        r.addHeader(headers.createAcceptHeader("application", "pidf+xml"));
        r.addHeader(headers.createExpiresHeader(expires));
        r.addHeader(contact(transport));
        return r;
    }

    /** NOTIFY in a dialog where the gateway is the notifier. */
    Request notify(SipDialog d, long cseq, String subscriptionState, byte[] pidf, String transport) throws ParseException, InvalidArgumentException {
        URI requestUri = addresses.createURI(d.remoteTarget() != null ? d.remoteTarget() : d.remoteUri());
        Request r = messages.createRequest(requestUri, Request.NOTIFY, headers.createCallIdHeader(d.callId()),
                headers.createCSeqHeader(cseq, Request.NOTIFY), headers.createFromHeader(addresses.createAddress(d.localUri()), d.localTag()),
                headers.createToHeader(addresses.createAddress(d.remoteUri()), d.remoteTag()), via(transport), headers.createMaxForwardsHeader(70));
        addRoutes(r, d.routeSet());
        r.addHeader(headers.createEventHeader("presence"));
        r.addHeader(headers.createSubscriptionStateHeader(subscriptionState.split(";")[0]));
        // the parameters (expires, reason) go in as text: JAIN-SIP's header takes them one by one
        javax.sip.header.SubscriptionStateHeader ss = (javax.sip.header.SubscriptionStateHeader) r.getHeader("Subscription-State");
        for (String param : subscriptionState.split(";")) {
            String[] kv = param.split("=", 2);
            if (kv.length == 2) {
                switch (kv[0].strip()) {
                    case "expires" -> ss.setExpires(Integer.parseInt(kv[1].strip()));
                    case "reason" -> ss.setReasonCode(kv[1].strip());
                    case "retry-after" -> ss.setRetryAfter(Integer.parseInt(kv[1].strip()));
                    default -> { }
                }
            }
        }
        r.addHeader(contact(transport));
        if (pidf != null) {
            r.setContent(pidf, headers.createContentTypeHeader("application", "pidf+xml"));
        }
        return r;
    }

    Response subscribeResponse(Request request, SipResult result, String localTag, int expires) throws ParseException, InvalidArgumentException {
        Response r = messages.createResponse(result.status(), request);
        if (!result.reason().isBlank()) {
            r.setReasonPhrase(result.reason().replaceAll("[\\r\\n]+", " "));
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(localTag != null ? localTag : tag());
        }
        if (result.status() < 300) {
            r.addHeader(headers.createExpiresHeader(expires));
            r.addHeader(contact(((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toLowerCase(Locale.ROOT)));
        }
        return r;
    }

    private javax.sip.header.ContactHeader contact(String transport) throws ParseException {
        SipURI self = addresses.createSipURI("federationgateway", settings.listenAddress());
        self.setPort(settings.portFor(transport));
        self.setTransportParam(transport);
        return headers.createContactHeader(addresses.createAddress(self));
    }

    private void addRoutes(Request r, List<String> routeSet) throws ParseException {
        for (String route : routeSet) {
            r.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
        }
    }

    /** The dialog as the 2xx completed it: the notifier's tag and Contact (RFC 6665 §4.1.2.1). */
    static SipDialog completeDialog(SipDialog d, Response r) {
        if (r.getStatusCode() >= 300) {
            return d;
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        javax.sip.header.ContactHeader contact = (javax.sip.header.ContactHeader) r.getHeader(javax.sip.header.ContactHeader.NAME);
        return d.withRemote(to == null ? null : to.getTag(), contact == null ? null : contact.getAddress().getURI().toString());
    }

    static int expires(javax.sip.message.Message m, int fallback) {
        javax.sip.header.ExpiresHeader e = (javax.sip.header.ExpiresHeader) m.getHeader(javax.sip.header.ExpiresHeader.NAME);
        return e == null ? fallback : e.getExpires();
    }

    static boolean isPresenceEvent(Request r) {
        javax.sip.header.EventHeader e = (javax.sip.header.EventHeader) r.getHeader(javax.sip.header.EventHeader.NAME);
        return e != null && "presence".equalsIgnoreCase(e.getEventType());
    }

    static SipUri fromUri(Request r) {
        return SipUri.parse(((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
    }

    /** A SUBSCRIBE's dialog from the notifier's side: remote = the watcher, target = its Contact, routes = Record-Route. */
    static SipDialog watcherDialog(Request r) {
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        javax.sip.header.ContactHeader contact = (javax.sip.header.ContactHeader) r.getHeader(javax.sip.header.ContactHeader.NAME);
        List<String> routes = new java.util.ArrayList<>();
        java.util.ListIterator<?> rr = r.getHeaders(javax.sip.header.RecordRouteHeader.NAME);
        while (rr.hasNext()) {
            routes.add(((javax.sip.header.RecordRouteHeader) rr.next()).getAddress().toString());
        }
        return new SipDialog(callId(r), to.getAddress().getURI().toString(), to.getTag() == null ? "pending" : to.getTag(),
                from.getAddress().getURI().toString(), from.getTag(), contact == null ? null : contact.getAddress().getURI().toString(), routes);
    }

    static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static String header(Request r, String name) {
        javax.sip.header.Header h = r.getHeader(name);
        if (h == null) {
            return null;
        }
        String text = h.toString().strip();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).strip();
    }

    /** Whether the request's next hop (first Route, else the Request-URI) is {@code host:port}. */
    static boolean goesTo(Request r, String host, int port) {
        javax.sip.header.RouteHeader route = (javax.sip.header.RouteHeader) r.getHeader(javax.sip.header.RouteHeader.NAME);
        URI hop = route != null ? route.getAddress().getURI() : r.getRequestURI();
        if (!(hop instanceof SipURI sip)) {
            return false;
        }
        int hopPort = sip.getPort() > 0 ? sip.getPort() : 5060;
        return sip.getHost().equals(host) && hopPort == port;
    }
}
