package org.federationgateway.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;

/**
 * A hostile or broken XMPP server on the XEP-0114 stream: oversized, deeply nested and entity-expanding input is
 * refused with an error naming the limit (RFC 6120 §4.9.3.12 policy-violation, §11.1 no DTD), and the stanzas before
 * it are delivered. The oversized inputs are generated as streams, never held whole by the test.
 */
class StanzaReaderLimitsTest {
    private static final String HEADER = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='s1'>";
    private static final String GOOD = "<message to='a@sip.test' from='b@xmpp.test'><body>before</body></message>";

    private static InputStream stream(String before, InputStream hostile) {
        return new SequenceInputStream(new ByteArrayInputStream((HEADER + before).getBytes(StandardCharsets.UTF_8)), hostile);
    }

    /** {@code repeat} copies of {@code unit} between {@code open} and {@code close}, produced as read. */
    private static InputStream repeated(String open, String unit, long repeat, String close) {
        byte[] u = unit.getBytes(StandardCharsets.UTF_8);
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(open.getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    private long left = repeat * u.length;

                    @Override
                    public int read() {
                        return left <= 0 ? -1 : u[(int) (u.length - (left-- % u.length)) % u.length] & 0xff;
                    }
                },
                new ByteArrayInputStream(close.getBytes(StandardCharsets.UTF_8)))));
    }

    private static XMLStreamException refusedAfterTheGoodStanza(InputStream hostile) throws Exception {
        StanzaReader reader = new StanzaReader(stream(GOOD, hostile));
        assertEquals("s1", reader.readStreamHeader());
        Element first = reader.next().orElseThrow();
        assertEquals("before", first.elementText("body"), "the stanza before the hostile one is delivered");
        return assertThrows(XMLStreamException.class, reader::next);
    }

    @Test
    void aStanzaWithTenThousandElementsIsRefused() throws Exception {
        XMLStreamException e = refusedAfterTheGoodStanza(repeated("<message><body>x</body>", "<x xmlns='urn:x'/>", 10_000, "</message>"));
        assertTrue(e.getMessage().contains("more than " + StanzaReader.MAX_ELEMENTS + " elements"), e.getMessage());
    }

    @Test
    void deeplyNestedXmlIsRefused() throws Exception {
        XMLStreamException e = refusedAfterTheGoodStanza(repeated("<message>", "<x>", 100_000, ""));
        assertTrue(e.getMessage().contains("nested deeper than " + StanzaReader.MAX_DEPTH), e.getMessage());
    }

    @Test
    void aTenMegabyteBodyIsRefused() throws Exception {
        XMLStreamException e = refusedAfterTheGoodStanza(repeated("<message><body>", "0123456789", 1_000_000, "</body></message>"));
        assertTrue(e.getMessage().contains("policy-violation"), e.getMessage());
    }

    @Test
    void aTenMegabyteAttributeIsRefused() throws Exception {
        XMLStreamException e = refusedAfterTheGoodStanza(repeated("<message id='", "0123456789", 1_000_000, "'/>"));
        assertTrue(e.getMessage().contains("larger than " + StanzaReader.MAX_BYTES + " bytes"), e.getMessage());
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        String lol = "<?xml version='1.0'?><!DOCTYPE s [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                + "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>";
        StanzaReader reader = new StanzaReader(new ByteArrayInputStream((lol + HEADER + "<message><body>&d;</body></message>")
                .getBytes(StandardCharsets.UTF_8)));
        XMLStreamException e = assertThrows(XMLStreamException.class, () -> {
            reader.readStreamHeader();
            reader.next();
        });
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the refusal says why");
    }

    @Test
    void stanzasWithinTheLimitsAreReadWhole() throws Exception {
        StringBuilder big = new StringBuilder("<message><body>");
        big.append("y".repeat(StanzaReader.MAX_CHARS / 2)).append("</body>");
        big.append("<x xmlns='urn:x'/>".repeat(StanzaReader.MAX_ELEMENTS - 3)).append("</message>");
        StanzaReader reader = new StanzaReader(stream(big.toString(), new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8))));
        reader.readStreamHeader();
        Element m = reader.next().orElseThrow();
        assertEquals(StanzaReader.MAX_CHARS / 2, m.elementText("body").length(), "text that came in parts is whole");
        assertEquals(StanzaReader.MAX_ELEMENTS - 2, m.elements().size());
        assertEquals("before", reader.next().orElseThrow().elementText("body"), "the next stanza is read too");
    }
}
