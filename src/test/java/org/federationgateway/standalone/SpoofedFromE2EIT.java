package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.EjabberdPeer;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.RawComponentClient;
import org.federationgateway.testing.peers.RawS2sClient;
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
 * Spoofed {@code from} towards the standalone gateway, every server real: a.test (Prosody) hosts the gateway as its
 * component sip.a.test; b.test (Prosody) and e.test (ejabberd) are partners, c.test (Prosody) is not. The attacker
 * either holds a partner's certificate and speaks on a server-to-server stream authenticated as that partner, or is
 * a component of a.test itself. Each spoofed stanza is refused (by a.test's server, or by the gateway with its reason
 * code), nothing reaches the SIP phone, and an answer (a stream error, or the gateway's error stanza at the address
 * named as sender) is awaited before a genuine message shows the path still works.
 */
class SpoofedFromE2EIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PREFIX = "127.0.87.";
    private static final String SECRET = "spoof-secret";
    private static final String RELAY_SECRET = "relay-secret";
    private static final String BOT_SECRET = "bot-secret";

    private static TestCertificates certificates;
    private static KamailioPeer kamailio;
    private static ProsodyPeer local;
    private static ProsodyPeer partner;
    private static ProsodyPeer stranger;
    private static EjabberdPeer ejabberd;
    private static ComponentGateway gateway;
    private static SipUserAgent romeo;
    private static int sequence;

    private static String ip(int host) {
        return PREFIX + host;
    }

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.create(PeerDirectories.fresh("spoofing/certs"));
        TestHosts hosts = TestHosts.builder().add("a.test", ip(1)).add("sip.a.test", ip(1)).add("relay.a.test", ip(1)).add("bot.a.test", ip(1))
                .add("b.test", ip(2)).add("c.test", ip(3)).add("e.test", ip(4)).build();
        kamailio = KamailioPeer.builder("a.test", ip(5)).gateway(ip(6), 5060, "tcp").directory(PeerDirectories.fresh("spoofing/kamailio")).start();
        local = prosody("a.test", ip(1), "alice", hosts).component("sip.a.test", SECRET, 5347)
                .componentSendingAnyFrom("relay.a.test", RELAY_SECRET, 5347).component("bot.a.test", BOT_SECRET, 5347).start();
        partner = prosody("b.test", ip(2), "juliet", hosts).start();
        stranger = prosody("c.test", ip(3), "carol", hosts).start();
        ejabberd = EjabberdPeer.builder("e.test", ip(4)).mode(S2sMode.SECURE).tls(certificates, certificates.issue("e.test")).hosts(hosts)
                .account("ethan", "secret").directory(PeerDirectories.fresh("spoofing/e.test")).start();
        gateway = ComponentGateway.start(StandaloneConfig.from(gatewayConfig()));
        OpenfireServer.await("the component link", TIMEOUT, () -> gateway.componentHost().status().connected());
        romeo = new SipUserAgent("romeo", "a.test", ip(10), 5080, "tcp", ip(5) + ":5060");
        assertEquals(200, romeo.register(300));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {romeo, gateway, ejabberd, stranger, partner, local, kamailio}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }

    private static ProsodyPeer.Builder prosody(String domain, String address, String user, TestHosts hosts) {
        return ProsodyPeer.builder(domain, address).mode(S2sMode.SECURE).tls(certificates, certificates.issue(domain)).hosts(hosts)
                .account(user, "secret").directory(PeerDirectories.fresh("spoofing/" + domain));
    }

    private static Properties gatewayConfig() {
        Properties p = new Properties();
        p.setProperty("component.domain", "sip.a.test");
        p.setProperty("component.server.host", ip(1));
        p.setProperty("component.server.port", "5347");
        p.setProperty("component.secret", SECRET);
        p.setProperty("component.reconnect.minMillis", "100");
        p.setProperty("component.reconnect.maxMillis", "1000");
        p.setProperty("sip.listen.address", ip(6));
        p.setProperty("sip.listen.port", "5060");
        p.setProperty("sip.listen.transports", "tcp");
        p.setProperty("sip.frontEnd.host", ip(5));
        p.setProperty("sip.frontEnd.port", "5060");
        p.setProperty("sip.frontEnd.transport", "tcp");
        p.setProperty("db.url", "jdbc:hsqldb:mem:" + UUID.randomUUID());
        p.setProperty("policy.partners", "b.test:federated, e.test:federated");
        p.setProperty("policy.global.xmppAccess", "true");
        return p;
    }

    private static XmppClient user(ProsodyPeer server, String name, String domain) {
        return XmppClient.connect(server.clientSettings(new XmppAccount(name, domain, "secret")));
    }

    private static String spoofed(String from, String body) {
        return "<message from='" + from + "' to='romeo@sip.a.test' type='chat' id='spoof-" + (++sequence) + "'><body>"
                + body + "</body></message>";
    }

    private static long spoofsAtThePhone() {
        return romeo.count(r -> r.method().equals("MESSAGE") && r.body().startsWith("spoofed"));
    }

    /** A genuine message after the attack reaches the phone: the barrier that shows the spoofed one would have been there. */
    private static void genuineMessageStillArrives(XmppClient sender, String body) {
        sender.sendMessage("romeo@sip.a.test", body);
        romeo.awaitMessage(body, TIMEOUT);
        assertEquals(0, spoofsAtThePhone(), "no spoofed message reached the phone");
    }

    /** Refusals of stanzas for romeo@sip.a.test with this reason code, audited under this sender's domain. */
    private static long refusals(String reason, String senderDomain) {
        return gateway.audit().latestRefusals().stream().filter(r -> r.reason().equals(reason) && r.localParty().equals("romeo@sip.a.test")
                && r.partner().equals(senderDomain)).count();
    }

    private static void awaitRefusal(String reason, String senderDomain, long before) {
        OpenfireServer.await("the gateway's refusal " + reason + " of " + senderDomain, TIMEOUT, () -> refusals(reason, senderDomain) > before);
    }

    /**
     * A server-to-server stream authenticated as b.test (SASL EXTERNAL with b.test's certificate) carries a stanza from a
     * non-partner, another partner, the local domain and the gateway's own domain: a.test's Prosody closes the stream
     * (not-authorized) and says why in its log; the gateway never sees the stanza.
     */
    @Test
    void overAPartnersServerToServerStreamAnotherDomainIsRefusedByTheServerBeforeTheGateway() {
        try (XmppClient juliet = user(partner, "juliet", "b.test")) {
            List<String> claimed = List.of("carol@c.test/test", "ethan@e.test/test", "alice@a.test/test", "mercutio@sip.a.test");
            for (String from : claimed) {
                try (RawS2sClient attacker = RawS2sClient.authenticate(ip(8), ip(1), 5269, "b.test", "a.test", certificates.issue("b.test"),
                        certificates.trustManager(), TIMEOUT)) {
                    attacker.send(spoofed(from, "spoofed as " + from));
                    String answer = attacker.readUntilClosed();
                    assertTrue(answer.contains("not-authorized") && answer.contains("</stream:stream>"), "stream closed for " + from + ": " + answer);
                }
                String domain = from.substring(from.indexOf('@') + 1).replaceAll("/.*", "");
                assertTrue(local.log().contains("Received a stanza claiming to be from " + domain + ", over a stream authed for b.test!"),
                        "a.test's server logs why:\n" + local.log());
                genuineMessageStillArrives(juliet, "genuine after " + from);
            }
        }
    }

    /** The same with the certificate of the ejabberd partner e.test, claiming to be b.test; the genuine e.test still gets through. */
    @Test
    void overTheEjabberdPartnersStreamAnotherPartnerIsRefusedByTheServer() {
        try (XmppClient ethan = XmppClient.connect(ejabberd.clientSettings(new XmppAccount("ethan", "e.test", "secret")));
             RawS2sClient attacker = RawS2sClient.authenticate(ip(9), ip(1), 5269, "e.test", "a.test", certificates.issue("e.test"),
                     certificates.trustManager(), TIMEOUT)) {
            attacker.send(spoofed("juliet@b.test/balcony", "spoofed as juliet"));
            String answer = attacker.readUntilClosed();
            assertTrue(answer.contains("not-authorized"), answer);
            assertTrue(local.log().contains("Received a stanza claiming to be from b.test, over a stream authed for e.test!"), local.log());
            genuineMessageStillArrives(ethan, "genuine from ejabberd");
        }
    }

    /**
     * A component of a.test that the server lets send from any address (validate_from_addresses = false) passes on
     * stanzas from a non-partner user and a user of the local domain: the gateway refuses each with forbidden and
     * reason not-a-partner, and its error reaches the address named as sender, a signed-in user; one from an address
     * of the gateway's own domain is refused as from-sip-address. Nothing reaches SIP.
     */
    @Test
    void aComponentAllowedAnyFromIsRefusedByTheGatewayWithItsReasonCode() {
        try (XmppClient carol = user(stranger, "carol", "c.test"); XmppClient alice = user(local, "alice", "a.test");
             XmppClient juliet = user(partner, "juliet", "b.test");
             RawComponentClient relay = RawComponentClient.connect(ip(1), 5347, "relay.a.test", RELAY_SECRET, TIMEOUT)) {
            long fromCarol = refusals("not-a-partner", "c.test");
            relay.send(spoofed("carol@c.test/test", "spoofed as carol"));
            Message toCarol = carol.awaitMessage(m -> m.getType() == Message.Type.error, "the gateway's error", TIMEOUT);
            assertEquals(StanzaError.Condition.forbidden, toCarol.getError().getCondition());
            assertEquals("romeo@sip.a.test", toCarol.getFrom().asBareJid().toString());
            awaitRefusal("not-a-partner", "c.test", fromCarol);

            long fromAlice = refusals("not-a-partner", "a.test");
            relay.send(spoofed("alice@a.test/test", "spoofed as alice"));
            Message toAlice = alice.awaitMessage(m -> m.getType() == Message.Type.error, "the gateway's error", TIMEOUT);
            assertEquals(StanzaError.Condition.forbidden, toAlice.getError().getCondition());
            awaitRefusal("not-a-partner", "a.test", fromAlice);

            long fromSip = refusals("from-sip-address", "sip.a.test");
            relay.send(spoofed("mercutio@sip.a.test/phone", "spoofed as mercutio"));
            awaitRefusal("from-sip-address", "sip.a.test", fromSip);

            genuineMessageStillArrives(juliet, "genuine after the component");
        }
    }

    /**
     * A component of a.test with the server's default check (validate_from_addresses on) claiming a partner's address:
     * Prosody closes its stream (invalid-from); the gateway never sees it.
     */
    @Test
    void aComponentTheServerChecksCannotClaimAPartner() {
        try (XmppClient juliet = user(partner, "juliet", "b.test");
             RawComponentClient bot = RawComponentClient.connect(ip(1), 5347, "bot.a.test", BOT_SECRET, TIMEOUT)) {
            bot.send(spoofed("ethan@e.test/test", "spoofed as ethan"));
            String answer = bot.readUntilClosed();
            assertTrue(answer.contains("invalid-from"), answer);
            genuineMessageStillArrives(juliet, "genuine after the checked component");
        }
    }

    /**
     * The limit of what a component can know: a partner's address passed on by a component the server does not check
     * looks like the partner's own stanza on the component link, and is bridged. The server's from check (on by default
     * in Prosody and ejabberd) is what stands between its components and the partners' addresses.
     */
    @Test
    void aPartnersAddressFromAComponentTheServerDoesNotCheckLooksGenuineToTheGateway() {
        try (RawComponentClient relay = RawComponentClient.connect(ip(1), 5347, "relay.a.test", RELAY_SECRET, TIMEOUT)) {
            relay.send(spoofed("ethan@e.test/test", "relayed as ethan"));
            SipUserAgent.Received got = romeo.awaitMessage("relayed as ethan", TIMEOUT);
            assertTrue(got.from().startsWith("sip:ethan@e.test"), got.from());
        }
    }
}
