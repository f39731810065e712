package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyLogPatterns;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
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
 * Opt-in (OPENFIRE_HOME): the federation policy inside a real Openfire against real Prosody servers. The
 * administrator configures it through the plugin's pages; partners then federate, and what the policy
 * forbids is refused with an error to its sender.
 */
class RealOpenfireFederationPolicyIT {
    private static final String NAME = "federationgateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String A = "127.0.61.1";
    private static final TestHosts HOSTS = TestHosts.builder()
            .add("a.test", A).add("b.test", "127.0.61.2").add("c.test", "127.0.61.3").add("d.test", "127.0.61.4").build();

    private static OpenfireServer openfire;
    private static AdminConsole console;
    private static TestCertificates certificates;
    private static ProsodyPeer partner;
    private static ProsodyPeer stranger;
    private static ProsodyPeer plainPartner;

    @BeforeAll
    static void start() {
        Path installation = OpenfireInstallation.require();
        certificates = TestCertificates.create(PeerDirectories.fresh("openfire-policy-certs"));
        openfire = OpenfireServer.prepare(installation, PluginRoot.resolve("target/openfire-it/policy"), A, "a.test",
                "{b.test,127.0.61.2:5269},{c.test,127.0.61.3:5269},{d.test,127.0.61.4:5269}", List.of("dave"));
        IssuedCertificate own = certificates.issue("a.test");
        openfire.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
        openfire.start(Duration.ofSeconds(120));
        console = new AdminConsole(openfire.adminUrl());
        OpenfireServer.await("admin console login", TIMEOUT, () -> {
            try {
                console.login("admin", "adminpw");
                return true;
            } catch (AssertionError | RuntimeException e) {
                return false;
            }
        });
        openfire.installPlugin(Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString())), NAME);
        OpenfireServer.await("the plugin's pages", TIMEOUT, () -> console.get("/plugins/" + NAME + "/partners.jsp").status() == 200);

        // The administrator's configuration, through the plugin's own pages.
        postForm("policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true"));
        postForm("policies.jsp", Map.of("action", "save-policy", "name", "no-federation"));
        postForm("policies.jsp", Map.of("action", "assign", "kind", "user", "subject", "dave", "policy", "no-federation"));
        postForm("partner-edit.jsp", partnerForm("b.test", "optional", "optional"));
        postForm("partner-edit.jsp", partnerForm("d.test", "required", "required"));
        postForm("partner-edit.jsp", partnerForm("e.test", "optional", "optional"));

        partner = prosody("b.test", "127.0.61.2", S2sMode.SECURE, "bob");
        stranger = prosody("c.test", "127.0.61.3", S2sMode.SECURE, "carol");
        plainPartner = prosody("d.test", "127.0.61.4", S2sMode.PLAIN, "dan");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {plainPartner, stranger, partner, openfire}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }

    private static ProsodyPeer prosody(String domain, String ip, S2sMode mode, String user) {
        return ProsodyPeer.builder(domain, ip).mode(mode).tls(certificates, certificates.issue(domain)).hosts(HOSTS)
                .account(user, "secret").directory(PeerDirectories.fresh("openfire-policy/" + domain)).start();
    }

    private static Map<String, String> partnerForm(String domain, String tls, String sasl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("primaryDomain", domain);
        form.put("partnerType", "federated");
        form.put("tlsNegotiation", tls);
        form.put("saslNegotiation", sasl);
        form.put("dialback", "true");
        form.put("keepAlive", "true");
        return form;
    }

    /** Posts a form the way the page does, with the token the page was rendered with. */
    private static void postForm(String page, Map<String, String> fields) {
        String html = console.get("/plugins/" + NAME + "/" + page).body();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "no form token on " + page);
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", m.group(1));
        AdminConsole.Page result = console.post("/plugins/" + NAME + "/" + page, form);
        assertEquals(302, result.status(), page + " " + fields + " answered:\n" + result.body());
    }

    private static XmppClient openfireUser(String user) {
        return XmppClient.connect(new XmppClient.Settings(new XmppAccount(user, "a.test", "secret"), A, 5222, certificates.trustManager()));
    }

    @Test
    void aPartnerExchangesMessagesBothWays() {
        try (XmppClient alice = openfireUser("alice");
             XmppClient bob = XmppClient.connect(partner.clientSettings(new XmppAccount("bob", "b.test", "secret")))) {
            alice.sendMessage("bob@b.test", "hello partner");
            bob.awaitMessage("hello partner", TIMEOUT);
            bob.sendMessage("alice@a.test", "hello back");
            alice.awaitMessage("hello back", TIMEOUT);
        }
    }

    @Test
    void aNonPartnerIsRefusedEvenOverSaslExternalAndItsSessionIsClosed() {
        try (XmppClient alice = openfireUser("alice");
             XmppClient carol = XmppClient.connect(stranger.clientSettings(new XmppAccount("carol", "c.test", "secret")))) {
            carol.sendMessage("alice@a.test", "let me in");
            stranger.awaitLog(ProsodyLogPatterns.SASL_EXTERNAL_OUTGOING, TIMEOUT);
            String why = closedByPolicy(stranger);
            assertTrue(why.contains("c.test") && why.contains("not-a-partner"), why);
            assertTrue(openfire.openfireLog().contains("refused inbound message partner=c.test local=alice@a.test reason=not-a-partner"));
            assertFalse(receivedAnything(alice, "let me in"), "alice never gets it");
            assertFalse(openfire.openfireLog().contains("refused outbound error partner=c.test"),
                    "no error stanza is sent towards c.test: the stream error was the answer");
        }
    }

    @Test
    void aPartnerThatMustUseTlsIsRefusedOverPlainDialback() {
        try (XmppClient alice = openfireUser("alice");
             XmppClient dan = XmppClient.connect(plainPartner.clientSettings(new XmppAccount("dan", "d.test", "secret")))) {
            dan.sendMessage("alice@a.test", "plain text");
            String why = closedByPolicy(plainPartner);
            assertTrue(why.contains("tls-required"), why);
            assertFalse(ProsodyLogPatterns.found(ProsodyLogPatterns.S2S_OUT_ENCRYPTED, plainPartner.log()), "d.test really spoke plain text");
            assertFalse(receivedAnything(alice, "plain text"), "alice never gets it");
        }
    }

    /** Waits until the peer's outgoing stream is closed with policy-violation and returns the stream error's text. */
    private static String closedByPolicy(ProsodyPeer peer) {
        peer.awaitLog(ProsodyLogPatterns.OUTGOING_CLOSED_BY_POLICY, TIMEOUT);
        Matcher m = ProsodyLogPatterns.OUTGOING_CLOSED_BY_POLICY.matcher(peer.log());
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void aUserWithoutXmppAccessGetsAnErrorAndNoServerConnectionIsOpened() {
        try (XmppClient dave = openfireUser("dave")) {
            dave.sendMessage("someone@e.test", "may I?");
            Message bounce = dave.awaitMessage(m -> m.getType() == Message.Type.error, "an error bounce", TIMEOUT);
            assertEquals(StanzaError.Condition.forbidden, bounce.getError().getCondition(), () -> bounce.toXML().toString());
            assertTrue(openfire.openfireLog().contains("reason=xmpp-access-disabled"));
            assertFalse(openfire.openfireLog().matches("(?s).*(?i)outgoing[^\\n]*e\\.test.*"), "no outgoing session to e.test was attempted");
        }
    }

    private static boolean receivedAnything(XmppClient client, String body) {
        try {
            client.awaitMessage(body, Duration.ofSeconds(2));
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }
}
