package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.EjabberdPeer;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
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
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String A = "127.0.78.1";
    static final String B = "127.0.78.2";
    static final String C = "127.0.78.3";
    static final String E = "127.0.78.4";
    static final String SIP_FRONT_END = "127.0.78.5";
    static final String GATEWAY = "127.0.78.6";
    static final String SECRET = "lab-secret";
    static final TestHosts HOSTS = TestHosts.builder().add("a.test", A).add("sip.a.test", A).add("b.test", B).add("c.test", C).add("e.test", E).build();

    static TestCertificates certificates;
    static ProsodyPeer local;
    static ProsodyPeer partner;
    static ProsodyPeer stranger;
    static EjabberdPeer ejabberd;
    static KamailioPeer kamailio;
    static ComponentGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.create(PeerDirectories.fresh("e2e-certs"));
        kamailio = KamailioPeer.builder("a.test", SIP_FRONT_END).gateway(GATEWAY, 5060, "tcp").directory(PeerDirectories.fresh("e2e/kamailio")).start();
        local = prosody("a.test", A, null).component("sip.a.test", SECRET, 5347).start();
        partner = prosody("b.test", B, "juliet").start();
        stranger = prosody("c.test", C, "carol").start();
        ejabberd = EjabberdPeer.builder("e.test", E).mode(S2sMode.SECURE).tls(certificates, certificates.issue("e.test")).hosts(HOSTS)
                .account("ethan", "secret").directory(PeerDirectories.fresh("e2e/e.test")).start();
        gateway = ComponentGateway.start(StandaloneConfig.from(config()));
        OpenfireServer.await("the component link", TIMEOUT, () -> gateway.componentHost().status().connected());
    }

    static ProsodyPeer.Builder prosody(String domain, String ip, String user) {
        ProsodyPeer.Builder b = ProsodyPeer.builder(domain, ip).mode(S2sMode.SECURE).tls(certificates, certificates.issue(domain)).hosts(HOSTS)
                .directory(PeerDirectories.fresh("e2e/" + domain));
        return user == null ? b : b.account(user, "secret");
    }

    static Properties config() {
        Properties p = new Properties();
        p.setProperty("component.domain", "sip.a.test");
        p.setProperty("component.server.host", A);
        p.setProperty("component.server.port", "5347");
        p.setProperty("component.secret", SECRET);
        p.setProperty("component.reconnect.minMillis", "100");
        p.setProperty("component.reconnect.maxMillis", "1000");
        p.setProperty("sip.listen.address", GATEWAY);
        p.setProperty("sip.listen.port", "5060");
        p.setProperty("sip.listen.transports", "udp,tcp");
        p.setProperty("sip.frontEnd.host", SIP_FRONT_END);
        p.setProperty("sip.frontEnd.port", "5060");
        p.setProperty("sip.frontEnd.transport", "tcp");
        p.setProperty("sip.keepAlive", "5");
        p.setProperty("db.url", "jdbc:hsqldb:mem:" + UUID.randomUUID());
        p.setProperty("policy.partners", "b.test:federated, e.test:federated");
        p.setProperty("policy.global.xmppAccess", "true");
        return p;
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, ejabberd, stranger, partner, local, kamailio}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }

    static SipUserAgent phone(String user, String ip, int port) {
        SipUserAgent ua = new SipUserAgent(user, "a.test", ip, port, "tcp", SIP_FRONT_END + ":5060");
        assertEquals(200, ua.register(300));
        return ua;
    }

    @Test
    void messagesBothWaysWithAProsodyPartner() {
        try (SipUserAgent romeo = phone("romeo", "127.0.78.10", 5080);
             XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")))) {
            juliet.sendMessage("romeo@sip.a.test", "Hello from Prosody");
            romeo.awaitMessage("Hello from Prosody", TIMEOUT);
            assertEquals(202, romeo.sendMessage("sip:juliet@b.test", "Hello from SIP"));
            Message back = juliet.awaitMessage("Hello from SIP", TIMEOUT);
            assertEquals("romeo@sip.a.test", back.getFrom().asBareJid().toString());
        }
    }

    @Test
    void messagesBothWaysWithAnEjabberdPartner() {
        try (SipUserAgent tybalt = phone("tybalt", "127.0.78.11", 5081);
             XmppClient ethan = XmppClient.connect(ejabberd.clientSettings(new XmppAccount("ethan", "e.test", "secret")))) {
            ethan.sendMessage("tybalt@sip.a.test", "Hello from ejabberd");
            tybalt.awaitMessage("Hello from ejabberd", TIMEOUT);
            assertEquals(202, tybalt.sendMessage("sip:ethan@e.test", "Hello to ejabberd"));
            ethan.awaitMessage("Hello to ejabberd", TIMEOUT);
        }
    }

    @Test
    void presenceBothWaysWithApprovalAndRemoval() {
        try (SipUserAgent mercutio = phone("mercutio", "127.0.78.12", 5082);
             XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")))) {
            assertEquals(200, mercutio.publish("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:mercutio@a.test">
                      <tuple id="p"><status><basic>open</basic></status><note>Queen Mab</note></tuple>
                    </presence>""", 300));
            juliet.requestSubscription("mercutio@sip.a.test");
            juliet.awaitSubscribedTo("mercutio@sip.a.test", TIMEOUT);
            juliet.awaitPresence(p -> p.getFrom().asBareJid().toString().equals("mercutio@sip.a.test") && p.isAvailable()
                    && "Queen Mab".equals(p.getStatus()), "mercutio available", TIMEOUT);

            assertEquals(200, mercutio.subscribe("sip:juliet@b.test", 600));
            juliet.approve("mercutio@sip.a.test", TIMEOUT);
            mercutio.awaitNotify("active", body -> body.contains("<basic>open</basic>"), TIMEOUT);

            // Removal: the partner user stops watching; the gateway ends its subscription at the presence server.
            assertTrue(gateway.presence().partnerWatches("juliet@b.test", "mercutio@sip.a.test"));
            juliet.unsubscribe("mercutio@sip.a.test");
            OpenfireServer.await("the gateway's subscription ended", TIMEOUT,
                    () -> !gateway.presence().partnerWatches("juliet@b.test", "mercutio@sip.a.test"));
            OpenfireServer.await("the un-SUBSCRIBE at Kamailio", TIMEOUT,
                    () -> kamailio.log().lines().filter(l -> l.contains("SUBSCRIBE sip:a.test@" + SIP_FRONT_END)).count() >= 1);
        }
    }

    @Test
    void aDomainThatIsNotAPartnerIsRefusedWithAnErrorStanza() {
        try (XmppClient carol = XmppClient.connect(stranger.clientSettings(new XmppAccount("carol", "c.test", "secret")))) {
            carol.sendMessage("romeo@sip.a.test", "let me through");
            Message error = carol.awaitMessage(m -> m.getType() == Message.Type.error, "an error", TIMEOUT);
            assertEquals(StanzaError.Condition.forbidden, error.getError().getCondition());
            assertTrue(error.getError().getDescriptiveText() != null && !error.getError().getDescriptiveText().isBlank(), "says why");
        }
    }
}
