package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import javax.sip.SipFactory;
import javax.sip.header.AllowHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.TranslationException;
import org.junit.jupiter.api.Test;

/**
 * The SIP adapter's pure parts, driven in memory with JAIN-SIP's factories and parsed requests: no stack, no socket.
 */
class SipMessagesInMemoryTest {
    private static final SipEndpointSettings SETTINGS = new SipEndpointSettings("127.0.0.2", 5070, List.of("udp", "tcp"), "127.0.0.1", 5060,
            "udp", Set.of("127.0.0.1"), Duration.ofSeconds(30), "in-memory");
    private static final HeaderBuilder BUILDER = builder();

    private static HeaderBuilder builder() {
        try {
            SipFactory f = SipFactory.getInstance();
            f.setPathName("gov.nist");
            return new HeaderBuilder(f.createAddressFactory(), f.createHeaderFactory(), f.createMessageFactory(), SETTINGS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Request parse(String text) throws Exception {
        return BUILDER.messages.createRequest(text.replace("\n", "\r\n"));
    }

    private static Request request(String method, String extraHeaders, String body) throws Exception {
        return parse(method + " sip:juliet@b.test SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\n"
                + "From: <sip:romeo@a.test>;tag=abc\n"
                + "To: <sip:juliet@b.test>\n"
                + "Call-ID: call-1@a.test\n"
                + "CSeq: 1 " + method + "\n"
                + "Max-Forwards: 70\n"
                + extraHeaders
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body);
    }

    @Test
    void rfc3261Section8_2_1_a405ListsExactlyTheRegisteredHandlers() throws Exception {
        Responder responder = new Responder(BUILDER);
        SipInbound inbound = SipInbound.messagesOnly(m -> CompletableFuture.completedFuture(SipStatus.ACCEPTED));
        RequestDispatcher dispatcher = new RequestDispatcher(null, new TrustedPeers(Set.of(), null), responder,
                RequestDispatcher.handlersFor(inbound, responder));
        Response r = dispatcher.methodNotAllowed(request("INFO", "", ""));
        assertEquals(405, r.getStatusCode());
        assertEquals(List.of("MESSAGE", "OPTIONS", "SUBSCRIBE", "NOTIFY"), allowed(r));

        RequestDispatcher imOnly = new RequestDispatcher(null, new TrustedPeers(Set.of(), null), responder,
                Map.of(Request.MESSAGE, (st, request) -> { }));
        assertEquals(List.of("MESSAGE"), allowed(imOnly.methodNotAllowed(request("INFO", "", ""))));
    }

    private static List<String> allowed(Response r) {
        List<String> methods = new java.util.ArrayList<>();
        r.getHeaders(AllowHeader.NAME).forEachRemaining(h -> methods.add(((AllowHeader) h).getMethod()));
        return methods.stream().flatMap(m -> java.util.Arrays.stream(m.split(",\\s*"))).toList();
    }

    @Test
    void rfc3428_aReceivedMessageIsReadIntoTheTranslatorsTerms() throws Exception {
        SipMessage m = ImRequests.toSipMessage(request("MESSAGE", "Subject: hello\nContent-Language: fr\nContent-Type: text/plain;charset=UTF-8\n",
                "Bonjour"));
        assertEquals(SipUri.parse("sip:juliet@b.test"), m.requestUri());
        assertEquals(SipUri.parse("sip:romeo@a.test"), m.from());
        assertEquals("call-1@a.test", m.callId());
        assertEquals("hello", m.subject());
        assertEquals("fr", m.contentLanguage());
        assertEquals("text/plain;charset=UTF-8", m.contentType());
        assertEquals("Bonjour", new String(m.body(), StandardCharsets.UTF_8));
    }

    @Test
    void rfc7247Section6_aSenderWithoutAUserPartIsATranslationErrorNamingIt() throws Exception {
        Request r = parse("MESSAGE sip:juliet@b.test SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-2\n"
                + "From: <sip:a.test>;tag=abc\n"
                + "To: <sip:juliet@b.test>\n"
                + "Call-ID: call-2@a.test\n"
                + "CSeq: 1 MESSAGE\n"
                + "Max-Forwards: 70\n"
                + "Content-Length: 0\n\n");
        TranslationException e = assertThrows(TranslationException.class, () -> ImRequests.toSipMessage(r));
        assertTrue(e.getMessage().contains("no user part"), e.getMessage());
    }

    @Test
    void rfc7572Table1_aValidThreadBecomesTheCallIdAndAnyOtherGetsTheStacksOwn() throws Exception {
        CallIdHeader kept = BUILDER.callId("thread-42@b.test", "fresh@gateway");
        assertEquals("thread-42@b.test", kept.getCallId());
        CallIdHeader fresh = BUILDER.callId("a thread with spaces", "fresh@gateway");
        assertEquals("fresh@gateway", fresh.getCallId());
        assertEquals("fresh@gateway", BUILDER.callId(null, "fresh@gateway").getCallId());
    }

    @Test
    void rfc6665Section4_1_3_notifyCarriesTheSubscriptionStateParameters() throws Exception {
        SipDialog d = new SipDialog("c-1", "sip:juliet@b.test", "l1", "sip:romeo@a.test", "r1", "sip:romeo@127.0.0.10:5080", List.of());
        Request n = new PresenceRequests(BUILDER).notify(d, 3, "terminated;reason=rejected;retry-after=30", null, "udp");
        SubscriptionStateHeader ss = (SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME);
        assertEquals("terminated", ss.getState());
        assertEquals("rejected", ss.getReasonCode());
        assertEquals(30, ss.getRetryAfter());
        assertEquals("sip:romeo@127.0.0.10:5080", n.getRequestURI().toString(), "in the dialog: to the watcher's Contact");
    }

    @Test
    void rfc6665Section4_2_1_theWatchersDialogIsSeenFromTheNotifiersSide() throws Exception {
        Request s = request("SUBSCRIBE", "Event: presence\nExpires: 600\nContact: <sip:romeo@127.0.0.10:5080>\n"
                + "Record-Route: <sip:127.0.0.1;lr>\n", "");
        SipDialog d = HeaderReader.watcherDialog(s);
        assertEquals("call-1@a.test", d.callId());
        assertEquals("sip:romeo@a.test", d.remoteUri());
        assertEquals("abc", d.remoteTag());
        assertEquals("sip:romeo@127.0.0.10:5080", d.remoteTarget());
        assertEquals(List.of("<sip:127.0.0.1;lr>"), d.routeSet());
        assertEquals("pending", d.localTag(), "no To tag yet: the gateway's tag is chosen when it answers");
        assertTrue(HeaderReader.isPresenceEvent(s));
        assertEquals(600, HeaderReader.expires(s, 3600));
        assertEquals(3600, HeaderReader.expires(request("SUBSCRIBE", "Event: presence\n", ""), 3600));
        assertFalse(HeaderReader.isPresenceEvent(request("SUBSCRIBE", "Event: dialog\n", "")));
    }

    @Test
    void aRequestGoesToItsFirstRouteElseItsRequestUri() throws Exception {
        Request routed = request("MESSAGE", "Route: <sip:127.0.0.1:5060;lr>\n", "");
        assertTrue(HeaderReader.goesTo(routed, "127.0.0.1", 5060));
        assertFalse(HeaderReader.goesTo(routed, "b.test", 5060));
        Request direct = request("MESSAGE", "", "");
        assertTrue(HeaderReader.goesTo(direct, "b.test", 5060), "no port in the URI: 5060");
        assertNull(HeaderReader.header(direct, "Subscription-State"));
        assertEquals("call-1@a.test", HeaderReader.header(direct, "Call-ID"));
    }

    @Test
    void rfc3261Section21_4_13_a415ListsTheAcceptedTypes() throws Exception {
        Response r = new Responder(BUILDER).response(request("MESSAGE", "Content-Type: image/png\n", "x"), new SipStatus(415, "Unsupported"));
        List<String> types = new java.util.ArrayList<>();
        r.getHeaders(javax.sip.header.AcceptHeader.NAME).forEachRemaining(h -> {
            javax.sip.header.AcceptHeader a = (javax.sip.header.AcceptHeader) h;
            types.add(a.getContentType() + "/" + a.getContentSubType());
        });
        assertEquals(org.federationgateway.translate.SipContent.ACCEPTED, types);
        assertFalse(new Responder(BUILDER).response(request("MESSAGE", "", ""), SipStatus.ACCEPTED).getHeaders(
                javax.sip.header.AcceptHeader.NAME).hasNext(), "only a 415 carries Accept");
    }

    @Test
    void rfc3261Section12_2_1_1_aRefreshToTheGatewaysContactNamesItsPresentityInTo() throws Exception {
        Request refresh = parse("SUBSCRIBE sip:juliet@127.0.71.6:5060;transport=tcp SIP/2.0\n"
                + "Via: SIP/2.0/TCP 127.0.71.20:5060;branch=z9hG4bK-9\n"
                + "From: <sip:romeo@a.test>;tag=abc\n"
                + "To: <sip:juliet@b.test>;tag=gw1\n"
                + "Call-ID: call-9@a.test\n"
                + "CSeq: 2 SUBSCRIBE\n"
                + "Max-Forwards: 70\n"
                + "Event: presence\n"
                + "Content-Length: 0\n\n");
        assertEquals(SipUri.parse("sip:juliet@b.test"), HeaderReader.toUri(refresh), "not the Request-URI's host, the gateway's own");
        assertEquals("gw1", HeaderReader.toTag(refresh));
        assertNull(HeaderReader.toTag(request("SUBSCRIBE", "Event: presence\n", "")), "an initial SUBSCRIBE has no To tag");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "message/cpim                 | message/cpim",
            "application/im-iscomposing+xml | application/im-iscomposing+xml",
            "text/html;charset=UTF-8      | text/html;charset=UTF-8",
            "text/plain;charset=UTF-8     | text/plain;charset=UTF-8",
            "text/plain                   | text/plain;charset=UTF-8",
    })
    void rfc3261Section20_15_anOutgoingMessageCarriesTheContentTypeTheTranslationChose(String chosen, String sent) throws Exception {
        org.federationgateway.translate.SipMessage m = new org.federationgateway.translate.SipMessage(
                org.federationgateway.translate.SipUri.parse("sip:romeo@a.test"), org.federationgateway.translate.SipUri.parse("sip:juliet@b.test"),
                null, null, null, chosen, "x".getBytes(StandardCharsets.UTF_8));
        Request r = new ImRequests(BUILDER).message(m, "tcp", "call-ct");
        javax.sip.header.ContentTypeHeader type = (javax.sip.header.ContentTypeHeader) r.getHeader(javax.sip.header.ContentTypeHeader.NAME);
        String charset = type.getParameter("charset");
        assertEquals(sent, type.getContentType() + "/" + type.getContentSubType() + (charset == null ? "" : ";charset=" + charset));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"deflate", "deflate-raw", "gzip", "identity"})
    void rfc3261Section20_12_aCompressedBodyIsReadDecoded(String coding) throws Exception {
        byte[] text = "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] body;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        switch (coding) {
            case "deflate", "deflate-raw" -> {
                try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(out,
                        new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, coding.equals("deflate-raw")))) {
                    z.write(text);
                }
                body = out.toByteArray();
            }
            case "gzip" -> {
                try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
                    z.write(text);
                }
                body = out.toByteArray();
            }
            default -> body = text;
        }
        Request r = request("MESSAGE", "Content-Encoding: " + coding.replace("-raw", "") + "\n", "");
        r.setContent(body, BUILDER.headers.createContentTypeHeader("message", "imdn+xml"));
        assertEquals(new String(text, StandardCharsets.UTF_8), new String(ImRequests.toSipMessage(r).body(), StandardCharsets.UTF_8));
    }

    @Test
    void rfc3261Section20_12_anUnknownOrBrokenCodingIsA400NamingIt() throws Exception {
        Request unknown = request("MESSAGE", "Content-Encoding: br\n", "abc");
        org.federationgateway.translate.TranslationException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.federationgateway.translate.TranslationException.class, () -> ImRequests.toSipMessage(unknown));
        assertTrue(e.getMessage().contains("Content-Encoding br is not supported"), e.getMessage());
        Request broken = request("MESSAGE", "Content-Encoding: deflate\n", "not deflated");
        e = org.junit.jupiter.api.Assertions.assertThrows(org.federationgateway.translate.TranslationException.class,
                () -> ImRequests.toSipMessage(broken));
        assertTrue(e.getMessage().contains("does not decode as Content-Encoding deflate"), e.getMessage());
    }
}
