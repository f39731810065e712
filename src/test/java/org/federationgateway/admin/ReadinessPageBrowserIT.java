package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.federationgateway.readiness.Finding;
import org.federationgateway.readiness.Readiness;
import org.federationgateway.readiness.Verdict;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The readiness page in a real browser: the checks run on a POST with the form token, every finding the checks
 * can produce reads in English and Russian, and what a partner sent (a certificate subject) stays inert text.
 * The checks themselves run against real peers in ReadinessIT.
 */
class ReadinessPageBrowserIT {
    /** Every finding key with as many arguments as the checks give it. */
    private static final Map<String, Integer> EVERY_FINDING = Map.ofEntries(
            Map.entry("certificates.none", 0), Map.entry("certificates.covered.dns", 2), Map.entry("certificates.covered.xmppaddr", 2),
            Map.entry("certificates.notcovered", 2), Map.entry("certificates.chain.notrust", 1), Map.entry("certificates.chain.trusted", 1),
            Map.entry("certificates.chain.expired", 1), Map.entry("certificates.chain.selfsigned", 1), Map.entry("certificates.chain.untrusted", 1),
            Map.entry("certificates.expired", 1), Map.entry("certificates.notyetvalid", 1), Map.entry("certificates.expiring", 2),
            Map.entry("certificates.valid", 2), Map.entry("ports.s2s.open", 2), Map.entry("ports.s2s.closed", 3), Map.entry("ports.partner.open", 2),
            Map.entry("ports.partner.closed", 3), Map.entry("ports.sip.listening", 1), Map.entry("ports.sip.failed", 2), Map.entry("ports.sip.off", 0),
            Map.entry("ports.frontend.up", 1), Map.entry("ports.frontend.down", 2), Map.entry("ports.frontend.unknown", 1),
            Map.entry("dns.override", 2), Map.entry("dns.override.unresolved", 2), Map.entry("dns.proxy", 3), Map.entry("dns.proxy.unresolved", 2),
            Map.entry("dns.srv", 3), Map.entry("dns.srv.decline", 1), Map.entry("dns.srv.target.unresolved", 2), Map.entry("dns.none.local", 1),
            Map.entry("dns.none.remote", 1), Map.entry("dns.nosrv", 2), Map.entry("dns.mismatch", 3), Map.entry("probe.unreachable", 2),
            Map.entry("probe.tls.failed", 2), Map.entry("probe.tls", 4), Map.entry("probe.refused", 2), Map.entry("probe.refused.nocert", 2),
            Map.entry("probe.tls.partnerrequires", 1), Map.entry("probe.tls.missing", 1), Map.entry("probe.tls.none", 1), Map.entry("probe.auth.none", 2),
            Map.entry("probe.auth.none.nocert", 2), Map.entry("probe.auth", 2), Map.entry("probe.sasl.fallback", 1));

    private static Readiness.Report everything() {
        List<Finding> findings = new ArrayList<>();
        EVERY_FINDING.forEach((key, count) -> {
            String area = key.substring(0, key.indexOf('.'));
            Object[] args = new Object[count];
            for (int i = 0; i < count; i++) {
                args[i] = "arg" + i;
            }
            findings.add(Finding.of(area, key, key.endsWith("ok") ? Verdict.OK : Verdict.WARNING, key.substring(area.length() + 1), args));
        });
        findings.add(Finding.of("probe", "<script>document.title='owned'</script>", Verdict.FAIL, "tls", "b.test", "TLSv1.3", "X",
                "CN=<img src=x onerror=\"document.title='owned'\">"));
        return new Readiness.Report(Instant.parse("2026-11-30T10:00:00Z"), findings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "ru"})
    void theChecksRunOnAPostAndEveryFindingReadsInTheAdminsLanguage(String language) throws Exception {
        Properties bundle = "ru".equals(language) ? Bundles.russian() : Bundles.english();
        BundleMessages messages = new BundleMessages(Locale.forLanguageTag(language), getClass().getClassLoader());
        AtomicInteger runs = new AtomicInteger();
        ReadinessPage page = new ReadinessPage(() -> {
            runs.incrementAndGet();
            return everything();
        }, messages);
        try (AdminWebServer server = AdminWebServer.start("127.0.80.10", Map.of("readiness", page), messages);
             Browser browser = Browser.start(language)) {
            WebDriver d = browser.driver();
            d.get(server.url("readiness.jsp"));
            assertEquals(bundle.getProperty("readiness.notrun"), d.findElement(By.id("not-run")).getText());
            assertEquals(0, runs.get(), "showing the page runs nothing");

            browser.clickAndWait(By.id("run"));
            assertEquals(1, runs.get());
            assertTrue(d.getCurrentUrl().endsWith("readiness.jsp"), "post, then redirect: " + d.getCurrentUrl());
            assertEquals(bundle.getProperty("readiness.title"), d.getTitle(), "markup in a partner's certificate stays text");
            String text = d.findElement(By.tagName("body")).getText();
            assertFalse(text.contains("???"), "every finding has a text in " + language + ": " + text);
            assertTrue(text.contains(bundle.getProperty("readiness.summary.fail")), text);
            assertTrue(text.contains("CN=<img src=x"), text);
            for (String area : Finding.AREAS) {
                assertFalse(d.findElements(By.cssSelector("#area-" + area + " tbody tr")).isEmpty(), area);
            }
            assertEquals(EVERY_FINDING.size() + 1, d.findElements(By.cssSelector("table[id^=area-] tbody tr")).size());
            browser.screenshot("readiness-" + language);

            HttpResponse<String> forged = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(server.url("readiness.jsp"))).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("run=run")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, forged.statusCode(), "a POST without the form token is refused");
            assertEquals(1, runs.get(), "and runs nothing");
        }
    }
}
