package org.federationgateway.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/** The gateway as an XEP-0114 component of a real Prosody: handshake, stanzas both ways, reconnect, bad secret. */
class ComponentHostIT {
    private static final String IP = "127.0.71.2";
    private static final String DOMAIN = "a.test";
    private static final String COMPONENT = "sip.a.test";
    private static final String SECRET = "component-secret";
    private static final int PORT = 5347;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static TestCertificates certificates;

    @BeforeAll
    static void certificates() {
        certificates = TestCertificates.create(PeerDirectories.fresh("component-host-certs"));
    }

    private static ProsodyPeer prosody() {
        return ProsodyPeer.builder(DOMAIN, IP)
                .mode(S2sMode.PLAIN)
                .tls(certificates, certificates.issue(DOMAIN))
                .hosts(TestHosts.builder().add(DOMAIN, IP).build())
                .account("alice", "secret")
                .component(COMPONENT, SECRET, PORT)
                .directory(PeerDirectories.fresh("component-host/" + DOMAIN))
                .start();
    }

    private static ComponentSettings settings(String secret) {
        return new ComponentSettings(IP, PORT, COMPONENT, secret, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    @Test
    void exchangesStanzasAndReconnectsAfterTheServerRestarts() throws Exception {
        BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
        ProsodyPeer server = prosody();
        try (ComponentHost host = ComponentHost.start(settings(SECRET), received::add)) {
            OpenfireServer.await("component connected", TIMEOUT, () -> host.status().connected());
            roundTrip(server, host, received, "first");

            server.close();
            OpenfireServer.await("component link seen down", TIMEOUT, () -> !host.status().connected());
            Message lost = new Message();
            lost.setTo(new JID("alice@a.test"));
            lost.setFrom(new JID("echo@" + COMPONENT));
            assertThrows(ComponentHost.NotConnectedException.class, () -> host.send(lost), "a send while down is refused, not lost");

            server = prosody();
            OpenfireServer.await("component reconnected", TIMEOUT, () -> host.status().connected());
            assertTrue(host.status().connects() >= 2);
            roundTrip(server, host, received, "after restart");
        } finally {
            server.close();
        }
    }

    @Test
    void aWrongSecretIsReportedAndNeverConnects() {
        try (ProsodyPeer server = prosody();
             ComponentHost host = ComponentHost.start(settings("wrong"), p -> { })) {
            OpenfireServer.await("a failure reported", TIMEOUT, () -> host.status().lastFailure() != null);
            assertFalse(host.status().connected());
            assertEquals(0, host.status().connects());
            assertTrue(host.status().lastFailure().contains("refused the component handshake"), host.status().lastFailure());
        }
    }

    private static void roundTrip(ProsodyPeer server, ComponentHost host, BlockingQueue<Packet> received, String text) throws Exception {
        try (XmppClient alice = XmppClient.connect(server.clientSettings(new XmppAccount("alice", DOMAIN, "secret")))) {
            alice.sendMessage("echo@" + COMPONENT, "to the gateway " + text);
            Packet in = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(in instanceof Message, "the component received the message: " + in);
            assertEquals("to the gateway " + text, ((Message) in).getBody());
            assertEquals("alice@a.test", in.getFrom().toBareJID());

            Message reply = new Message();
            reply.setFrom(new JID("echo@" + COMPONENT));
            reply.setTo(in.getFrom());
            reply.setBody("from the gateway " + text);
            host.send(reply);
            alice.awaitMessage("from the gateway " + text, TIMEOUT);
        }
    }
}
