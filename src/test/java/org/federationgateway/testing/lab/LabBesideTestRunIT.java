package org.federationgateway.testing.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.federationgateway.testing.peers.EjabberdPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.PrivateHosts;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppClient;
import org.junit.jupiter.api.Test;

/**
 * README's order: scripts/setup.sh leaves the lab up, then the tests run. The tests' ejabberd uses the lab's names
 * (a.test, e.test) on other addresses; each ejabberd must go on resolving its own, and the lab must still work
 * when the test's ejabberd has come and gone. Where no private mount namespace is available, the test's ejabberd
 * is refused with a message naming the lab instead, and the lab keeps its names.
 */
class LabBesideTestRunIT {
    private static final Path ETC_HOSTS = Path.of("/etc/hosts");

    @Test
    void theLabsEjabberdReachesTheLabWhileAndAfterATestEjabberdWithTheSameNamesRuns() throws Exception {
        try (Lab lab = Lab.start("127.0.93", "lab-beside", true); SipUserAgent romeo = lab.phone("romeo", 0)) {
            String hostsWithTheLab = Files.readString(ETC_HOSTS, StandardCharsets.UTF_8);
            TestCertificates ca = TestCertificates.create(PeerDirectories.fresh("lab-beside/other-certs"));
            TestHosts elsewhere = TestHosts.builder().add("a.test", "127.0.94.1").add("sip.a.test", "127.0.94.1").add("e.test", "127.0.94.4").build();
            EjabberdPeer.Builder other = EjabberdPeer.builder("e.test", "127.0.94.4").mode(S2sMode.SECURE).tls(ca, ca.issue("e.test"))
                    .hosts(elsewhere).directory(PeerDirectories.fresh("lab-beside/other-e.test"));
            if (PrivateHosts.available()) {
                try (EjabberdPeer running = other.start(); XmppClient ethan = lab.ethan()) {
                    // The lab's ejabberd opens its first connection to a.test now, while the other one maps a.test elsewhere.
                    ethan.sendMessage("romeo@sip.a.test", "while a test's ejabberd runs");
                    romeo.awaitMessage("while a test's ejabberd runs", Lab.TIMEOUT);
                }
            } else {
                IllegalStateException refused = assertThrows(IllegalStateException.class, other::start);
                assertTrue(refused.getMessage().contains("the lab is one: scripts/lab.sh down"), refused.getMessage());
            }
            assertEquals(hostsWithTheLab, Files.readString(ETC_HOSTS, StandardCharsets.UTF_8), "the test left the lab's /etc/hosts as it found it");
            try (XmppClient ethan = lab.ethan()) {
                ethan.sendMessage("romeo@sip.a.test", "after the test's ejabberd stopped");
                romeo.awaitMessage("after the test's ejabberd stopped", Lab.TIMEOUT);
                assertEquals(202, romeo.sendMessage("sip:ethan@e.test", "and back"));
                ethan.awaitMessage("and back", Lab.TIMEOUT);
            }
        }
    }
}
