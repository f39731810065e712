package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sip.SipFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.testing.fuzz.WellFormed;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.federationgateway.translate.Pidf;
import org.federationgateway.translate.PresenceMapping;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.TranslationException;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Fuzz targets for SIP requests as the endpoint receives them: raw bytes through JAIN-SIP's own message parser
 * (the one its UDP channel uses), then the endpoint's reading of MESSAGE, SUBSCRIBE and NOTIFY and the
 * translation to XMPP. Properties: a request is refused by the parser, answered with a 4xx naming the reason,
 * or translated into a stanza a strict XMPP server accepts; an answer can always be built (nothing goes
 * unanswered through an unexpected exception); a MESSAGE the gateway writes reads back with the same body.
 */
class SipRequestFuzzTest {
    private static final AddressMapping ADDRESSES = new AddressMapping(new DomainMap(List.of(new DomainMap.Pair("xmpp.test", "sip.test"))));
    private static final MessageMapping MAPPING = new MessageMapping(ADDRESSES, MessageMapping.InboundType.CHAT);
    private static final HeaderBuilder BUILDER = builder();
    static {
        // As every running stack does (SipStackLifecycle): the parser logs through slf4j, not JAIN-SIP's log4j default.
        gov.nist.core.CommonLogger.legacyLogger = new Slf4jStackLogger();
        gov.nist.core.CommonLogger.useLegacyLogger = true;
    }

    private static final ImRequests REQUESTS = new ImRequests(BUILDER);

    private static HeaderBuilder builder() {
        try {
            SipFactory f = SipFactory.getInstance();
            f.setPathName("gov.nist");
            return new HeaderBuilder(f.createAddressFactory(), f.createHeaderFactory(), f.createMessageFactory(),
                    new SipEndpointSettings("127.0.0.1", 5060, List.of("udp", "tcp"), "127.0.0.2", 5060, "tcp", Set.of("127.0.0.2"),
                            Duration.ofSeconds(30), "fuzz"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void receivedRequestIsRefusedAnsweredOrTranslated(byte[] datagram) throws ParseException {
        SIPMessage parsed;
        try {
            parsed = new StringMsgParser().parseSIPMessage(datagram, true, false, null);
        } catch (ParseException refusedByStack) {
            return;
        }
        if (!(parsed instanceof SIPRequest request) || parsed.getFrom() == null || parsed.getTo() == null
                || parsed.getCallId() == null || parsed.getCSeq() == null || parsed.getViaHeaders() == null) {
            return; // the stack drops a request without the RFC 3261 §8.1.1 headers before the endpoint sees it
        }
        SipStatus answer = switch (request.getMethod()) {
            case Request.MESSAGE -> message(request);
            case Request.SUBSCRIBE -> subscribe(request);
            case Request.NOTIFY -> notifyIn(request);
            default -> new SipStatus(405, "Method Not Allowed");
        };
        Response response = BUILDER.response(request, answer, null);
        assertEquals(answer.status(), response.getStatusCode());
        // what goes back on the wire reads back as a SIP response
        assertNotNull(new StringMsgParser().parseSIPMessage(response.toString().getBytes(StandardCharsets.UTF_8), true, false, null));
    }

    private static SipStatus message(Request request) {
        SipMessage in;
        try {
            in = ImRequests.toSipMessage(request);
        } catch (TranslationException e) {
            return new SipStatus(400, e.getMessage());
        }
        MessageMapping.ToXmpp out = MAPPING.toXmpp(in);
        if (out instanceof MessageMapping.Reject r) {
            assertTrue(r.response().status() >= 400 && r.response().status() < 500, "refused with a 4xx");
            return new SipStatus(r.response().status(), r.response().reason());
        }
        WellFormed.require(((MessageMapping.Deliver) out).message().toXML(), "the stanza translated from a received MESSAGE");
        return SipStatus.OK;
    }

    private static SipStatus subscribe(Request request) {
        if (!HeaderReader.isPresenceEvent(request)) {
            return new SipStatus(489, "Bad Event");
        }
        try {
            SipUri presentity = SipUri.parse(request.getRequestURI().toString());
            SipUri watcher = HeaderReader.fromUri(request);
            assertNotNull(HeaderReader.watcherDialog(request));
            assertTrue(HeaderReader.expires(request, 3600) >= 0, "Expires is never negative");
            ADDRESSES.toJid(presentity);
            ADDRESSES.toJid(watcher);
        } catch (TranslationException e) {
            return new SipStatus(400, e.getMessage());
        }
        return SipStatus.OK;
    }

    private static SipStatus notifyIn(Request request) {
        if (!HeaderReader.isPresenceEvent(request)) {
            return new SipStatus(489, "Bad Event");
        }
        assertNotNull(HeaderReader.callId(request));
        HeaderReader.header(request, "Subscription-State");
        String language = HeaderReader.header(request, "Content-Language");
        byte[] body = request.getRawContent();
        if (body == null) {
            return SipStatus.OK;
        }
        try {
            PresenceMapping.toXmpp(Pidf.parse(body), new JID("alice@xmpp.test"), new JID("bob@xmpp.test"), language, true)
                    .ifPresent(p -> WellFormed.require(p.toXML(), "the presence translated from a NOTIFY"));
        } catch (TranslationException e) {
            return new SipStatus(400, e.getMessage());
        }
        return SipStatus.OK;
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void sentMessageReadsBackTheSame(FuzzedDataProvider data) throws Exception {
        String fromNode = data.consumeString(30);
        String toNode = data.consumeString(30);
        String resource = data.consumeString(20);
        String thread = data.consumeBoolean() ? data.consumeString(40) : null;
        String subject = data.consumeBoolean() ? data.consumeString(40) : null;
        String body = data.consumeRemainingAsString();
        Message m = new Message();
        m.setType(Message.Type.chat);
        try {
            m.setFrom(new JID(fromNode, "xmpp.test", resource.isEmpty() ? null : resource));
            m.setTo(new JID(toNode, "sip.test", null));
        } catch (IllegalArgumentException notAJid) {
            return;
        }
        if (!xmlChars(body) || thread != null && !xmlChars(thread) || subject != null && !xmlChars(subject)) {
            return; // no XMPP stream delivers these to the gateway
        }
        m.setBody(body);
        if (thread != null) {
            m.setThread(thread);
        }
        if (subject != null) {
            m.setSubject(subject);
        }
        if (!(MAPPING.toSip(m, true) instanceof MessageMapping.Send send)) {
            return;
        }
        Request wire = REQUESTS.message(send.message(), "tcp", "fresh-call-id@127.0.0.1");
        SIPMessage parsed = new StringMsgParser().parseSIPMessage(wire.toString().getBytes(StandardCharsets.UTF_8), true, false, null);
        SipMessage read = ImRequests.toSipMessage((Request) parsed);
        assertArrayEquals(send.message().body(), read.body(), "the body octets arrive unchanged");
        assertEquals(send.message().requestUri().withoutGruu(), read.requestUri(), "Request-URI");
        assertEquals(send.message().from(), read.from(), "From with its gr parameter");
    }

    private static boolean xmlChars(String s) {
        return s.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF);
    }
}
