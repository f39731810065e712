package org.federationgateway.testing.peers;

import static org.federationgateway.testing.peers.TestNetwork.A_TEST;
import static org.federationgateway.testing.peers.TestNetwork.A_TEST_IP;
import static org.federationgateway.testing.peers.TestNetwork.B_TEST;
import static org.federationgateway.testing.peers.TestNetwork.B_TEST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The harness itself: two Prosody servers federate over real S2S in each mode, and Smack users talk across. */
class PeersProsodyS2sIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final TestHosts HOSTS = TestHosts.builder().add(A_TEST, A_TEST_IP).add(B_TEST, B_TEST_IP).build();
    private static TestCertificates certificates;

    @BeforeAll
    static void certificates() {
        certificates = TestCertificates.create(PeerDirectories.fresh("prosody-s2s-certs"));
    }

    @ParameterizedTest
    @EnumSource(S2sMode.class)
    void usersOnTwoProsodiesExchangeMessagesOverS2s(S2sMode mode) {
        try (ProsodyPeer a = prosody(A_TEST, A_TEST_IP, mode, "alice");
             ProsodyPeer b = prosody(B_TEST, B_TEST_IP, mode, "bob");
             XmppClient alice = XmppClient.connect(a.clientSettings(new XmppAccount("alice", A_TEST, "secret")));
             XmppClient bob = XmppClient.connect(b.clientSettings(new XmppAccount("bob", B_TEST, "secret")))) {
            assertEquals(mode != S2sMode.PLAIN, alice.isSecure(), "client TLS");

            alice.sendMessage("bob@b.test", "hello over s2s " + mode);
            Message got = bob.awaitMessage("hello over s2s " + mode, TIMEOUT);
            assertEquals("alice@a.test", got.getFrom().asBareJid().toString());
            bob.sendMessage("alice@a.test", "hello back " + mode);
            alice.awaitMessage("hello back " + mode, TIMEOUT);

            String log = a.log();
            switch (mode) {
                case SECURE -> {
                    // Both directions authenticated by certificate; s2s_secure_auth leaves no room for dialback.
                    assertLogged(log, ProsodyLogPatterns.SASL_EXTERNAL_OUTGOING, true);
                    assertLogged(log, ProsodyLogPatterns.SASL_EXTERNAL_INCOMING, true);
                    assertLogged(log, ProsodyLogPatterns.DIALBACK_STARTED, false);
                }
                case DIALBACK -> {
                    // TLS, but b.test's certificate does not chain to a trusted root, so dialback authenticates.
                    assertLogged(log, ProsodyLogPatterns.S2S_OUT_ENCRYPTED, true);
                    assertLogged(log, ProsodyLogPatterns.PEER_CHAIN_INVALID, true);
                    assertLogged(log, ProsodyLogPatterns.DIALBACK_STARTED, true);
                    assertLogged(log, ProsodyLogPatterns.SASL_EXTERNAL_OUTGOING, false);
                }
                case PLAIN -> {
                    assertLogged(log, ProsodyLogPatterns.S2S_OUT_ENCRYPTED, false);
                    assertLogged(log, ProsodyLogPatterns.DIALBACK_STARTED, true);
                }
            }
        }
    }

    /** The negative case: the harness's broken certificates really break S2S, and the sender hears about it. */
    @Test
    void secureModeRefusesAPeerWhoseCertificateIsSelfSigned() {
        try (ProsodyPeer a = prosody(A_TEST, A_TEST_IP, S2sMode.SECURE, "alice");
             ProsodyPeer b = ProsodyPeer.builder(B_TEST, B_TEST_IP)
                     .tls(certificates, certificates.issue(CertificateSpec.valid(B_TEST).selfSigned()))
                     .hosts(HOSTS)
                     .account("bob", "secret")
                     .directory(PeerDirectories.fresh("prosody-s2s-selfsigned/" + B_TEST))
                     .start();
             // No client for bob: his server's certificate is self-signed, so Smack would refuse it too.
             XmppClient alice = XmppClient.connect(a.clientSettings(new XmppAccount("alice", A_TEST, "secret")))) {
            alice.sendMessage("bob@b.test", "should not arrive");
            Message bounce = alice.awaitMessage(m -> m.getType() == Message.Type.error, "an error bounce", TIMEOUT);
            // RFC 6120 §8.3: the error comes back from the address it was sent to. Prosody 0.12 says
            // remote-server-timeout (not remote-server-not-found) and names the certificate in the text.
            assertEquals("bob@b.test", bounce.getFrom().asBareJid().toString());
            assertEquals(StanzaError.Condition.remote_server_timeout, bounce.getError().getCondition(), () -> bounce.toXML().toString());
            assertTrue(bounce.getError().getDescriptiveText().contains("certificate is not trusted"), () -> bounce.toXML().toString());
            assertLogged(a.log(), ProsodyLogPatterns.PEER_CHAIN_INVALID, true);
            assertFalse(b.log().contains("should not arrive"), "the message never reached b.test");
        }
    }

    @Test
    void prosodyAcceptsItsExternalComponentOnItsOwnAddressOnly() {
        try (ProsodyPeer a = ProsodyPeer.builder(A_TEST, A_TEST_IP)
                .tls(certificates, certificates.issue(A_TEST))
                .hosts(HOSTS)
                .component("sip.a.test", "component-secret", ExternalComponent.DEFAULT_PORT)
                .directory(PeerDirectories.fresh("prosody-component/" + A_TEST))
                .start()) {
            assertTrue(ComponentHandshake.accepted(A_TEST_IP, ExternalComponent.DEFAULT_PORT, "sip.a.test", "component-secret", TIMEOUT));
            assertFalse(ComponentHandshake.accepted(A_TEST_IP, ExternalComponent.DEFAULT_PORT, "sip.a.test", "wrong", TIMEOUT));
            // Prosody's default for components is 127.0.0.1: the harness must have moved it to the peer's address.
            assertFalse(Ports.isOpen("127.0.0.1", ExternalComponent.DEFAULT_PORT));
        }
    }

    private static void assertLogged(String log, Pattern pattern, boolean expected) {
        assertEquals(expected, ProsodyLogPatterns.found(pattern, log),
                () -> "a.test's log " + (expected ? "lacks" : "has") + " /" + pattern + "/:\n" + log);
    }

    private static ProsodyPeer prosody(String domain, String address, S2sMode mode, String user) {
        return ProsodyPeer.builder(domain, address)
                .mode(mode)
                .tls(certificates, certificates.issue(domain))
                .hosts(HOSTS)
                .account(user, "secret")
                .directory(PeerDirectories.fresh("prosody-s2s-" + mode.name().toLowerCase() + "/" + domain))
                .start();
    }
}
