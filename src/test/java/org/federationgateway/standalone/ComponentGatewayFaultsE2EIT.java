package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults with every peer real: Kamailio killed and restarted, the component link cut (the local Prosody
 * restarted). Every message sent meanwhile is delivered or answered with an error to its sender, and the
 * bridge recovers without a restart.
 */
class ComponentGatewayFaultsE2EIT {
    private static final int EACH_PHASE = 5;
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("127.0.79", "faults", false);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Sends {@code count} messages from juliet to a SIP user; returns their bodies' tags and stanza ids. */
    private static List<String> send(XmppClient juliet, String to, String phase, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tag = phase + "-" + i;
            ids.add(tag + "|" + juliet.sendTracked(to, "msg " + tag));
        }
        return ids;
    }

    private static long errorsFor(XmppClient juliet, List<String> sent) {
        return juliet.count(m -> m.getType() == Message.Type.error && sent.stream().anyMatch(s -> s.endsWith("|" + m.getStanzaId())));
    }

    private static long deliveredTo(SipUserAgent phone, List<String> sent) {
        return phone.count(r -> r.method().equals("MESSAGE") && sent.stream().anyMatch(s -> r.body().equals("msg " + s.substring(0, s.indexOf('|')))));
    }

    @Test
    void kamailioKilledAndRestartedEveryMessageIsDeliveredOrAnswered() {
        try (XmppClient juliet = lab.juliet(); SipUserAgent romeo = lab.phone("romeo", 0)) {
            List<String> before = send(juliet, "romeo@sip.a.test", "before", EACH_PHASE);
            OpenfireServer.await("the first messages delivered", Lab.TIMEOUT, () -> deliveredTo(romeo, before) == EACH_PHASE);
            lab.stopKamailio();
            List<String> during = send(juliet, "romeo@sip.a.test", "during", EACH_PHASE);
            OpenfireServer.await("an answer for every message sent while Kamailio was down", Lab.TIMEOUT,
                    () -> deliveredTo(romeo, during) + errorsFor(juliet, during) == during.size());
            lab.startKamailio();
            assertEquals(200, romeo.register(300), "the phone registers again at the new Kamailio");
            List<String> after = send(juliet, "romeo@sip.a.test", "after", EACH_PHASE);

            List<String> all = new ArrayList<>(before);
            all.addAll(during);
            all.addAll(after);
            OpenfireServer.await("every message delivered or answered", Lab.TIMEOUT,
                    () -> deliveredTo(romeo, all) + errorsFor(juliet, all) == all.size());
            assertEquals(EACH_PHASE, deliveredTo(romeo, after), "the bridge recovered without a restart");
            assertEquals(EACH_PHASE, deliveredTo(romeo, before));
        }
    }

    @Test
    void componentLinkCutEveryMessageIsDeliveredOrAnswered() {
        try (SipUserAgent romeo = lab.phone("romeo2", 1)) {
            // SIP -> XMPP while the component link is down: each MESSAGE gets an error response.
            lab.stopLocal();
            OpenfireServer.await("the link seen down", Lab.TIMEOUT, () -> !lab.gateway().componentHost().status().connected());
            int answeredWithError = 0;
            for (int i = 0; i < EACH_PHASE; i++) {
                int status = romeo.sendMessage("sip:juliet@b.test", "while cut " + i);
                if (status >= 300) {
                    answeredWithError++;
                }
            }
            assertEquals(EACH_PHASE, answeredWithError, "nothing accepted while the XMPP side is unreachable");

            lab.startLocal();
            lab.awaitComponent();
            try (XmppClient juliet = lab.juliet()) {
                List<String> after = send(juliet, "romeo2@sip.a.test", "relinked", EACH_PHASE);
                OpenfireServer.await("every message after the link came back delivered or answered", Lab.TIMEOUT,
                        () -> deliveredTo(romeo, after) + errorsFor(juliet, after) == after.size());
                assertEquals(EACH_PHASE, deliveredTo(romeo, after), "the bridge recovered without a restart");
                assertEquals(202, romeo.sendMessage("sip:juliet@b.test", "back again"));
                juliet.awaitMessage("back again", Lab.TIMEOUT);
            }
        }
    }
}
