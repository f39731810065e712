package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.federationgateway.i18n.Messages;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationMatrix;
import org.federationgateway.policy.NegotiationMatrix.Session;
import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;

/**
 * readme.html's table of accepted authentication is the matrix the code enforces, rendered in English. When the
 * rules change, regenerate it: {@code mvn -pl src -am test -Dtest=NegotiationTableTest -Dreadme.update=true}.
 */
class NegotiationTableTest {
    static final String BEGIN = "<!-- negotiation matrix: generated from NegotiationMatrix by NegotiationTableTest, do not edit -->\n";
    static final String END = "<!-- end of negotiation matrix -->";
    private static final Messages ENGLISH = new BundleMessages(Locale.ENGLISH, NegotiationTableTest.class.getClassLoader());

    @Test
    void readmeShowsTheMatrixTheCodeEnforces() throws Exception {
        Path readme = PluginRoot.resolve("readme.html");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "readme.html has the generated block");
        String expected = NegotiationTable.html(ENGLISH);
        String actual = text.substring(begin + BEGIN.length(), end);
        if (!expected.equals(actual) && Boolean.getBoolean("readme.update")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, actual, "readme.html's negotiation table differs from the matrix: regenerate it with -Dreadme.update=true");
    }

    /** The Lync row the administrator asked about: TLS Optional, SASL Required, dialback on accepts dialback. */
    @Test
    void saslRequiredWithTlsOptionalAndDialbackAcceptsDialback() {
        NegotiationMatrix.Row row = row(Negotiation.OPTIONAL, Negotiation.REQUIRED, true);
        assertTrue(row.accepts(Session.TLS_SASL_EXTERNAL));
        assertTrue(row.accepts(Session.TLS_DIALBACK));
        assertTrue(row.accepts(Session.DIALBACK_WITHOUT_TLS));
    }

    @Test
    void onlyTlsAndSaslBothRequiredMakeSaslExternalTheOnlyWay() {
        NegotiationMatrix.Row row = row(Negotiation.REQUIRED, Negotiation.REQUIRED, true);
        assertEquals(List.of(true, false, false), List.of(row.accepts(Session.TLS_SASL_EXTERNAL), row.accepts(Session.TLS_DIALBACK),
                row.accepts(Session.DIALBACK_WITHOUT_TLS)));
    }

    @Test
    void fiveCombinationsCannotBeSavedAndTheTableSaysWhy() {
        assertEquals(5, NegotiationMatrix.rows().stream().filter(r -> r.refusedKey().isPresent()).count());
        assertEquals(18, NegotiationMatrix.rows().size());
        String html = NegotiationTable.html(ENGLISH);
        assertFalse(html.contains("???"), "every text is in the bundle");
        assertTrue(html.contains("<td>Not supported</td><td>Not supported</td><td>off</td><td colspan=\"3\">cannot be saved</td>"), html);
    }

    private static NegotiationMatrix.Row row(Negotiation tls, Negotiation sasl, boolean dialback) {
        return NegotiationMatrix.rows().stream().filter(r -> r.tls() == tls && r.sasl() == sasl && r.dialback() == dialback).findFirst().orElseThrow();
    }
}
