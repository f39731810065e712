package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** RFC 7572 page-mode IM, Tables 1 and 2 and the rules of §4-§7. */
class Rfc7572PageModeTest {
    private static final MessageMapping NORMAL = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.NORMAL);
    private static final MessageMapping CHAT = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);

    private static Message xmpp(String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        if (body != null) {
            m.setBody(body);
        }
        return m;
    }

    private static SipMessage sip(String contentType, byte[] body) {
        return new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test;gr=desk"), "call-1@a.test",
                "Hello", "de", contentType, body);
    }

    @Test
    void table1BodySubjectThreadLanguageAndGruu() {
        Message m = xmpp("Art thou not Romeo?");
        m.setSubject("Question");
        m.setThread("e0ffe42b28561960c6b12b944a092794b9683a38");
        m.getElement().addAttribute(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE), "en");
        SipMessage s = ((MessageMapping.Send) NORMAL.toSip(m, false)).message();
        assertEquals("sip:romeo@a.test", s.requestUri().toString(), "to -> Request-URI");
        // Table 1 puts the resource in a GRUU; SIP agents (Linphone) file a conversation per From URI, so one partner
        // became one conversation per resource. The gateway sends the bare address (replies reach the best resource).
        assertEquals("sip:juliet@b.test", s.from().toString(), "from: the bare JID, without the resource as GRUU");
        assertEquals("e0ffe42b28561960c6b12b944a092794b9683a38", s.callId(), "thread -> Call-ID");
        assertEquals("Question", s.subject(), "subject -> Subject");
        assertEquals("en", s.contentLanguage(), "xml:lang -> Content-Language");
        assertEquals("text/plain;charset=UTF-8", s.contentType(), "body -> text/plain");
        assertArrayEquals("Art thou not Romeo?".getBytes(StandardCharsets.UTF_8), s.body());
    }

    @Test
    void table2CallIdLanguageSubjectAndTypeNormal() {
        Message m = ((MessageMapping.Deliver) NORMAL.toXmpp(sip("text/plain;charset=UTF-8", "Neither, fair saint".getBytes(StandardCharsets.UTF_8)))).message();
        assertEquals(new JID("juliet@b.test"), m.getTo());
        assertEquals(new JID("romeo@a.test/desk"), m.getFrom(), "from: a full JID when the GRUU is known");
        assertEquals("call-1@a.test", m.getThread(), "Call-ID -> thread");
        assertEquals("Hello", m.getSubject());
        assertEquals("de", m.getElement().attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE)));
        assertEquals(Message.Type.normal, m.getType(), "§5: no type or normal");
        assertEquals("Neither, fair saint", m.getBody());
    }

    @Test
    void aSettingGivesChatForClientsThatHideNormalMessages() {
        Message m = ((MessageMapping.Deliver) CHAT.toXmpp(sip("text/plain", "hi".getBytes(StandardCharsets.UTF_8)))).message();
        assertEquals(Message.Type.chat, m.getType());
    }

    @ParameterizedTest(name = "§7 size {0} bytes, TCP available {1} -> {2}")
    @CsvSource({"1300,false,Send", "1301,false,Refuse", "1301,true,Send", "9000,true,Send"})
    void section7TheLimitOf1300Bytes(int size, boolean tcp, String outcome) {
        MessageMapping.ToSip r = NORMAL.toSip(xmpp("x".repeat(size)), tcp);
        assertEquals(outcome, r.getClass().getSimpleName());
        if (r instanceof MessageMapping.Refuse refuse) {
            assertEquals(StanzaCondition.POLICY_VIOLATION, refuse.condition(), "§7: policy-violation");
        }
    }

    @Test
    void theLimitCountsUtf8OctetsNotCharacters() {
        assertInstanceOf(MessageMapping.Refuse.class, NORMAL.toSip(xmpp("ж".repeat(651)), false), "651 Cyrillic letters are 1302 octets");
    }

    @Test
    void aMessageWithoutBodySendsNothingAndGroupchatIsRefused() {
        assertInstanceOf(MessageMapping.NothingToSend.class, NORMAL.toSip(xmpp(null), false));
        Message g = xmpp("hi");
        g.setType(Message.Type.groupchat);
        assertEquals(StanzaCondition.FEATURE_NOT_IMPLEMENTED, ((MessageMapping.Refuse) NORMAL.toSip(g, true)).condition());
    }

    @ParameterizedTest(name = "§5 content {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            text/plain                       | héllo                | héllo
            text/plain; charset="ISO-8859-1" | latin                | latin
            text/html                        | <p>Hi <b>there</b></p><script>x()</script>&amp; more | Hi there\\n& more
            """)
    void contentTypes(String contentType, String body, String expected) {
        byte[] octets = body.getBytes(contentType.contains("8859") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        Message m = ((MessageMapping.Deliver) NORMAL.toXmpp(sip(contentType, octets))).message();
        assertEquals(expected.replace("\\n", "\n"), m.getBody());
    }

    @ParameterizedTest(name = "{0} -> SIP {2}")
    @CsvSource(delimiter = '|', textBlock = """
            application/im-iscomposing+xml | <x/>     | 400
            application/pkcs7-mime         | x        | 415
            text/plain;charset=no-such     | hi       | 415
            text/plain                     |          | 400
            """)
    void unsupportedBodiesAreRefusedNotDropped(String contentType, String body, int status) {
        MessageMapping.Reject r = (MessageMapping.Reject) NORMAL.toXmpp(sip(contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(status, r.response().status());
    }

    @Test
    void invalidUtf8IsRefused() {
        // a supported type with a malformed body is a bad request (RFC 3261 §21.4.1), not an unsupported type
        MessageMapping.Reject r = (MessageMapping.Reject) NORMAL.toXmpp(sip("text/plain", new byte[] {(byte) 0xC3}));
        assertEquals(400, r.response().status());
    }

    @Test
    void sipsRequestsAreRefusedRfc7247Section8() {
        SipMessage s = new SipMessage(SipUri.parse("sips:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), null, null, null,
                "text/plain", "hi".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, ((MessageMapping.Reject) NORMAL.toXmpp(s)).response().status());
    }

    @Test
    void noThreadLetsTheStackChooseTheCallId() {
        assertNull(((MessageMapping.Send) NORMAL.toSip(xmpp("hi"), false)).message().callId());
    }
}
