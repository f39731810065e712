package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.federationgateway.audit.Audit;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.SipTls;
import org.federationgateway.testing.TestBridges;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * SIP over TLS between the gateway and a real Kamailio, both ways, with certificates from a test CA; and
 * peers trusted by their certificate rather than their address. Kamailio opens its TLS connections from an
 * address other than the one it listens on, so the gateway trusts it by its certificate (fe.test), as an
 * administrator would.
 */
class SipTlsKamailioIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String KAMAILIO = "127.0.77.1";
    private static final String GATEWAY = "127.0.77.2";
    private static final int GATEWAY_TLS_PORT = 5071;

    private static TestCertificates ca;
    private static KamailioPeer kamailio;
    private static SipBridge gateway;
    private static final List<Packet> toXmpp = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.create(PeerDirectories.fresh("sip-tls-certs"));
        kamailio = KamailioPeer.builder("a.test", KAMAILIO).gateway(GATEWAY, GATEWAY_TLS_PORT, "tls").tls(ca, ca.issue("fe.test"))
                .directory(PeerDirectories.fresh("kamailio-tls")).start();
        IssuedCertificate own = ca.issue("gw.test");
        SipTls tls = new SipTls(GATEWAY_TLS_PORT, own.pkcs12().toString(), new String(own.pkcs12Password()), ca.truststore().toString(),
                new String(ca.password()), Set.of("peer.test", "fe.test"));
        gateway = TestBridges.start(TestBridges.settings(GATEWAY, 5070, List.of("udp", "tls"), KAMAILIO, 5061, "tls", Duration.ofMillis(500), tls),
                TestBridges.federatedPartnerBTest(), toXmpp::add, new Audit(10), null, "tls-it");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private static Message awaitXmpp(String body) {
        return TestBridges.take(toXmpp, Message.class, m -> body.equals(m.getBody()), "the message \"" + body + "\"", TIMEOUT);
    }

    @Test
    void messagesCrossTheTlsLinkToKamailioBothWays() {
        try (SipUserAgent alice = new SipUserAgent("alice", "a.test", "127.0.77.10", 5080, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, alice.register(300));
            Message m = new Message();
            m.setFrom(new JID("juliet@b.test/x"));
            m.setTo(new JID("alice@a.test"));
            m.setID("tls1");
            m.setBody("over TLS to Kamailio");
            gateway.accept(m);
            alice.awaitMessage("over TLS to Kamailio", TIMEOUT);
            assertTrue(kamailio.log().contains("MESSAGE sip:alice@a.test from " + GATEWAY) && kamailio.log().contains("/tls"),
                    "the gateway reached Kamailio over TLS:\n" + kamailio.log());

            assertEquals(202, alice.sendMessage("sip:juliet@b.test", "over TLS to the gateway"));
            awaitXmpp("over TLS to the gateway");
        }
    }

    @Test
    void aPeerIsTrustedByItsCertificateFromAnyAddress() {
        try (SipUserAgent peer = SipUserAgent.overTls("relay", "a.test", "127.0.77.20", 5090, ca, ca.issue("peer.test"))) {
            assertEquals(202, peer.sendMessageDirect("sip:juliet@b.test", GATEWAY, GATEWAY_TLS_PORT, "from a trusted certificate"));
            awaitXmpp("from a trusted certificate");
        }
    }

    @Test
    void aCertificateForAnotherNameIsNotTrusted() {
        long before = gateway.endpoint().refusedUntrusted();
        try (SipUserAgent stranger = SipUserAgent.overTls("stranger", "a.test", "127.0.77.21", 5091, ca, ca.issue("stranger.test"))) {
            assertEquals(403, stranger.sendMessageDirect("sip:juliet@b.test", GATEWAY, GATEWAY_TLS_PORT, "from an unknown certificate"));
        }
        assertEquals(before + 1, gateway.endpoint().refusedUntrusted());
    }
}
