package org.federationgateway.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.BaresipPeer;
import org.federationgateway.testing.peers.LinphonePeer;
import org.federationgateway.testing.peers.SipWire;
import org.federationgateway.testing.peers.SlixmppPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Third-party clients on both sides of the whole lab: baresip (Debian's baresip 1.0) registered at Kamailio as the
 * SIP user, slixmpp (python3-slixmpp) logged in at the partner's Prosody as the XMPP user, with S2S, the local
 * Prosody and the gateway as its component between them. Every address is in 127.0.71.0/24. The gateway grants
 * presence subscriptions for {@value #EXPIRY} s, so baresip refreshes them within the test.
 */
class RealClientsE2EIT {
    private static final int EXPIRY = 6;
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("127.0.71", "clients", false, null, Map.of("sip.subscriptionExpirySeconds", Integer.toString(EXPIRY)));
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
            assertTrue(m.contains("type=\"chat\""), "shown in the conversation: " + m);
        }
    }

    @Test
    void aXep0184RequestIsAnsweredOnceBaresipAcceptedTheMessage() {
        try (BaresipPeer tybalt = lab.baresip("tybalt", 1, "sip:juliet@b.test", false); SlixmppPeer juliet = lab.julietOnSlixmpp(1)) {
            juliet.raw("<message to='tybalt@sip.a.test' type='chat' id='rcpt-1'><body>Did you get this?</body>"
                    + "<request xmlns='urn:xmpp:receipts'/></message>");
            tybalt.awaitConsole(Pattern.compile("\"Did you get this\\?\""), Lab.TIMEOUT);
            String receipt = juliet.await("message", x -> x.contains("urn:xmpp:receipts") && x.contains("id=\"rcpt-1\"") && x.contains("<received"),
                    "the receipt", Lab.TIMEOUT);
            assertTrue(receipt.contains("from=\"tybalt@sip.a.test"), receipt);
        }
    }

    @Test
    void anEncryptedMessageIsRefusedWithAnErrorNamingTheMethod() {
        try (SlixmppPeer juliet = lab.julietOnSlixmpp(2)) {
            juliet.raw("<message to='romeo@sip.a.test' type='chat' id='omemo-1'><body>I sent you an OMEMO encrypted message but your client"
                    + " doesn't seem to support that.</body><encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'><iv>AAAA</iv></header>"
                    + "<payload>BBBB</payload></encrypted><encryption xmlns='urn:xmpp:eme:0' namespace='eu.siacs.conversations.axolotl'/></message>");
            String error = juliet.await("message", x -> x.contains("id=\"omemo-1\"") && x.contains("type=\"error\""), "the error", Lab.TIMEOUT);
            assertTrue(error.contains("<not-acceptable"), error);
            assertTrue(error.contains("end-to-end encrypted (OMEMO)"), error);
        }
    }

    @Test
    void discoAndXep0100AnswerForTheGatewayAndASipUser() {
        try (SlixmppPeer juliet = lab.julietOnSlixmpp(3)) {
            juliet.raw("<iq type='get' to='sip.a.test' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            String gw = juliet.await("iq", x -> x.contains("id=\"d1\""), "disco#info of the gateway", Lab.TIMEOUT);
            assertTrue(gw.contains("category=\"gateway\"") && gw.contains("jabber:iq:gateway"), gw);
            juliet.raw("<iq type='get' to='romeo@sip.a.test' id='d2'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            String user = juliet.await("iq", x -> x.contains("id=\"d2\""), "disco#info of a SIP user", Lab.TIMEOUT);
            assertTrue(user.contains("urn:xmpp:receipts") && user.contains("http://jabber.org/protocol/chatstates"), user);
            juliet.raw("<iq type='set' to='sip.a.test' id='g1'><query xmlns='jabber:iq:gateway'><prompt>sip:romeo@a.test</prompt></query></iq>");
            String jid = juliet.await("iq", x -> x.contains("id=\"g1\""), "the XEP-0100 answer", Lab.TIMEOUT);
            assertTrue(jid.contains("<jid>romeo@sip.a.test</jid>"), jid);
        }
    }

    /**
     * RFC 4480 reaches baresip: busy is its "Busy"; it reads {@code <rpid:away/>} as "Offline" (its own choice: baresip
     * 1.0 has no away state). The subscription lives through refreshes inside its dialog (RFC 6665 §4.1.2.1).
     */
    @Test
    void partnerPresenceReachesBaresipAsRpidAndSurvivesRefreshes() {
        try (SlixmppPeer juliet = lab.julietOnSlixmpp(4); BaresipPeer benvolio = lab.baresip("benvolio", 2, "sip:juliet@b.test", true)) {
            // baresip subscribes to juliet; slixmpp approves the gateway's subscription request on its own
            juliet.await("presence", x -> x.contains("from=\"benvolio@sip.a.test") && x.contains("type=\"subscribe\""), "the subscription request",
                    Lab.TIMEOUT);
            benvolio.awaitContactStatus("Online", Lab.TIMEOUT);
            juliet.presence("dnd", "In a meeting");
            benvolio.awaitContactStatus("Busy", Lab.TIMEOUT);
            juliet.presence("away", "Out");
            benvolio.awaitContactStatus("Offline", Lab.TIMEOUT);
            // two refreshes in the dialog, each answered 200 by the gateway
            OpenfireServer.await("two refreshes of benvolio's subscription", Lab.TIMEOUT, () -> refreshesAnswered(benvolio.log()) >= 2);
            // A SIP status line, not any "403" in the trace (ports, timestamps and CSeq numbers contain it too).
            assertFalse(Pattern.compile("SIP/2\\.0 403 ").matcher(benvolio.log()).find(), "no refresh was refused");
            // Each refresh followed the dialog's route set through Kamailio (which trusts nothing else to reach the gateway).
            String callId = header(lastRefresh(benvolio.log()), "Call-ID");
            assertTrue(refreshesThroughKamailio(callId) >= 2, "refreshes of " + callId + " routed by Kamailio:\n" + lab.kamailio().log());
            juliet.presence("", "Back");
            benvolio.awaitContactStatus("Online", Lab.TIMEOUT);
        }
    }

    /**
     * RFC 3261 §12.2: a refresh goes by the dialog's route set. One sent straight to the gateway from an address that
     * is not its front end is refused with 403 and the reason, and leaves the subscription as it was: the next refresh
     * through Kamailio is answered 200 and presence still flows.
     */
    @Test
    void aRefreshStraightToTheGatewayFromAnUntrustedAddressIs403AndTheSubscriptionLives() throws Exception {
        try (SlixmppPeer juliet = lab.julietOnSlixmpp(6); BaresipPeer paris = lab.baresip("paris", 4, "sip:juliet@b.test", true)) {
            juliet.await("presence", x -> x.contains("from=\"paris@sip.a.test") && x.contains("type=\"subscribe\""), "the subscription request",
                    Lab.TIMEOUT);
            paris.awaitContactStatus("Online", Lab.TIMEOUT);
            OpenfireServer.await("a refresh of paris's subscription", Lab.TIMEOUT, () -> refreshesAnswered(paris.log()) >= 1);
            String refresh = lastRefresh(paris.log());
            long cseq = Long.parseLong(header(refresh, "CSeq").split(" ")[0]);
            // the same dialog, a CSeq far ahead of paris's own, sent from an address in the lab that is not Kamailio's
            String forged = refresh.lines().findFirst().orElseThrow() + "\r\n"
                    + "Via: SIP/2.0/TCP " + lab.ip(29) + ":5999;branch=z9hG4bK-forged-" + cseq + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: " + header(refresh, "From") + "\r\nTo: " + header(refresh, "To") + "\r\nCall-ID: " + header(refresh, "Call-ID")
                    + "\r\nCSeq: " + (cseq + 1000) + " SUBSCRIBE\r\nContact: <sip:paris@" + lab.ip(29) + ":5999;transport=tcp>\r\n"
                    + "Event: presence\r\nExpires: " + EXPIRY + "\r\nContent-Length: 0\r\n\r\n";
            String answer = SipWire.send(lab.ip(29), lab.ip(6), 5060, forged, Lab.TIMEOUT);
            assertTrue(answer.startsWith("SIP/2.0 403 Not a trusted peer\r\n"), answer);
            String callId = header(refresh, "Call-ID");
            long routedBefore = refreshesThroughKamailio(callId);
            int before = refreshesAnswered(paris.log());
            OpenfireServer.await("paris's next refresh, through Kamailio and answered 200", Lab.TIMEOUT,
                    () -> refreshesThroughKamailio(callId) > routedBefore && refreshesAnswered(paris.log()) > before);
            assertFalse(Pattern.compile("SIP/2\\.0 (403|481|500) ").matcher(paris.log()).find(), "paris's own refreshes were all answered 200");
            juliet.presence("dnd", "Busy now");
            paris.awaitContactStatus("Busy", Lab.TIMEOUT);
        }
    }

    /**
     * Linphone (linphonec 5.1) in its default chat mode, CPIM (RFC 3862) with IMDN requests (RFC 5438): its message
     * reaches slixmpp with a XEP-0184 request, slixmpp's receipt reaches Linphone as an IMDN delivery notification
     * (the message becomes "delivered to user"), and a message from slixmpp that asks for a receipt is answered by
     * Linphone's own IMDN. Linphone's namespace has no link but loopback.
     */
    @Test
    void linphoneImBothWaysInCpimWithImdnDeliveryNotifications() {
        try (SlixmppPeer juliet = lab.julietOnSlixmpp(7); LinphonePeer linus = lab.linphone("linus", 0, List.of())) {
            assertEquals(List.of("lo"), linus.namespaceLinks(Lab.TIMEOUT), "linphonec's network namespace has loopback only");
            linus.chat("sip:juliet@b.test", "Hello from Linphone");
            String m = juliet.await("message", x -> x.contains("<body>Hello from Linphone</body>"), "linus's message", Lab.TIMEOUT);
            assertTrue(m.contains("from=\"linus@sip.a.test"), m);
            assertTrue(Pattern.compile("(?s)MESSAGE sip:juliet@b\\.test SIP/2\\.0\\r?\\n(?:[^\\r\\n]+\\r?\\n)*?Content-Type: message/cpim")
                    .matcher(linus.log()).find(), "Linphone sent CPIM");
            assertTrue(m.contains("urn:xmpp:receipts") && m.contains("<request"), "its IMDN request as a XEP-0184 request: " + m);
            String id = attribute(m, "id");
            juliet.raw("<message to='linus@sip.a.test' id='ack-" + id + "'><received xmlns='urn:xmpp:receipts' id='" + id + "'/></message>");
            linus.awaitLog(Pattern.compile("moving from \\w+ to DeliveredToUser"), Lab.TIMEOUT);

            juliet.raw("<message to='linus@sip.a.test' type='chat' id='to-linus-1'><body>Hello Linphone</body>"
                    + "<request xmlns='urn:xmpp:receipts'/></message>");
            linus.awaitConsole(Pattern.compile("sip:juliet@b\\.test.*Hello Linphone"), Lab.TIMEOUT);
            String receipt = juliet.await("message", x -> x.contains("urn:xmpp:receipts") && x.contains("<received") && x.contains("to-linus-1"),
                    "the receipt for Linphone", Lab.TIMEOUT);
            assertTrue(receipt.contains("from=\"linus@sip.a.test"), receipt);
            assertTrue(Pattern.compile("(?s)Content-Type: message/imdn\\+xml.*?<delivered").matcher(linus.log()).find(),
                    "the receipt came from Linphone's IMDN");
        }
    }

    /**
     * RFC 4480 reaches Linphone: dnd is its "Busy"/"Do not disturb", away its "Away"; the subscription lives through
     * refreshes that Kamailio routes by the dialog's route set back to Linphone's relay connection.
     */
    @Test
    void partnerPresenceReachesLinphoneAsRpidAndSurvivesRefreshesThroughKamailio() {
        try (SlixmppPeer juliet = lab.julietOnSlixmpp(8); LinphonePeer laurence = lab.linphone("laurence", 1, List.of("sip:juliet@b.test"))) {
            juliet.await("presence", x -> x.contains("from=\"laurence@sip.a.test") && x.contains("type=\"subscribe\""), "the subscription request",
                    Lab.TIMEOUT);
            laurence.awaitConsole(Pattern.compile("Friend [^\\n]* is Online"), Lab.TIMEOUT);
            int mark = laurence.console().length();
            juliet.presence("dnd", "In a meeting");
            laurence.awaitConsoleSince(mark, Pattern.compile("Friend [^\\n]* is (Busy|Do not disturb)"), Lab.TIMEOUT);
            mark = laurence.console().length();
            juliet.presence("away", "Out");
            laurence.awaitConsoleSince(mark, Pattern.compile("Friend [^\\n]* is Away"), Lab.TIMEOUT);
            String callId = linphoneSubscription(laurence.log(), "sip:juliet@b.test");
            OpenfireServer.await("two refreshes of laurence's subscription through Kamailio", Lab.TIMEOUT,
                    () -> refreshesThroughKamailio(callId) >= 2);
            assertFalse(Pattern.compile("SIP/2\\.0 (403|481) ").matcher(laurence.log()).find(), "no refresh was refused");
            mark = laurence.console().length();
            juliet.presence("", "Back");
            laurence.awaitConsoleSince(mark, Pattern.compile("Friend [^\\n]* is Online"), Lab.TIMEOUT);
        }
    }

    /** Linphone publishes its presence at Kamailio (RFC 3903); the partner's user sees it online, then offline when it quits. */
    @Test
    void linphonesOwnPresenceReachesTheXmppUser() {
        try (LinphonePeer lorenzo = lab.linphone("lorenzo", 2, List.of()); SlixmppPeer juliet = lab.julietOnSlixmpp(9)) {
            lorenzo.awaitLog(Pattern.compile("Publish refresher \\[200\\]"), Lab.TIMEOUT);
            juliet.subscribe("lorenzo@sip.a.test");
            juliet.await("presence", x -> x.contains("from=\"lorenzo@sip.a.test") && !x.contains("type="), "lorenzo available", Lab.TIMEOUT);
            lorenzo.close();
            juliet.await("presence", x -> x.contains("from=\"lorenzo@sip.a.test") && x.contains("type=\"unavailable\""), "lorenzo offline",
                    Lab.TIMEOUT);
        }
    }

    /** The Call-ID of Linphone's subscription to {@code presentity}, from its SIP trace. */
    private static String linphoneSubscription(String log, String presentity) {
        Matcher m = Pattern.compile("(?s)SUBSCRIBE " + Pattern.quote(presentity) + " SIP/2\\.0\\r?\\n(?:[^\\r\\n]+\\r?\\n)*?Call-ID: (\\S+)").matcher(log);
        if (!m.find()) {
            throw new AssertionError("no SUBSCRIBE to " + presentity + " in Linphone's trace");
        }
        return m.group(1);
    }

    private static String attribute(String xml, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + xml);
        }
        return m.group(1);
    }

    /** In-dialog SUBSCRIBEs of the dialog {@code callId} that Kamailio routed by their route set, per its log. */
    private static long refreshesThroughKamailio(String callId) {
        return lab.kamailio().log().lines().filter(l -> l.contains("in-dialog SUBSCRIBE ") && l.contains(" Call-ID " + callId + " from ")).count();
    }

    /** The last in-dialog SUBSCRIBE (one with a To tag) baresip sent, from its start line to the end of its headers. */
    private static String lastRefresh(String log) {
        Matcher m = Pattern.compile("(?s)(SUBSCRIBE sip:\\S+ SIP/2\\.0\\r?\\n.*?)\\r?\\n\\r?\\n").matcher(log);
        String last = null;
        while (m.find()) {
            String request = m.group(1);
            if (Pattern.compile("(?mi)^To:.*;tag=").matcher(request).find()) {
                last = request;
            }
        }
        if (last == null) {
            throw new AssertionError("no refresh in baresip's trace:\n" + log);
        }
        return last;
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + ":\\s*(.*?)\\s*$").matcher(message);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in\n" + message);
        }
        return m.group(1);
    }

    /** 200 answers to SUBSCRIBE with a CSeq above the first, in baresip's SIP trace. */
    private static int refreshesAnswered(String log) {
        Matcher m = Pattern.compile("SIP/2\\.0 200 OK[^#]*?CSeq: (\\d+) SUBSCRIBE").matcher(log);
        long first = -1;
        int refreshes = 0;
        while (m.find()) {
            long cseq = Long.parseLong(m.group(1));
            if (first < 0) {
                first = cseq;
            } else if (cseq > first) {
                refreshes++;
                first = cseq;
            }
        }
        return refreshes;
    }

    @Test
    void baresipsOwnPresenceReachesTheXmppUser() {
        try (BaresipPeer mercutio = lab.baresip("mercutio", 3, "sip:juliet@b.test", true); SlixmppPeer juliet = lab.julietOnSlixmpp(5)) {
            juliet.subscribe("mercutio@sip.a.test");
            juliet.await("presence", x -> x.contains("from=\"mercutio@sip.a.test") && !x.contains("type="), "mercutio available", Lab.TIMEOUT);
            mercutio.command("/presence_offline");
            juliet.await("presence", x -> x.contains("from=\"mercutio@sip.a.test") && x.contains("type=\"unavailable\""), "mercutio offline",
                    Lab.TIMEOUT);
        }
    }
}
