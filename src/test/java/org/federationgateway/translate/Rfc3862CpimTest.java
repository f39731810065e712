package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3862 message/cpim: §3 layout, §3.3.3 namespaces, strict refusals with a precise reason. */
class Rfc3862CpimTest {
    static byte[] crlf(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The shape liblinphone sends in its default chat mode: imdn headers before their NS declaration. */
    static final String LINPHONE = """
            From: <sip:romeo@a.test>
            To: <sip:juliet@b.test>
            DateTime: 2026-12-01T21:00:00Z
            imdn.Message-ID: AbCdEf123
            imdn.Disposition-Notification: positive-delivery, display
            NS: imdn <urn:ietf:params:imdn>

            Content-Type: text/plain;charset=UTF-8
            Content-Length: 6

            Hello!""";

    @Test
    void section3MessageHeadersContentHeadersAndContent() {
        Cpim.Message m = Cpim.parse(crlf(LINPHONE));
        assertEquals("<sip:romeo@a.test>", m.header(null, "From"));
        assertEquals("<sip:juliet@b.test>", m.header(null, "to"), "header names are case-insensitive");
        assertEquals("text/plain;charset=UTF-8", m.contentType());
        assertArrayEquals("Hello!".getBytes(StandardCharsets.UTF_8), m.content());
    }

    @Test
    void section3_3_3PrefixedHeadersResolveToTheirNamespaceWhateverThePrefix() {
        Cpim.Message m = Cpim.parse(crlf(LINPHONE.replace("imdn.", "x.").replace("NS: imdn", "NS: x")));
        assertEquals("AbCdEf123", m.header(Cpim.IMDN_NS, "Message-ID"));
        assertEquals("positive-delivery, display", m.header(Cpim.IMDN_NS, "Disposition-Notification"));
    }

    @Test
    void section3BareLineFeedsAreReadToo() {
        Cpim.Message m = Cpim.parse(LINPHONE.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("Hello!".getBytes(StandardCharsets.UTF_8), m.content());
    }

    @ParameterizedTest(name = "refused: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            no empty line after the message headers | From: <sip:a@b>                                                   | do not end with an empty line
            a header line without a colon            | Just some text\\n\\nContent-Type: text/plain\\n\\nx                   | not a CPIM header line
            a header name with a space               | Fr om: x\\n\\nContent-Type: text/plain\\n\\nx                          | not a CPIM header name
            an undeclared prefix                     | imdn.Message-ID: 1\\n\\nContent-Type: text/plain\\n\\nx                | undeclared namespace prefix
            an NS header without a URI               | NS: imdn urn:x\\n\\nContent-Type: text/plain\\n\\nx                    | NS header without <uri>
            content without Content-Type             | From: <sip:a@b>\\n\\nContent-Length: 1\\n\\nx                          | no Content-Type
            a Content-Length longer than the content | From: <sip:a@b>\\n\\nContent-Type: text/plain\\nContent-Length: 9\\n\\nx | disagrees
            a Content-Length that is not a number    | From: <sip:a@b>\\n\\nContent-Type: text/plain\\nContent-Length: x\\n\\nx | not a number
            """)
    void malformedWrappersAreRefusedNamingTheFault(String what, String text, String reason) {
        TranslationException e = assertThrows(TranslationException.class, () -> Cpim.parse(crlf(text.replace("\\n", "\n"))));
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }

    @Test
    void limitsOnSizeAndHeaderCount() {
        assertThrows(TranslationException.class, () -> Cpim.parse(new byte[Cpim.MAX_BYTES + 1]));
        String many = "X-A: 1\n".repeat(Cpim.MAX_HEADERS + 1) + "\nContent-Type: text/plain\n\nx";
        TranslationException e = assertThrows(TranslationException.class, () -> Cpim.parse(crlf(many)));
        assertTrue(e.getMessage().contains("more than " + Cpim.MAX_HEADERS), e.getMessage());
    }

    @Test
    void writtenMessageParsesBackWithItsImdnHeaders() {
        byte[] content = "Grüße".getBytes(StandardCharsets.UTF_8);
        byte[] out = Cpim.write(List.of(new Cpim.Header(null, "From", "<sip:juliet@b.test>"), new Cpim.Header(null, "To", "<sip:romeo@a.test>"),
                new Cpim.Header(Cpim.IMDN_NS, "Message-ID", "xr-abc")), "text/plain;charset=UTF-8", Map.of(), content);
        String text = new String(out, StandardCharsets.UTF_8);
        assertTrue(text.contains("NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: xr-abc\r\n\r\nContent-Type: text/plain;charset=UTF-8\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n"), text);
        Cpim.Message back = Cpim.parse(out);
        assertEquals("xr-abc", back.header(Cpim.IMDN_NS, "Message-ID"));
        assertArrayEquals(content, back.content());
    }

    @Test
    void headerValuesCannotSmuggleLines() {
        assertThrows(IllegalArgumentException.class, () -> Cpim.write(List.of(new Cpim.Header(null, "From", "<sip:a@b>\r\nTo: x")),
                "text/plain", Map.of(), new byte[0]));
    }
}
