package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * What SIP has no element for reaches the SIP user as text (nothing is dropped): a XEP-0308 correction is the new
 * text marked as a correction; a XEP-0066 link not in the body follows it; a RFC 6121 §5.2.4 subject without a body
 * is shown as the subject.
 */
class Xep0308Xep0066SubjectReadableTest {
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);

    private static Message message(String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        if (body != null) {
            m.setBody(body);
        }
        return m;
    }

    private static String sent(Message m) {
        return new String(((MessageMapping.Send) MAPPING.toSip(m, true)).message().body(), StandardCharsets.UTF_8);
    }

    @Test
    void xep0308CorrectionIsMarked() {
        Message m = message("Wherefore art thou, Romeo?");
        m.getElement().addElement(QName.get("replace", XmppExtensions.CORRECTION_NS)).addAttribute("id", "m1");
        assertEquals("[correction] Wherefore art thou, Romeo?", sent(m));
    }

    @ParameterizedTest(name = "XEP-0066: body {0}, url {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            See this                         | https://example.org/a.png | none        | See this\\nhttps://example.org/a.png
            https://example.org/a.png        | https://example.org/a.png | none        | https://example.org/a.png
            none                             | https://example.org/a.png | A picture   | A picture: https://example.org/a.png
            """)
    void xep0066LinkNotInTheBodyFollowsIt(String body, String url, String desc, String expected) {
        Message m = message(body);
        Element x = m.getElement().addElement(QName.get("x", XmppExtensions.OOB_NS));
        x.addElement(QName.get("url", XmppExtensions.OOB_NS)).setText(url);
        if (desc != null) {
            x.addElement(QName.get("desc", XmppExtensions.OOB_NS)).setText(desc);
        }
        assertEquals(expected.replace("\\n", "\n"), sent(m));
    }

    @Test
    void rfc6121Section5_2_4SubjectOnlyMessageIsShownAsItsSubject() {
        Message m = message(null);
        m.setSubject("Tonight");
        MessageMapping.Send s = (MessageMapping.Send) MAPPING.toSip(m, true);
        assertEquals("[subject] Tonight", new String(s.message().body(), StandardCharsets.UTF_8));
    }

    @Test
    void labelsComeFromTheGatewaysLanguage() {
        MessageMapping ru = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT, new MessageMapping.Labels() {
            @Override
            public String correction(String text) {
                return "[исправление] " + text;
            }

            @Override
            public String subject(String subject) {
                return "[тема] " + subject;
            }

            @Override
            public String link(String url, String description) {
                return url;
            }
        });
        Message m = message("текст");
        m.getElement().addElement(QName.get("replace", XmppExtensions.CORRECTION_NS)).addAttribute("id", "m1");
        assertEquals("[исправление] текст", new String(((MessageMapping.Send) ru.toSip(m, true)).message().body(), StandardCharsets.UTF_8));
    }

    @Test
    void aMessageWithNothingReadableSendsNothing() {
        assertInstanceOf(MessageMapping.NothingToSend.class, MAPPING.toSip(message(null), true));
    }
}
