package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.Refusal;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.LiveSession;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The live status page, precompiled, rendered by a real Chromium in each language; it reloads itself. */
class StatusPageBrowserIT {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "ru"})
    void showsPartsSessionsFrontEndCountersAndRefusalsAndReloadsItself(String language) throws Exception {
        var bundle = "ru".equals(language) ? Bundles.russian() : Bundles.english();
        Messages messages = new BundleMessages(Locale.forLanguageTag(language), getClass().getClassLoader());
        List<PartStatus> parts = List.of(PartStatus.running("policy"),
                PartStatus.failed("sip", "cannot listen on udp 127.0.0.1:5060 (BindException: Address already in use)"));
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withConnectionLimit(2)), List.of(), List.of(),
                GatewaySettings.defaults(), false);
        List<LiveSession> sessions = new CopyOnWriteArrayList<>(List.of(
                new LiveSession("b.test", Direction.INBOUND, AuthMethod.SASL_EXTERNAL, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "CN=b.test",
                        Instant.parse("2027-01-01T00:00:00Z"), T),
                new LiveSession("b.test", Direction.OUTBOUND, AuthMethod.DIALBACK, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "", null, T)));
        Audit audit = new Audit(10);
        audit.count("b.test", Audit.BRIDGED_OUT);
        audit.refused(new Refusal(T, "inbound", "c.test", "alice@a.test", "message", "not-a-partner", true));
        audit.refused(new Refusal(T, "inbound", "<script>document.title='owned'</script>", "-", "session", "not-a-partner", true));
        StatusPage page = new StatusPage("9.9.9-test", new StatusPage.Sources(() -> parts, () -> sessions,
                () -> new FrontEndView("up", "127.0.0.5:5060;transport=tcp", T, "200 OK"), () -> policy, audit), messages);
        try (AdminWebServer server = AdminWebServer.start("127.0.80.1", Map.of("status", page), messages);
             Browser browser = Browser.start(language)) {
            browser.driver().get(server.url("status.jsp"));
            assertEquals(bundle.getProperty("status.title"), browser.driver().getTitle(), "a script in a refused domain name stays inert");
            String text = browser.driver().findElement(By.tagName("body")).getText();
            assertTrue(text.contains("9.9.9-test"), text);
            assertFalse(text.contains("???"), "every label comes from the bundle: " + text);
            assertTrue(text.contains(bundle.getProperty("part.state.failed")) && text.contains("Address already in use"), text);
            assertTrue(text.contains(bundle.getProperty("status.frontend.state.up")) && text.contains("127.0.0.5:5060;transport=tcp"), text);
            assertEquals("b.test 1 1 2 / 2 (" + bundle.getProperty("status.sessions.atlimit") + ")",
                    browser.driver().findElement(By.cssSelector("#partner-sessions tbody tr")).getText());
            String sessionRows = browser.driver().findElement(By.id("sessions")).getText();
            assertTrue(sessionRows.contains("TLSv1.3") && sessionRows.contains("TLS_AES_256_GCM_SHA384") && sessionRows.contains("CN=b.test")
                    && sessionRows.contains("2027-01-01 00:00:00 UTC") && sessionRows.contains(bundle.getProperty("status.auth.dialback")), sessionRows);
            String counters = browser.driver().findElement(By.id("counters")).getText();
            assertTrue(counters.contains(bundle.getProperty("status.event.bridged-out")) && counters.contains("not-a-partner"), counters);
            String refusals = browser.driver().findElement(By.id("refusals")).getText();
            assertTrue(refusals.contains("alice@a.test") && refusals.contains(messages.get("policy.reason.not-a-partner", "c.test")), refusals);
            assertTrue(refusals.contains("<script>"), "the script tag shows as text: " + refusals);
            browser.screenshot("status-" + language);

            // A new session appears without anyone touching the page.
            sessions.add(new LiveSession("e.test", Direction.INBOUND, AuthMethod.SASL_EXTERNAL, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "CN=e.test", null, T));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(StatusPage.REFRESH_SECONDS * 3L))
                    .until(d -> d.findElement(By.id("partner-sessions")).getText().contains("e.test"));
        }
    }
}
