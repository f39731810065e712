package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;

/** RFC 7247 §6 address mapping: the RFC's own examples first, then the rules they stand for. */
class Rfc7247Section6AddressMappingTest {
    private static final AddressMapping SAME_DOMAINS = new AddressMapping(DomainMap.IDENTITY);

    @ParameterizedTest(name = "§6.4 {0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            sip:f%C3%BC@sip.example              | fü@sip.example            | §6.4 example: percent-decoded UTF-8
            sip:o'malley@sip.example             | o\\27malley@sip.example   | §6.4 example: ' escaped as \\27 (XEP-0106)
            sip:foo@sip.example;gr=bar           | foo@sip.example/bar       | §6.3/§6.4 example: gr becomes the resource
            sip:m&m@sip.example                  | m\\26m@sip.example        | §6.4 step 5: & escaped as \\26
            sip:a/b@sip.example                  | a\\2fb@sip.example        | §6.4 step 5: / escaped as \\2f
            sip:a%40b@sip.example                | a\\40b@sip.example        | an encoded @ cannot stay raw in a localpart
            <sip:Bob@SIP.Example:5060;transport=tcp> | bob@sip.example       | brackets, port and other parameters dropped; nodeprep lower-cases
            sip:bob@sip.example?subject=hi       | bob@sip.example           | URI headers are not part of the address
            sip:x%20y@sip.example;gr=urn%3Auuid%3A1 | x\\20y@sip.example/urn:uuid:1 | space escaped; gr percent-decoded
            """)
    void sipToXmpp(String sip, String jid, String rationale) {
        assertEquals(jid, SAME_DOMAINS.toJid(sip).toString(), rationale);
    }

    @ParameterizedTest(name = "§6.5 {0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            m\\26m@xmpp.example         | sip:m&m@xmpp.example             | §6.5 example: \\26 unescaped to &
            tschüss@xmpp.example       | sip:tsch%C3%BCss@xmpp.example    | §6.5 example: non-ASCII percent-encoded
            baz@xmpp.example/qux       | sip:baz@xmpp.example;gr=qux      | §6.5 example: resource becomes gr
            o\\27malley@xmpp.example    | sip:o'malley@xmpp.example        | ' is allowed in a SIP user
            a\\20b@xmpp.example         | sip:a%20b@xmpp.example           | space is not
            hash#tag@xmpp.example      | sip:hash%23tag@xmpp.example      | §6.5 step 5: # encoded for sip:
            x@xmpp.example/ноут        | sip:x@xmpp.example;gr=%D0%BD%D0%BE%D1%83%D1%82 | §6.5 step 8: non-ASCII gr encoded
            """)
    void xmppToSip(String jid, String sip, String rationale) {
        assertEquals(sip, SAME_DOMAINS.toSip(new JID(jid)).toString(), rationale);
    }

    @ParameterizedTest(name = "round trip {0}")
    @CsvSource({"fü@sip.example/phone", "o\\27malley@sip.example", "m\\26m@sip.example/a b", "плюс+1@sip.example"})
    void roundTrip(String jid) {
        assertEquals(jid, SAME_DOMAINS.toJid(SAME_DOMAINS.toSip(new JID(jid)).toString()).toString());
    }

    @Test
    void sipsIsNeverTranslatedSection8() {
        assertThrows(SipsNotTranslatedException.class, () -> SAME_DOMAINS.toJid("sips:bob@sip.example"));
    }

    @ParameterizedTest(name = "bad input: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            bob@sip.example                 | no scheme                              | is not a URI: no scheme
            sip:sip.example                 | no user part                           | has no user part
            sip:bo%G1b@sip.example          | invalid percent escape                 | invalid percent escape '%G1'
            sip:bo%C3@sip.example           | not UTF-8 after decoding (§6.4 step 4) | the user part of 'sip:bo%C3@sip.example' is not UTF-8
            tel:+123@sip.example            | unsupported scheme                     | unsupported URI scheme 'tel'
            sip:a%22%3Cb@sip.example;gr=%FF | gr not UTF-8                           | the gr parameter of
            """)
    void badUrisAreRefusedWithAReason(String uri, String rationale, String reason) {
        TranslationException e = assertThrows(TranslationException.class, () -> SAME_DOMAINS.toJid(uri), rationale);
        assertTrue(e.getMessage().contains(reason), rationale + ": the error names the reason (" + reason + "), not just any text: " + e.getMessage());
    }

    @Test
    void domainsAreMappedBothWaysAndOthersKeepTheirName() {
        AddressMapping mapped = new AddressMapping(new DomainMap(List.of(new DomainMap.Pair("sip.a.test", "a.test"))));
        assertEquals("alice@sip.a.test", mapped.toJid("sip:alice@a.test").toString());
        assertEquals("sip:alice@a.test", mapped.toSip(new JID("alice@sip.a.test")).toString());
        assertEquals("sip:bob@b.test", mapped.toSip(new JID("bob@b.test")).toString(), "a partner domain keeps its name");
        assertThrows(TranslationException.class, () -> new DomainMap(List.of(
                new DomainMap.Pair("x.test", "a.test"), new DomainMap.Pair("y.test", "a.test"))), "one SIP domain, two XMPP domains");
    }

    @Test
    void aJidWithoutLocalpartIsNoSipUser() {
        assertThrows(TranslationException.class, () -> SAME_DOMAINS.toSip(new JID("xmpp.example")));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "RFC 3261 §19.1.1 host of {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            sip:romeo@127.0.71.20:5060;transport=tcp | 127.0.71.20
            <sip:127.0.71.20:5060;transport=tcp>     | 127.0.71.20
            sip:Romeo@A.TEST?subject=x               | a.test
            sips:[::1]:5061                          | [::1]
            """)
    void hostOfAnyContact(String uri, String host) {
        org.junit.jupiter.api.Assertions.assertEquals(host, SipUri.hostOf(uri));
    }
}
