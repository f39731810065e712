package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end with every peer real: a Smack user on a partner server (Prosody b.test, ejabberd e.test) ⇄ S2S ⇄
 * the local Prosody a.test ⇄ the gateway as its component sip.a.test ⇄ Kamailio ⇄ a JAIN-SIP phone.
 */
class ComponentGatewayE2EIT {
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("127.0.78", "e2e", true);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void messagesBothWaysWithAProsodyPartner() {
        try (SipUserAgent romeo = lab.phone("romeo", 0); XmppClient juliet = lab.juliet()) {
            juliet.sendMessage("romeo@sip.a.test", "Hello from Prosody");
            romeo.awaitMessage("Hello from Prosody", Lab.TIMEOUT);
            assertEquals(202, romeo.sendMessage("sip:juliet@b.test", "Hello from SIP"));
            Message back = juliet.awaitMessage("Hello from SIP", Lab.TIMEOUT);
            assertEquals("romeo@sip.a.test", back.getFrom().asBareJid().toString());
        }
    }

    @Test
    void messagesBothWaysWithAnEjabberdPartner() {
        try (SipUserAgent tybalt = lab.phone("tybalt", 1); XmppClient ethan = lab.ethan()) {
            ethan.sendMessage("tybalt@sip.a.test", "Hello from ejabberd");
            tybalt.awaitMessage("Hello from ejabberd", Lab.TIMEOUT);
            assertEquals(202, tybalt.sendMessage("sip:ethan@e.test", "Hello to ejabberd"));
            ethan.awaitMessage("Hello to ejabberd", Lab.TIMEOUT);
        }
    }

    @Test
    void presenceBothWaysWithApprovalAndRemoval() {
        try (SipUserAgent mercutio = lab.phone("mercutio", 2); XmppClient juliet = lab.juliet()) {
            assertEquals(200, mercutio.publish("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:mercutio@a.test">
                      <tuple id="p"><status><basic>open</basic></status><note>Queen Mab</note></tuple>
                    </presence>""", 300));
            juliet.requestSubscription("mercutio@sip.a.test");
            juliet.awaitSubscribedTo("mercutio@sip.a.test", Lab.TIMEOUT);
            juliet.awaitPresence(p -> p.getFrom().asBareJid().toString().equals("mercutio@sip.a.test") && p.isAvailable()
                    && "Queen Mab".equals(p.getStatus()), "mercutio available", Lab.TIMEOUT);

            assertEquals(200, mercutio.subscribe("sip:juliet@b.test", 600));
            juliet.approve("mercutio@sip.a.test", Lab.TIMEOUT);
            mercutio.awaitNotify("active", body -> body.contains("<basic>open</basic>"), Lab.TIMEOUT);

            // Removal: the partner user stops watching; the gateway ends its subscription at the presence server.
            assertTrue(lab.gateway().presence().partnerWatches("juliet@b.test", "mercutio@sip.a.test"));
            juliet.unsubscribe("mercutio@sip.a.test");
            OpenfireServer.await("the gateway's subscription ended", Lab.TIMEOUT,
                    () -> !lab.gateway().presence().partnerWatches("juliet@b.test", "mercutio@sip.a.test"));
            OpenfireServer.await("the un-SUBSCRIBE at Kamailio", Lab.TIMEOUT,
                    () -> lab.kamailio().log().lines().anyMatch(l -> l.contains("SUBSCRIBE sip:a.test@" + lab.ip(5))));
        }
    }

    @Test
    void aDomainThatIsNotAPartnerIsRefusedWithAnErrorStanza() {
        try (XmppClient carol = lab.carol()) {
            carol.sendMessage("romeo@sip.a.test", "let me through");
            Message error = carol.awaitMessage(m -> m.getType() == Message.Type.error, "an error", Lab.TIMEOUT);
            assertEquals(StanzaError.Condition.forbidden, error.getError().getCondition());
            assertTrue(error.getError().getDescriptiveText() != null && !error.getError().getDescriptiveText().isBlank(), "says why");
        }
    }
}
