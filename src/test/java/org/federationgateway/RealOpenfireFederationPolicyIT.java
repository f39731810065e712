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
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.DnsPeer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyLogPatterns;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.federationgateway.testing.web.Browser;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES, once per installation): the federation policy inside a real Openfire against real Prosody servers. The
 * administrator configures it through the plugin's pages; partners then federate, and what the policy
 * forbids is refused with an error to its sender.
 */
@EachOpenfire
class RealOpenfireFederationPolicyIT {
    /** The Openfire this run of the class tests; its server is started once per run, below. */
    @Parameter
    OpenfireInstallation openfireUnderTest;
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
    private static DnsPeer dns;

    @BeforeParameterizedClassInvocation
    static void start(OpenfireInstallation openfireInstallation) {
        if (!openfireInstallation.present()) {
            return; // every test is reported as skipped, with how to run it
        }
        Path installation = openfireInstallation.require();
        // The readiness page asks this DNS server (federationgateway.readiness.dnsServer): no lookup leaves loopback.
        dns = DnsPeer.builder("127.0.61.53").srv("_xmpp-server._tcp.a.test", "xmpp.a.test", 5269, 0, 1).host("xmpp.a.test", A)
                .localDomains("test").start();
        certificates = TestCertificates.create(PeerDirectories.fresh("openfire-policy-certs"));
        openfire = OpenfireServer.prepare(installation, PluginRoot.resolve("target/openfire-it/" + openfireInstallation.label() + "/policy"), A, "a.test",
                "{b.test,127.0.61.2:5269},{c.test,127.0.61.3:5269},{d.test,127.0.61.4:5269}", List.of("dave"));
        IssuedCertificate own = certificates.issue("a.test");
        openfire.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
        openfire.start(Duration.ofSeconds(120));
        console = new AdminConsole(openfire.adminUrl());
        console.loginWhenReady("admin", "adminpw", TIMEOUT);
        openfire.installPluginAndAwait(Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString())), NAME,
                "Federation Gateway " + BuildInfo.version() + " loaded", Duration.ofSeconds(60));

        // The administrator's configuration, through the plugin's own pages.
        postForm("policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true"));
        postForm("policies.jsp", Map.of("action", "save-policy", "name", "no-federation"));
        postForm("policies.jsp", Map.of("action", "assign", "kind", "user", "subject", "dave", "policy", "no-federation"));
        postForm("partner-edit.jsp", AdminConsole.partnerForm("b.test", "optional", "optional"));
        postForm("partner-edit.jsp", AdminConsole.partnerForm("d.test", "required", "required"));
        postForm("partner-edit.jsp", AdminConsole.partnerForm("e.test", "optional", "optional"));
        console.setSystemProperty("federationgateway.readiness.dnsServer", dns.address() + ":" + dns.port());

        partner = prosody("b.test", "127.0.61.2", S2sMode.SECURE, "bob");
        stranger = prosody("c.test", "127.0.61.3", S2sMode.SECURE, "carol");
        plainPartner = prosody("d.test", "127.0.61.4", S2sMode.PLAIN, "dan");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {plainPartner, stranger, partner, openfire, dns}) {
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

    @Test
    void theStatusPageShowsALiveSessionAndARefusalAndTheReadinessPageJudgesThePartnersInARealBrowser() {
        try (XmppClient alice = openfireUser("alice");
             XmppClient bob = XmppClient.connect(partner.clientSettings(new XmppAccount("bob", "b.test", "secret")));
             XmppClient carol = XmppClient.connect(stranger.clientSettings(new XmppAccount("carol", "c.test", "secret")));
             Browser browser = Browser.start("en")) {
            bob.sendMessage("alice@a.test", "status check");
            alice.awaitMessage("status check", TIMEOUT);
            carol.sendMessage("alice@a.test", "refuse me");
            closedByPolicy(stranger);

            WebDriver d = browser.driver();
            d.get(openfire.adminUrl() + "/login.jsp");
            d.findElement(By.name("username")).sendKeys("admin");
            d.findElement(By.name("password")).sendKeys("adminpw");
            browser.clickAndWait(By.id("submit"));
            d.get(openfire.adminUrl() + "/plugins/" + NAME + "/status.jsp");
            String sessions = d.findElement(By.id("sessions")).getText();
            assertTrue(sessions.contains("b.test") && sessions.contains("SASL EXTERNAL") && sessions.contains("TLSv1."), sessions);
            assertTrue(d.findElement(By.id("partner-sessions")).getText().contains("b.test"));
            String refusals = d.findElement(By.id("refusals")).getText();
            assertTrue(refusals.contains("c.test") && refusals.contains("not-a-partner"), refusals);
            browser.screenshot("openfire-status");

            d.get(openfire.adminUrl() + "/plugins/" + NAME + "/readiness.jsp");
            browser.clickAndWait(By.id("run"));
            String certificates = d.findElement(By.id("area-certificates")).getText();
            assertTrue(certificates.contains("covers a.test as a DNS name"), certificates);
            String probes = d.findElement(By.id("area-probe")).getText();
            assertTrue(probes.contains("b.test can be authenticated with SASL EXTERNAL"), probes);
            assertTrue(probes.contains("d.test does not offer STARTTLS, but its partner entry requires TLS"), probes);
            String ports = d.findElement(By.id("area-ports")).getText();
            assertTrue(ports.contains("This server accepts server-to-server connections for a.test at " + A + ":5269"), ports);
            String names = d.findElement(By.id("area-dns")).getText();
            assertFalse(names.contains("but this server's addresses are"), "a.test's SRV record points to this server: " + names);
            assertTrue(names.contains("_xmpp-server._tcp.a.test points to xmpp.a.test:5269"), names);
            assertTrue(names.contains("Openfire's DNS override sends b.test to 127.0.61.2:5269"), names);
            browser.screenshot("openfire-readiness");

            for (String page : List.of("partners.jsp", "partner-edit.jsp?original=b.test", "policies.jsp", "gateway-settings.jsp", "sip-settings.jsp")) {
                d.get(openfire.adminUrl() + "/plugins/" + NAME + "/" + page);
                String text = d.findElement(By.tagName("body")).getText();
                assertTrue(d.getTitle().contains("Federation Gateway"), page + ": " + d.getTitle());
                assertFalse(text.contains("???"), page + " has a label missing from the bundle: " + text);
                browser.screenshot("openfire-" + page.replaceAll("\\.jsp.*", ""));
            }
        }
        assertTrue(openfire.openfireLog().lines().noneMatch(l -> l.contains("ERROR") && l.contains("federationgateway")),
                "no error from the plugin in openfire.log");
    }
}
