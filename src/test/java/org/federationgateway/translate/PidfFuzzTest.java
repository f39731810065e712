package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.federationgateway.testing.fuzz.WellFormed;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Fuzz targets for RFC 3863 PIDF as the gateway reads it from SIP NOTIFY bodies and writes it for SIP watchers.
 * Properties: a document is either read or refused with {@link TranslationException} (nothing else escapes);
 * what is read becomes an XMPP presence that a strict XML reader accepts; what the gateway writes from any
 * XMPP presence it reads back with the same show, priority and status (RFC 8048 Tables 1 and 2).
 * Kept inputs: {@code PidfFuzzTestInputs/} beside this class in the test resources.
 */
class PidfFuzzTest {
    private static final JID FROM = new JID("alice@sip.test");
    private static final JID TO = new JID("bob@xmpp.test");
    private static final SipUri ENTITY = SipUri.parse("sip:bob@xmpp.test");

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anyBytesAreReadOrRefused(byte[] body) {
        Pidf.Parsed doc;
        try {
            doc = Pidf.parse(body);
        } catch (TranslationException refused) {
            assertNotNull(refused.getMessage(), "a refusal names its reason");
            return;
        }
        assertTrue(body.length <= Pidf.MAX_BYTES, "only documents within the size limit are read");
        Optional<Presence> presence = PresenceMapping.toXmpp(doc, FROM, TO, null, true);
        presence.ifPresent(p -> WellFormed.require(p.toXML(), "the presence translated from PIDF"));
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void writtenDocumentsReadBackTheSame(FuzzedDataProvider data) {
        Presence p = new Presence();
        String resource = data.consumeString(20);
        try {
            p.setFrom(new JID("bob", "xmpp.test", resource.isEmpty() ? null : resource));
        } catch (IllegalArgumentException notAResource) {
            return; // the XMPP server never hands the gateway such a JID
        }
        Presence.Show[] shows = Presence.Show.values();
        int showIndex = data.consumeInt(-1, shows.length - 1);
        if (showIndex >= 0) {
            p.setShow(shows[showIndex]);
        }
        int priority = data.consumeInt(-128, 127);
        p.setPriority(priority);
        String status = data.consumeRemainingAsString();
        if (!status.isEmpty()) {
            p.setStatus(status);
        }
        if (!xmppCanCarry(status)) {
            return; // no XMPP stream delivers such a status to the gateway
        }
        byte[] pidf = PresenceMapping.toPidf(ENTITY, List.of(p), true);
        WellFormed.require(new String(pidf, StandardCharsets.UTF_8), "the PIDF document written for SIP");
        Pidf.Parsed doc = Pidf.parse(pidf);
        Presence back = PresenceMapping.toXmpp(doc, FROM, TO, null, true).orElseThrow();
        assertEquals(p.getShow(), back.getShow(), "show survives XMPP -> PIDF -> XMPP");
        if (priority >= 0) {
            assertEquals(priority, back.getPriority(), "priority survives (RFC 8048 Tables 1 and 2)");
        }
        String expectedStatus = normalizeWhitespace(status);
        assertEquals(expectedStatus.isEmpty() ? null : expectedStatus, back.getStatus(), "status survives, whitespace normalised");
    }

    /** XML 1.0 §2.2 Char: what an XMPP stream can hold at all. */
    static boolean xmppCanCarry(String s) {
        return s.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF);
    }

    /** What dom4j's getTextTrim makes of a note: XML whitespace runs become one space, ends trimmed. */
    private static String normalizeWhitespace(String s) {
        List<String> words = new ArrayList<>();
        for (String w : s.split("[ \\t\\n\\r]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return String.join(" ", words);
    }
}
