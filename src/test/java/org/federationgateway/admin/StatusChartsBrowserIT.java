package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.audit.Audit;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.History;
import org.federationgateway.status.Metrics;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The status page's last-hour charts: drawn by the plugin as inline SVG, labelled in each language. */
class StatusChartsBrowserIT {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "ru"})
    void theLastHourIsDrawnAsInlineSvg(String language) throws Exception {
        Properties bundle = "ru".equals(language) ? Bundles.russian() : Bundles.english();
        Messages messages = new BundleMessages(Locale.forLanguageTag(language), getClass().getClassLoader());
        Audit audit = new Audit(10);
        AtomicLong rtt = new AtomicLong(-1);
        PolicySnapshot policy = PolicySnapshot.empty(GatewaySettings.defaults());
        History history = new History(Metrics.of(audit, List::of, () -> policy, rtt::get));
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        history.sample(t);
        for (int minute = 1; minute <= 5; minute++) {
            for (int i = 0; i < minute; i++) {
                audit.count("b.test", Audit.BRIDGED_OUT);
            }
            rtt.set(10L * minute);
            history.sample(t.plusSeconds(60L * minute));
        }
        StatusPage page = new StatusPage("9.9.9-charts", new StatusPage.Sources(() -> List.of(PartStatus.running("policy")), List::of,
                () -> FrontEndView.OFF, () -> policy, audit), history, messages);
        try (AdminWebServer server = AdminWebServer.start("127.0.80.23", Map.of("status", page), messages);
             Browser browser = Browser.start(language)) {
            browser.driver().get(server.url("status.jsp"));
            assertEquals(bundle.getProperty("stats.charts.header"), browser.driver().findElement(By.cssSelector("#charts")).findElement(By.xpath(
                    "preceding-sibling::div[1]")).getText());
            List<WebElement> charts = browser.driver().findElements(By.cssSelector("#charts .chart"));
            assertEquals(Metrics.CHARTED.size(), charts.size());
            WebElement out = browser.driver().findElement(By.id("chart-" + Metrics.BRIDGED_OUT));
            assertTrue(out.getText().startsWith(bundle.getProperty("stats.bridgedOut.chart")), out.getText());
            assertTrue(out.getText().contains(java.text.MessageFormat.format(bundle.getProperty("stats.max"), "5",
                    bundle.getProperty("stats.bridgedOut.units"))), out.getText());
            assertEquals(1, out.findElements(By.tagName("path")).size(), "one line: the first minute has no growth to show");
            assertEquals(240, out.findElement(By.tagName("svg")).getSize().getWidth(), "rendered by the browser as SVG");
            WebElement rttChart = browser.driver().findElement(By.id("chart-" + Metrics.SIP_RTT));
            assertTrue(rttChart.getText().contains("50"), rttChart.getText());
            WebElement refused = browser.driver().findElement(By.id("chart-" + Metrics.REFUSED));
            assertTrue(refused.getText().contains(java.text.MessageFormat.format(bundle.getProperty("stats.max"), "0",
                    bundle.getProperty("stats.refused.units"))), refused.getText());
            String source = browser.driver().getPageSource();
            assertFalse(source.contains("<script") || source.contains("<link") || source.contains("@font-face"),
                    "no script, stylesheet or font from anywhere");
            assertFalse(browser.driver().findElement(By.tagName("body")).getText().contains("???"));
            browser.screenshot("status-charts-" + language);
        }
    }
}
