package org.federationgateway.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.peers.BaresipPeer;
import org.federationgateway.testing.peers.SlixmppPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Third-party clients on both sides of the whole lab: baresip (Debian's baresip 1.0) registered at Kamailio as the
 * SIP user, slixmpp (python3-slixmpp) logged in at the partner's Prosody as the XMPP user, with S2S, the local
 * Prosody and the gateway as its component between them. Every address is in 127.0.71.0/24.
 */
class RealClientsE2EIT {
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("127.0.71", "clients", false);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void instantMessagesBothWaysBetweenBaresipAndSlixmpp() {
        try (BaresipPeer romeo = lab.baresip("romeo", 0, "sip:juliet@b.test", false); SlixmppPeer juliet = lab.julietOnSlixmpp(0)) {
            juliet.raw("<message to='romeo@sip.a.test' type='chat' id='im-1'><body>Hello baresip</body></message>");
            // baresip prints "<From URI>: "<text>"": the bare partner address, so one partner is one conversation
            romeo.awaitConsole(Pattern.compile("sip:juliet@b\\.test: \"Hello baresip\""), Lab.TIMEOUT);
            romeo.message("Hello slixmpp");
            String m = juliet.await("message", x -> x.contains("<body>Hello slixmpp</body>"), "romeo's message", Lab.TIMEOUT);
            assertTrue(m.contains("from=\"romeo@sip.a.test"), m);
        }
    }

    @Test
    void anEncryptedMessageIsRefusedWithAnErrorNamingTheMethod() {
        try (SlixmppPeer juliet = lab.julietOnSlixmpp(1)) {
            juliet.raw("<message to='romeo@sip.a.test' type='chat' id='omemo-1'><body>I sent you an OMEMO encrypted message but your client"
                    + " doesn't seem to support that.</body><encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'><iv>AAAA</iv></header>"
                    + "<payload>BBBB</payload></encrypted><encryption xmlns='urn:xmpp:eme:0' namespace='eu.siacs.conversations.axolotl'/></message>");
            String error = juliet.await("message", x -> x.contains("id=\"omemo-1\"") && x.contains("type=\"error\""), "the error", Lab.TIMEOUT);
            assertTrue(error.contains("<not-acceptable"), error);
            assertTrue(error.contains("end-to-end encrypted (OMEMO)"), error);
        }
    }
}
