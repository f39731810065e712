package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dom4j.DocumentHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * XEP-0380 §4's methods: an end-to-end encrypted message cannot be read by a SIP user, so it is refused with
 * not-acceptable and a text naming the method, never forwarded as its fallback body.
 */
class Xep0380EncryptedMessagesTest {
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            OMEMO (legacy namespace, with EME tag) | <encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'/></encrypted><encryption xmlns='urn:xmpp:eme:0' namespace='eu.siacs.conversations.axolotl'/> | I sent you an OMEMO encrypted message | OMEMO
            OMEMO 2 payload only                   | <encrypted xmlns='urn:xmpp:omemo:2'><header sid='1'/></encrypted> | | OMEMO
            OpenPGP for XMPP                       | <openpgp xmlns='urn:xmpp:openpgp:0'>BASE64</openpgp>              | This message is encrypted | OpenPGP for XMPP
            Legacy OpenPGP                         | <x xmlns='jabber:x:encrypted'>BASE64</x>                          | This message is encrypted | Legacy OpenPGP
            OTR by its body                        |                                                                   | ?OTR:AAMDJ+MVmSfjFZcAAAAAAQAAAAIAAADA | OTR
            OTR query                              |                                                                   | ?OTRv23? Bob has requested an Off-the-Record private conversation | OTR
            EME with an unknown namespace          | <encryption xmlns='urn:xmpp:eme:0' namespace='urn:example:crypt' name='Example'/> | encrypted | Example
            """)
    void encryptedMessagesAreRefusedNamingTheMethod(String what, String payload, String body, String method) throws Exception {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        if (body != null) {
            m.setBody(body);
        }
        if (payload != null) {
            for (Object e : DocumentHelper.parseText("<x>" + payload + "</x>").getRootElement().elements()) {
                m.getElement().add(((org.dom4j.Element) e).createCopy());
            }
        }
        MessageMapping.Refuse r = (MessageMapping.Refuse) MAPPING.toSip(m, true);
        assertEquals(StanzaCondition.NOT_ACCEPTABLE, r.condition(), what);
        assertTrue(r.text().contains("end-to-end encrypted (" + method + ")"), r.text());
    }
}
