package org.federationgateway.sip;

import java.text.ParseException;
import java.util.Locale;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentLanguageHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.SubjectHeader;
import javax.sip.message.Request;

import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.TranslationException;

/** Page-mode IM (RFC 3428): the MESSAGE the gateway sends, the OPTIONS heartbeat, and a received MESSAGE read. No I/O. */
final class ImRequests {
    private final HeaderBuilder b;

    ImRequests(HeaderBuilder builder) {
        this.b = builder;
    }

    /** A MESSAGE to the front end (Route with lr, so the Request-URI stays the user's AOR). */
    Request message(SipMessage m, String transport, String freshCallId) throws ParseException, InvalidArgumentException {
        URI requestUri = b.addresses.createURI(m.requestUri().withoutGruu().toString());
        Address from = b.addresses.createAddress(b.addresses.createURI(m.from().toString()));
        Address to = b.addresses.createAddress(requestUri);
        CallIdHeader callId = b.callId(m.callId(), freshCallId);
        Request r = b.messages.createRequest(requestUri, Request.MESSAGE, callId, b.headers.createCSeqHeader(1L, Request.MESSAGE),
                b.headers.createFromHeader(from, HeaderBuilder.tag()), b.headers.createToHeader(to, null), b.via(transport),
                b.headers.createMaxForwardsHeader(70));
        r.addHeader(b.frontEndRoute(transport));
        if (m.subject() != null && !m.subject().isBlank()) {
            SubjectHeader subject = b.headers.createSubjectHeader(m.subject().replaceAll("[\\r\\n]+", " "));
            r.addHeader(subject);
        }
        if (m.contentLanguage() != null && !m.contentLanguage().isBlank()) {
            r.addHeader(b.headers.createContentLanguageHeader(Locale.forLanguageTag(m.contentLanguage())));
        }
        ContentTypeHeader type = b.headers.createContentTypeHeader("text", "plain");
        type.setParameter("charset", "UTF-8");
        r.setContent(m.body(), type);
        return r;
    }

    /** The heartbeat's OPTIONS straight to the front end. */
    Request options(String transport, String callId) throws ParseException, InvalidArgumentException {
        SipURI target = b.addresses.createSipURI(null, b.settings.frontEndHost());
        target.setPort(b.settings.frontEndPort());
        target.setTransportParam(transport);
        SipURI self = b.addresses.createSipURI("federationgateway", b.settings.listenAddress());
        Address selfAddress = b.addresses.createAddress(self);
        return b.messages.createRequest(target, Request.OPTIONS, b.headers.createCallIdHeader(callId),
                b.headers.createCSeqHeader(1L, Request.OPTIONS), b.headers.createFromHeader(selfAddress, HeaderBuilder.tag()),
                b.headers.createToHeader(b.addresses.createAddress(target), null), b.via(transport), b.headers.createMaxForwardsHeader(70));
    }

    /** Reads a MESSAGE into the translator's terms; a URI the translator cannot read is a 400. */
    static SipMessage toSipMessage(Request request) {
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
}
