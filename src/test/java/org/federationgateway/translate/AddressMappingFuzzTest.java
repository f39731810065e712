package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;

/**
 * Fuzz targets for RFC 7247 §6 address mapping both ways, XEP-0106 escaping and internationalised names.
 * Properties: every input is mapped or refused with {@link TranslationException}; SIP → XMPP → SIP → XMPP
 * is stable (the second trip changes nothing); a SIP URI read from its own text is the same URI; XEP-0106
 * unescaping undoes escaping for any string; an escaped JID localpart maps to SIP and back unchanged.
 */
class AddressMappingFuzzTest {
    private static final DomainMap DOMAINS = new DomainMap(List.of(new DomainMap.Pair("xmpp.test", "sip.test")));
    private static final AddressMapping MAPPING = new AddressMapping(DOMAINS);

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void sipUriToJidIsStable(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        SipUri uri;
        try {
            uri = SipUri.parse(text);
        } catch (TranslationException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertEquals(uri, SipUri.parse(uri.toString()), "a SIP URI reads back from its own text: " + uri);
        JID jid;
        try {
            jid = MAPPING.toJid(uri);
        } catch (TranslationException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        SipUri back = MAPPING.toSip(jid);
        assertEquals(back, SipUri.parse(back.toString()), "the SIP URI made from a JID reads back from its text: " + back);
        assertEquals(jid, MAPPING.toJid(back), "SIP -> XMPP -> SIP -> XMPP gives the same JID for " + uri);
        assertEquals(back, MAPPING.toSip(MAPPING.toJid(back)), "the second trip changes nothing for " + uri);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void xep0106UnescapingUndoesEscaping(FuzzedDataProvider data) {
        String user = data.consumeRemainingAsString();
        String escaped = AddressMapping.escapeNode(user);
        for (char forbidden : " \"&'/:<>@".toCharArray()) {
            assertFalse(escaped.indexOf(forbidden) >= 0, "XEP-0106 §4: '" + forbidden + "' never stays in a localpart: " + escaped);
        }
        assertEquals(user, AddressMapping.unescapeNode(escaped), "XEP-0106 §4.3: unescape(escape(x)) = x");
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void jidToSipAndBack(FuzzedDataProvider data) {
        String node = data.consumeString(64);
        String domain = data.consumeString(64);
        String resource = data.consumeRemainingAsString();
        JID jid;
        try {
            jid = new JID(node, domain, resource.isEmpty() ? null : resource);
        } catch (IllegalArgumentException notAJid) {
            return; // the XMPP server refuses such an address before the gateway sees it
        }
        if (DOMAINS.isMappedSipDomain(jid.getDomain())) {
            return; // the SIP side of a domain pair is no XMPP domain of the gateway's
        }
        SipUri sip;
        try {
            sip = MAPPING.toSip(jid);
        } catch (TranslationException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertEquals(sip, SipUri.parse(sip.toString()), "the SIP URI made from " + jid + " reads back from its text");
        JID back;
        try {
            back = MAPPING.toJid(sip);
        } catch (TranslationException refused) {
            throw new AssertionError("the SIP URI " + sip + " made from " + jid + " has no JID: " + refused.getMessage(), refused);
        }
        if (AddressMapping.escapeNode(AddressMapping.unescapeNode(jid.getNode())).equals(jid.getNode())) {
            assertEquals(jid, back, "an escaped localpart (XEP-0106) maps to SIP and back unchanged");
        } else {
            assertEquals(back, MAPPING.toJid(MAPPING.toSip(back)), "a JID maps to SIP and back stably");
        }
    }
}
