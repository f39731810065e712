package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kamailio, the SIP platform's proxy and presence server, stopped and started again with live subscriptions both
 * ways. It keeps its subscriptions in memory ({@code subs_db_mode 0}), so the restarted one knows none of them: the
 * gateway, which sees the front end answer its OPTIONS again, subscribes anew, and a presence change after the
 * restart reaches the partner's user without anyone subscribing again. A SIP watcher of the partner's user keeps
 * its dialog with the gateway: its connection to the proxy (which the proxy's NAT handling names in the watcher's
 * Contact) ended with the proxy, so the gateway's NOTIFYs fail until the watcher's next refresh in the dialog,
 * which carries its new Contact; then the partner user's state and next change reach it. The times are printed ("presence server restarted: ...") and recorded in docs/faults.md.
 */
class PresenceServerRestartedE2EIT {
    /** The OPTIONS heartbeat every 5 s (the shortest allowed): the outage lasts until the gateway has seen it. */
    private static final String KEEP_ALIVE_SECONDS = "5";
    private static final String PIDF = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:mercutio@a.test">
              <tuple id="p"><status><basic>open</basic></status><note>%s</note></tuple>
            </presence>""";
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("127.0.87", "presence-server-restart", false, null, Map.of("sip.keepAlive", KEEP_ALIVE_SECONDS));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static boolean fromMercutio(Presence p, String status) {
        return p.getFrom().asBareJid().toString().equals("mercutio@sip.a.test") && p.isAvailable() && status.equals(p.getStatus());
    }

    @Test
    void presenceRecoversBothWaysAfterThePresenceServerRestartsWithoutItsSubscriptions() {
        try (XmppClient juliet = lab.juliet(); SipUserAgent mercutio = lab.phone("mercutio", 0); SipUserAgent benvolio = lab.phone("benvolio", 1)) {
            assertEquals(200, mercutio.publish(PIDF.formatted("Before the restart"), 600));
            juliet.requestSubscription("mercutio@sip.a.test");
            juliet.awaitSubscribedTo("mercutio@sip.a.test", Lab.TIMEOUT);
            juliet.awaitPresence(p -> fromMercutio(p, "Before the restart"), "mercutio's presence before the restart", Lab.TIMEOUT);
            assertEquals(200, benvolio.subscribe("sip:juliet@b.test", 600));
            juliet.approve("benvolio@sip.a.test", Lab.TIMEOUT);
            SipUserAgent.Received watching = benvolio.awaitNotify("active", body -> body.contains("<basic>open</basic>"), Lab.TIMEOUT);

            lab.stopKamailio();
            OpenfireServer.await("the gateway seeing the front end down", Lab.TIMEOUT,
                    () -> lab.gateway().sipEndpoint().frontEnd().state() == SipEndpoint.FrontEndState.DOWN);
            lab.startKamailio();
            Instant up = Instant.now();
            assertTrue(lab.kamailio().log().lines().noneMatch(l -> l.contains("SUBSCRIBE sip:mercutio@a.test")),
                    "the restarted presence server starts without the gateway's subscription");
            // The phones register and publish again at the new Kamailio, as phones do when their server restarts.
            assertEquals(200, mercutio.register(300));
            assertEquals(200, benvolio.register(300));
            assertEquals(200, mercutio.publish(PIDF.formatted("After the restart"), 600));

            juliet.awaitPresence(p -> fromMercutio(p, "After the restart"), "mercutio's presence after the restart", Lab.TIMEOUT);
            Duration xmppWatcher = Duration.between(up, Instant.now());
            assertTrue(lab.kamailio().log().lines().anyMatch(l -> l.contains("SUBSCRIBE sip:mercutio@a.test")),
                    "the gateway subscribed again at the restarted presence server");
            assertTrue(juliet.firstPresence(p -> p.getType() == Presence.Type.unsubscribed).isEmpty(),
                    "juliet's subscription was never taken back");

            // benvolio's next refresh of its subscription (a phone sends it on its own before the subscription expires)
            // goes through the restarted proxy over a new connection: the gateway takes its new Contact and NOTIFYs the
            // state it knows, then every change.
            Instant refreshed = Instant.now();
            assertEquals(200, benvolio.refreshSubscription(watching, 600), "the refresh in the dialog made before the restart");
            benvolio.awaitNotify("active", body -> body.contains("<basic>open</basic>"), Lab.TIMEOUT);
            Duration refreshToState = Duration.between(refreshed, Instant.now());
            Instant changed = Instant.now();
            juliet.send(juliet.connection().getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available)
                    .setStatus("Back on the balcony").build());
            benvolio.awaitNotify("active", body -> body.contains("Back on the balcony"), Lab.TIMEOUT);
            Duration sipWatcher = Duration.between(changed, Instant.now());
            System.out.println("presence server restarted: mercutio's presence published after the restart reached juliet (XMPP watcher) "
                    + xmppWatcher.toMillis() + " ms after Kamailio was started again; benvolio's (SIP watcher) refresh in its dialog brought juliet's state in "
                    + refreshToState.toMillis() + " ms, her next change reached him in " + sipWatcher.toMillis() + " ms");
        }
    }
}
