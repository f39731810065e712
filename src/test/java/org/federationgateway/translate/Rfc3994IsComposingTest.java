package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** RFC 3994 isComposing ⇄ XEP-0085 chat states by RFC 7573 §5 Tables 3 and 4. */
class Rfc3994IsComposingTest {
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);

    private static String doc(String state) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"><state>" + state
                + "</state><contenttype>text/plain</contenttype><refresh>60</refresh></isComposing>";
    }

    @ParameterizedTest(name = "RFC 7573 Table 3: isComposing {0} -> chat state {1}")
    @CsvSource({"active, composing", "idle, active"})
    void rfc7573Table3(String state, String chatState) {
        SipMessage in = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null,
                IsComposing.CONTENT_TYPE, doc(state).getBytes(StandardCharsets.UTF_8));
        MessageMapping.Deliver d = (MessageMapping.Deliver) MAPPING.toXmpp(in);
        Message m = d.message();
        assertNotNull(m.getElement().element(QName.get(chatState, IsComposing.CHAT_STATES_NS)), m.toXML());
        assertNotNull(m.getElement().element(QName.get("no-store", XmppExtensions.HINTS_NS)), "XEP-0334: not stored");
        assertNull(m.getBody());
        assertEquals(Message.Type.chat, m.getType(), "XEP-0085: chat states belong to a chat");
        assertTrue(d.learnt().isComposing(), "the agent has shown it sends (and so reads) RFC 3994");
    }

    @ParameterizedTest(name = "RFC 7573 Table 4: chat state {0} -> isComposing {1}")
    @CsvSource({"composing, active", "active, idle", "paused, idle", "inactive, idle", "gone, idle"})
    void rfc7573Table4(String chatState, String state) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        m.getElement().addElement(QName.get(chatState, IsComposing.CHAT_STATES_NS));
        MessageMapping.Send s = (MessageMapping.Send) MAPPING.toSip(m, true, new MessageMapping.SipPeer(false, true, false));
        assertEquals(IsComposing.CONTENT_TYPE, s.message().contentType());
        assertEquals(IsComposing.State.valueOf(state.toUpperCase(java.util.Locale.ROOT)), IsComposing.parse(s.message().body()));
    }

    @Test
    void chatStateInCpimForACpimAgent() {
        Message m = new Message();
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        m.getElement().addElement(QName.get("composing", IsComposing.CHAT_STATES_NS));
        MessageMapping.Send s = (MessageMapping.Send) MAPPING.toSip(m, true, new MessageMapping.SipPeer(true, true, false));
        Cpim.Message c = Cpim.parse(s.message().body());
        assertEquals(IsComposing.CONTENT_TYPE, c.contentType());
        assertEquals(IsComposing.State.ACTIVE, IsComposing.parse(c.content()));
    }

    @Test
    void chatStatesAreNotSentToAnAgentThatHasNotShownItReadsThem() {
        Message m = new Message();
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        m.getElement().addElement(QName.get("composing", IsComposing.CHAT_STATES_NS));
        MessageMapping.NothingToSend n = assertInstanceOf(MessageMapping.NothingToSend.class, MAPPING.toSip(m, true));
        assertTrue(n.why().contains("RFC 3994"), n.why());
    }

    @ParameterizedTest(name = "RFC 3994 §4 refused: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            no state        | <isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"/>                          | no <state>
            unknown state   | <isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>typing</state></isComposing> | unknown isComposing state
            wrong namespace | <isComposing xmlns="urn:x"><state>active</state></isComposing>                         | not an isComposing document
            """)
    void malformedDocumentsAreRefused(String what, String xml, String reason) {
        TranslationException e = assertThrows(TranslationException.class, () -> IsComposing.parse(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }

    @Test
    void aMalformedDocumentFromSipIsABadRequest() {
        SipMessage in = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null,
                IsComposing.CONTENT_TYPE, "<isComposing".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, ((MessageMapping.Reject) MAPPING.toXmpp(in)).response().status());
    }
}
