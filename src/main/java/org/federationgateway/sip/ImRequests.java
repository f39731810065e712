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
        r.setContent(m.body(), contentType(m.contentType()));
        return r;
    }

    /** The MESSAGE's Content-Type as the translation chose it (CPIM, isComposing, HTML or text); text without a charset is UTF-8. */
    private ContentTypeHeader contentType(String mediaType) throws ParseException {
        String[] parts = (mediaType == null || mediaType.isBlank() ? "text/plain" : mediaType).split(";");
        String[] typeAndSub = parts[0].strip().split("/", 2);
        if (typeAndSub.length != 2) {
            throw new ParseException("not a media type: " + mediaType, 0);
        }
        ContentTypeHeader type = b.headers.createContentTypeHeader(typeAndSub[0], typeAndSub[1]);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].strip().split("=", 2);
            if (kv.length == 2) {
                type.setParameter(kv[0].strip(), kv[1].strip());
            }
        }
        if ("text".equalsIgnoreCase(typeAndSub[0]) && type.getParameter("charset") == null) {
            type.setParameter("charset", "UTF-8");
        }
        return type;
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
        byte[] body = decoded(request, request.getRawContent() == null ? new byte[0] : request.getRawContent());
        return new SipMessage(SipUri.parse(request.getRequestURI().toString()), SipUri.parse(from.getAddress().getURI().toString()),
                callId == null ? null : callId.getCallId(), subject == null ? null : subject.getSubject(),
                language == null ? null : language.getContentLanguage().toLanguageTag(), contentType, body);
    }

    /** Largest body accepted after decoding a Content-Encoding. */
    static final int MAX_DECODED = 1 << 20;

    /**
     * The body without its Content-Encoding (RFC 3261 §20.12): {@code deflate} (zlib, as Linphone compresses its IMDNs),
     * {@code gzip} or {@code identity}; any other coding, or a body that does not decode, is a 400 naming it.
     */
    private static byte[] decoded(Request request, byte[] body) {
        javax.sip.header.ContentEncodingHeader coding = (javax.sip.header.ContentEncodingHeader) request.getHeader(
                javax.sip.header.ContentEncodingHeader.NAME);
        if (coding == null || body.length == 0) {
            return body;
        }
        String name = coding.getEncoding().strip().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "identity" -> body;
                case "deflate" -> inflate(body, false);
                case "gzip" -> {
                    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                        yield bounded(in);
                    }
                }
                default -> throw new TranslationException("Content-Encoding " + name + " is not supported (deflate, gzip, identity)");
            };
        } catch (java.io.IOException | java.util.zip.DataFormatException e) {
            throw new TranslationException("the body does not decode as Content-Encoding " + name + ": " + e.getMessage());
        }
    }

    private static byte[] inflate(byte[] body, boolean raw) throws java.util.zip.DataFormatException, java.io.IOException {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(raw);
        try {
            inflater.setInput(body);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new java.util.zip.DataFormatException("truncated");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_DECODED) {
                    throw new java.io.IOException("more than " + MAX_DECODED + " bytes once decoded");
                }
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            if (!raw) {
                return inflate(body, true); // some agents send deflate without the zlib wrapper
            }
            throw e;
        } finally {
            inflater.end();
        }
    }

    private static byte[] bounded(java.io.InputStream in) throws java.io.IOException {
        byte[] out = in.readNBytes(MAX_DECODED + 1);
        if (out.length > MAX_DECODED) {
            throw new java.io.IOException("more than " + MAX_DECODED + " bytes once decoded");
        }
        return out;
    }
}
