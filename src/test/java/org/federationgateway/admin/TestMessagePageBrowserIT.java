package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.federationgateway.testmessage.Evidence;
import org.federationgateway.testmessage.PingAnswer;
import org.federationgateway.testmessage.SessionView;
import org.federationgateway.testmessage.SipAnswer;
import org.federationgateway.testmessage.TestMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The test message page in a real browser, in English and Russian: a bad field is shown beside it and nothing is sent,
 * a refusal by the policy and a delivery each read as their steps, what a partner wrote in its error stays inert text,
 * and a POST without the form token sends nothing. The sides here answer as scripted; the exchange with real peers
 * (Prosody, Kamailio) runs in RealOpenfireTestMessageIT.
 */
class TestMessagePageBrowserIT {
    private static final PolicySnapshot POLICY = new PolicySnapshot(
            List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
            List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);

    private final List<String> sent = new CopyOnWriteArrayList<>();

    private final TestMessages.XmppSide xmpp = new TestMessages.XmppSide() {
        @Override
        public String domain() {
            return "a.test";
        }

        @Override
        public boolean isUser(String username) {
            return username.equals("alice");
        }

        @Override
        public Optional<SessionView> outgoingSession(String remoteDomain) {
            return sent.isEmpty() ? Optional.empty() : Optional.of(new SessionView("dialback", true, "TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        }

        @Override
        public PingAnswer ping(String remoteDomain, String id, Duration wait) {
            sent.add("ping " + remoteDomain);
            return new PingAnswer.Pong();
        }

        @Override
        public Evidence send(String fromJid, String toJid, String id, String body, Duration wait) {
            sent.add("message " + toJid);
            return toJid.startsWith("juliet") ? new Evidence.Receipt("juliet@b.test/balcony")
                    : new Evidence.StanzaError("b.test", "service-unavailable", "<img src=x onerror=\"document.title='owned'\">");
        }
    };

    private final TestMessages.SipSide sip = new TestMessages.SipSide() {
        @Override
        public Lookup lookup(String sipUri) {
            return new SipUser("nobody@a.test");
        }

        @Override
        public SipAnswer sendToSip(String fromJid, String toXmppAddress, String id, String body, Duration wait) {
            sent.add("sip " + toXmppAddress);
            return new SipAnswer(404, "Not Found");
        }
    };

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "ru"})
    void theTestRunsOnAPostAndEveryStepReadsInTheAdminsLanguage(String language) throws Exception {
        Properties bundle = "ru".equals(language) ? Bundles.russian() : Bundles.english();
        BundleMessages messages = new BundleMessages(Locale.forLanguageTag(language), getClass().getClassLoader());
        TestMessagePage page = new TestMessagePage(new TestMessages(() -> POLICY, new PolicyEvaluator(), user -> List.of(), xmpp, sip, messages,
                Clock.systemUTC(), System::nanoTime), messages);
        try (AdminWebServer server = AdminWebServer.start("127.0.80.12", Map.of("test-message", page), messages);
             Browser browser = Browser.start(language)) {
            WebDriver d = browser.driver();
            d.get(server.url("test-message.jsp"));
            assertEquals(bundle.getProperty("testmessage.title"), d.getTitle());
            assertTrue(d.findElements(By.id("steps")).isEmpty(), "no report before a test");

            // A blank recipient: the error beside the field, what was typed kept, nothing sent.
            d.findElement(By.id("from")).sendKeys("alice");
            browser.clickAndWait(By.id("send"));
            assertEquals(bundle.getProperty("testmessage.error.to.blank"), d.findElement(By.id("error-to")).getText());
            assertEquals("alice", d.findElement(By.id("from")).getAttribute("value"));
            assertEquals(List.of(), sent);

            // A non-partner: the policy's refusal with its reason code, nothing sent.
            d.findElement(By.id("to")).sendKeys("carol@c.test");
            browser.clickAndWait(By.id("send"));
            assertTrue(d.getCurrentUrl().contains("test-message.jsp?report=fgw-test-"), "post, then redirect to the report: " + d.getCurrentUrl());
            assertEquals("refused-by-policy", d.findElement(By.id("result")).getAttribute("data-result"));
            assertEquals(bundle.getProperty("testmessage.result.refused-by-policy"), d.findElement(By.id("result")).getText());
            assertEquals("not-a-partner", d.findElement(By.cssSelector("#step-policy .code")).getText());
            assertEquals(bundle.getProperty("policy.reason.not-a-partner").replace("{0}", "c.test"),
                    d.findElement(By.cssSelector("#step-policy .text")).getText());
            assertEquals(List.of(), sent, "a refused message is not sent");

            // A partner user whose client sends a receipt: each step, in order.
            d.findElement(By.id("to")).clear();
            d.findElement(By.id("to")).sendKeys("juliet@b.test");
            browser.clickAndWait(By.id("send"));
            assertEquals("receipt-received", d.findElement(By.id("result")).getAttribute("data-result"));
            assertEquals(List.of("step-input", "step-policy", "step-session", "step-ping", "step-delivery"),
                    d.findElements(By.cssSelector("#steps tbody tr")).stream().map(e -> e.getAttribute("id")).toList());
            String text = d.findElement(By.tagName("body")).getText();
            assertFalse(text.contains("???"), "every step has a text in " + language + ": " + text);
            assertFalse(text.contains("{0}") || text.contains("{1}"), "every argument is filled in: " + text);
            assertTrue(text.contains("juliet@b.test/balcony"), text);
            browser.screenshot("test-message-" + language);

            // An error whose text holds markup: shown as text.
            d.findElement(By.id("to")).clear();
            d.findElement(By.id("to")).sendKeys("romeo@b.test");
            browser.clickAndWait(By.id("send"));
            assertEquals("error", d.findElement(By.id("result")).getAttribute("data-result"));
            assertEquals("service-unavailable", d.findElement(By.cssSelector("#step-delivery .code")).getText());
            assertTrue(d.findElement(By.cssSelector("#step-delivery .text")).getText().contains("<img src=x"));
            assertEquals(bundle.getProperty("testmessage.title"), d.getTitle(), "markup in a partner's error stays text");

            // A SIP user that does not exist: the SIP status is the evidence.
            d.findElement(By.id("to")).clear();
            d.findElement(By.id("to")).sendKeys("sip:nobody@a.test");
            browser.clickAndWait(By.id("send"));
            assertEquals("sip-refused", d.findElement(By.id("result")).getAttribute("data-result"));
            assertEquals("404", d.findElement(By.cssSelector("#step-sip .code")).getText());

            int before = sent.size();
            HttpResponse<String> forged = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(server.url("test-message.jsp"))).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("from=alice&to=juliet%40b.test")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, forged.statusCode(), "a POST without the form token is refused");
            assertEquals(before, sent.size(), "and sends nothing");
        }
    }
}
