package org.federationgateway.testing.peers;

import static org.federationgateway.testing.peers.TestNetwork.A_TEST;
import static org.federationgateway.testing.peers.TestNetwork.A_TEST_IP;
import static org.federationgateway.testing.peers.TestNetwork.B_TEST;
import static org.federationgateway.testing.peers.TestNetwork.EJABBERD_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: Prosody a.test and ejabberd b.test federate with certificates, and users talk across. */
class PeersEjabberdInteropIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final TestHosts HOSTS = TestHosts.builder().add(A_TEST, A_TEST_IP).add(B_TEST, EJABBERD_IP).build();
    private static TestCertificates certificates;
    private static EjabberdPeer ejabberd;

    /** Once per class: ejabberd takes a few seconds to start. */
    @BeforeAll
    static void startEjabberd() {
        certificates = TestCertificates.create(PeerDirectories.fresh("ejabberd-interop/certs"));
        ejabberd = EjabberdPeer.builder(B_TEST, EJABBERD_IP)
                .mode(S2sMode.SECURE)
                .tls(certificates, certificates.issue(B_TEST))
                .hosts(HOSTS)
                .account("bob", "secret")
                .component("sip.b.test", "component-secret", ExternalComponent.DEFAULT_PORT)
                .directory(PeerDirectories.fresh("ejabberd-interop/" + B_TEST))
                .start();
    }

    @AfterAll
    static void stopEjabberd() {
        if (ejabberd != null) {
            ejabberd.close();
        }
    }

    @Test
    void ejabberdAcceptsItsExternalComponent() {
        assertTrue(ComponentHandshake.accepted(EJABBERD_IP, ExternalComponent.DEFAULT_PORT, "sip.b.test", "component-secret", TIMEOUT));
        assertFalse(ComponentHandshake.accepted(EJABBERD_IP, ExternalComponent.DEFAULT_PORT, "sip.b.test", "wrong", TIMEOUT));
    }

    @Test
    void prosodyAndEjabberdUsersExchangeMessagesAndPresenceWithSaslExternal() {
        try (ProsodyPeer prosody = ProsodyPeer.builder(A_TEST, A_TEST_IP)
                     .mode(S2sMode.SECURE)
                     .tls(certificates, certificates.issue(A_TEST))
                     .hosts(HOSTS)
                     .account("alice", "secret")
                     .directory(PeerDirectories.fresh("ejabberd-interop/" + A_TEST))
                     .start();
             XmppClient alice = XmppClient.connect(prosody.clientSettings(new XmppAccount("alice", A_TEST, "secret")));
             XmppClient bob = XmppClient.connect(ejabberd.clientSettings(new XmppAccount("bob", B_TEST, "secret")))) {
            // Presence subscription across implementations: alice asks, bob approves, alice sees bob online.
            alice.requestSubscription("bob@b.test");
            bob.approve("alice@a.test", TIMEOUT);
            alice.awaitSubscribedTo("bob@b.test", TIMEOUT);
            alice.awaitPresence(p -> p.isAvailable() && "bob@b.test".equals(p.getFrom().asBareJid().toString()),
                    "bob's available presence", TIMEOUT);

            alice.sendMessage("bob@b.test", "hello ejabberd");
            Message got = bob.awaitMessage("hello ejabberd", TIMEOUT);
            assertEquals("alice@a.test", got.getFrom().asBareJid().toString());
            bob.sendMessage("alice@a.test", "hello prosody");
            alice.awaitMessage("hello prosody", TIMEOUT);

            ejabberd.awaitLog(Pattern.compile("Accepted inbound s2s EXTERNAL authentication a\\.test"), TIMEOUT);
            assertTrue(ProsodyLogPatterns.found(ProsodyLogPatterns.SASL_EXTERNAL_OUTGOING, prosody.log()),
                    () -> "prosody authenticated to ejabberd with SASL EXTERNAL:\n" + prosody.log());
        }
    }
}
