package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.federationgateway.testing.fuzz.WellFormed;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Fuzz targets for RFC 7572 page-mode translation: any MESSAGE (request URI, From, Content-Type with parameters
 * and charsets, body, Subject, Content-Language, Call-ID) is delivered or answered with a SIP error, never
 * anything else; what is delivered is a stanza a strict XMPP server accepts, with the body's text unchanged.
 * XMPP → SIP: a message body reaches SIP as the same UTF-8 octets, and SIP → XMPP gives the text back.
 */
class MessageMappingFuzzTest {
    private static final AddressMapping ADDRESSES = new AddressMapping(new DomainMap(List.of(new DomainMap.Pair("xmpp.test", "sip.test"))));
    private static final MessageMapping MAPPING = new MessageMapping(ADDRESSES, MessageMapping.InboundType.CHAT);

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void sipMessageIsDeliveredOrAnswered(FuzzedDataProvider data) {
        String requestUri = data.consumeString(80);
        String from = data.consumeString(80);
        String contentType = data.consumeString(60);
        String subject = data.consumeBoolean() ? data.consumeString(40) : null;
        String language = data.consumeBoolean() ? data.consumeString(20) : null;
        String callId = data.consumeBoolean() ? data.consumeString(40) : null;
        byte[] body = data.consumeRemainingAsBytes();
        SipMessage in;
        try {
            in = new SipMessage(SipUri.parse(requestUri), SipUri.parse(from), callId, subject, language, contentType, body);
        } catch (TranslationException refused) {
            return; // the endpoint answers 400 with this text
        }
        MessageMapping.ToXmpp out = MAPPING.toXmpp(in);
        if (out instanceof MessageMapping.Reject r) {
            int status = r.response().status();
            assertTrue(status >= 400 && status < 500, "a refusal is a 4xx: " + status);
            assertNotNull(r.response().reason());
            assertFalse(r.response().reason().isBlank(), "a refusal says why");
            return;
        }
        Message m = ((MessageMapping.Deliver) out).message();
        WellFormed.require(m.toXML(), "the message stanza translated from SIP");
        assertEquals(ADDRESSES.toJid(in.from()), m.getFrom());
        assertEquals(ADDRESSES.toJid(in.requestUri()), m.getTo());
        if (List.of("text/plain", "text/plain;charset=UTF-8", "text/plain; charset=utf-8", "text/plain;charset=\"utf-8\"").contains(contentType)) {
            assertEquals(new String(body, StandardCharsets.UTF_8), m.getBody(), "a text/plain UTF-8 body arrives as its text");
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void xmppBodyReachesSipAndComesBack(FuzzedDataProvider data) {
        String fromNode = data.consumeString(30);
        String toNode = data.consumeString(30);
        String resource = data.consumeString(20);
        String body = data.consumeRemainingAsString();
        Message m = new Message();
        m.setType(Message.Type.chat);
        try {
            m.setFrom(new JID(fromNode, "xmpp.test", resource.isEmpty() ? null : resource));
            m.setTo(new JID(toNode, "sip.test", null));
        } catch (IllegalArgumentException notAJid) {
            return;
        }
        if (!PidfFuzzTest.xmppCanCarry(body)) {
            return; // no XMPP stream delivers such a body to the gateway
        }
        m.setBody(body);
        MessageMapping.ToSip out = MAPPING.toSip(m, true);
        if (out instanceof MessageMapping.Refuse r) {
            assertNotNull(r.text());
            return;
        }
        if (out instanceof MessageMapping.NothingToSend) {
            assertTrue(body.isBlank(), "only a message without text has nothing to send");
            return;
        }
        SipMessage sip = ((MessageMapping.Send) out).message();
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), sip.body(), "the body reaches SIP as its UTF-8 octets");
        SipMessage reply = new SipMessage(sip.from(), sip.requestUri(), sip.callId(), null, null, sip.contentType(), sip.body());
        MessageMapping.ToXmpp back = MAPPING.toXmpp(reply);
        if (back instanceof MessageMapping.Deliver d) {
            assertEquals(body, d.message().getBody(), "SIP -> XMPP gives the text back");
            WellFormed.require(d.message().toXML(), "the stanza translated back");
        } else {
            throw new AssertionError("the gateway's own MESSAGE is refused on the way back: " + ((MessageMapping.Reject) back).response());
        }
    }
}
