package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** RFC 7572 §5: text/html SHOULD become XHTML-IM (XEP-0071), filtered to XEP-0071 §7's recommended profile. */
class Rfc7572Section5XhtmlImTest {
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);

    private static String xhtml(String html) {
        String xml = XhtmlIm.fromHtml(html).asXML();
        return xml.replace("<html xmlns=\"http://jabber.org/protocol/xhtml-im\"><body xmlns=\"http://www.w3.org/1999/xhtml\">", "")
                .replace("</body></html>", "");
    }

    @ParameterizedTest(name = "§5 text/html -> XHTML-IM: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            <p>Hi <b>there</b></p>                                | <p>Hi <strong>there</strong></p>
            <i>it</i> &amp; <em>em</em>                           | <em>it</em> &amp; <em>em</em>
            line<br>break                                         | line<br/>break
            <script>alert(1)</script>safe                         | safe
            <a href="https://example.org/x?a=1&amp;b=2" onclick="x()">link</a> | <a href="https://example.org/x?a=1&amp;b=2">link</a>
            <a href="javascript:alert(1)">bad</a>                 | <a>bad</a>
            <font color="red">plain</font>                        | plain
            <img src="https://example.org/i.png" alt="pic">       | <img src="https://example.org/i.png" alt="pic"/>
            <ul><li>one<li>two</ul>                               | <ul><li>one<li>two</li></li></ul>
            <p style="color:red">s</p>                            | <p>s</p>
            a < b                                                 | a &lt; b
            <!-- note -->text                                     | text
            <html><head><title>t</title></head><body>x</body></html> | x
            """)
    void htmlIsFilteredToTheXep0071Profile(String html, String expected) {
        assertEquals(expected, xhtml(html));
    }

    @Test
    void sipHtmlBecomesBodyPlusXhtmlIm() {
        SipMessage in = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null, "text/html",
                "<p>Hello <b>Juliet</b></p>".getBytes(StandardCharsets.UTF_8));
        MessageMapping.Deliver d = (MessageMapping.Deliver) MAPPING.toXmpp(in);
        assertEquals("Hello Juliet", d.message().getBody(), "XEP-0071 §8: the plain body stays");
        Element body = XhtmlIm.of(d.message().getElement()).orElseThrow();
        assertEquals("strong", body.element("p").element("strong").getName());
        assertTrue(d.learnt().html());
    }

    @Test
    void xhtmlImBecomesTextHtmlForAnAgentThatSentHtmlAndPlainTextOtherwise() throws Exception {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        m.setBody("Hello Romeo");
        m.getElement().add(DocumentHelper.parseText("<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
                + "<p>Hello <strong>Romeo</strong> <script>x</script><a href='https://example.org'>&lt;site&gt;</a></p></body></html>").getRootElement());
        MessageMapping.Send html = (MessageMapping.Send) MAPPING.toSip(m, true, new MessageMapping.SipPeer(false, false, true));
        assertEquals(XhtmlIm.TEXT_HTML, html.message().contentType());
        assertEquals("<html><body><p>Hello <strong>Romeo</strong> <a href=\"https://example.org\">&lt;site&gt;</a></p></body></html>",
                new String(html.message().body(), StandardCharsets.UTF_8));
        MessageMapping.Send plain = (MessageMapping.Send) MAPPING.toSip(m, true, MessageMapping.SipPeer.PLAIN);
        assertEquals(MessageMapping.TEXT_PLAIN, plain.message().contentType());
        assertEquals("Hello Romeo", new String(plain.message().body(), StandardCharsets.UTF_8));
    }

    @Test
    void nestingAndSizeAreBounded() {
        String deep = "<span>".repeat(XhtmlIm.MAX_DEPTH * 2) + "x";
        Element html = XhtmlIm.fromHtml(deep);
        int depth = 0;
        Element e = html.element("body");
        while (e.element("span") != null) {
            e = e.element("span");
            depth++;
        }
        assertTrue(depth <= XhtmlIm.MAX_DEPTH, "depth " + depth);
        SipMessage in = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null, "text/html",
                ("<p>" + "x".repeat(XhtmlIm.MAX_BYTES) + "</p>").getBytes(StandardCharsets.UTF_8));
        assertEquals(413, ((MessageMapping.Reject) MAPPING.toXmpp(in)).response().status());
    }
}
