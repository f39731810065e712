package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.federationgateway.transfer.Transfer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The import and export page in Chromium, in each language, over real HSQLDB stores. */
class TransferPageBrowserIT {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "ru"})
    void exportThenImportIntoAFreshServerAndABadRowSavesNothing(String language) throws Exception {
        Properties bundle = "ru".equals(language) ? Bundles.russian() : Bundles.english();
        BundleMessages messages = new BundleMessages(Locale.forLanguageTag(language), getClass().getClassLoader());
        PolicyService source = PolicyService.load(new Transactions(PartnersPageBrowserIT.freshHsqldb()), GatewaySettings.defaults(), false);
        source.addPartner(org.federationgateway.policy.Partner.withDefaults(Domain.parse("b.test")).withDescription("<b>ops</b>, \"on call\""));
        source.savePolicy(new AccessPolicy("sales", "", true, false, false, false));
        source.assign(new Assignment(AssignmentKind.USER, "alice", "sales"));
        PolicyService target = PolicyService.load(new Transactions(PartnersPageBrowserIT.freshHsqldb()), GatewaySettings.defaults(), false);

        String exported;
        try (AdminWebServer server = AdminWebServer.start("127.0.80.21", Map.of("transfer", new TransferPage(source, messages)), messages);
             Browser browser = Browser.start(language)) {
            WebDriver d = browser.driver();
            d.get(server.url("transfer.jsp"));
            assertEquals(bundle.getProperty("transfer.title"), d.getTitle());
            assertFalse(d.findElement(By.tagName("body")).getText().contains("???"));
            exported = d.findElement(By.id("export-text")).getAttribute("value");
            assertEquals(Transfer.exportJson(source.current()), exported.replace("\r\n", "\n"));
            String href = d.findElement(By.id("export-json")).getAttribute("href");
            assertEquals(exported.replace("\r\n", "\n"), URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8),
                    "the download link holds the same export");
            String csvHref = d.findElement(By.id("export-csv")).getAttribute("href");
            assertTrue(URLDecoder.decode(csvHref, StandardCharsets.UTF_8).contains("b.test"), csvHref);
            browser.screenshot("transfer-export-" + language);
        }

        try (AdminWebServer server = AdminWebServer.start("127.0.80.22", Map.of("transfer", new TransferPage(target, messages)), messages);
             Browser browser = Browser.start(language)) {
            WebDriver d = browser.driver();
            d.get(server.url("transfer.jsp"));
            String bad = exported.replace("\"keepAlive\":true,\"connectionLimit\":null", "\"keepAlive\":true,\"connectionLimit\":0");
            assertFalse(bad.equals(exported));
            paste(d, bad);
            browser.clickAndWait(By.id("import"));
            assertEquals(bundle.getProperty("transfer.errors.header"), d.findElement(By.id("errors-header")).getText());
            List<WebElement> rows = d.findElements(By.cssSelector("#errors tbody tr"));
            assertEquals(1, rows.size());
            int line = lineOf(exported, "\"primaryDomain\":\"b.test\"");
            assertEquals(Integer.toString(line), rows.get(0).findElement(By.className("line")).getText(),
                    () -> d.findElement(By.id("errors")).getText() + "\n---\n" + d.findElement(By.id("text")).getAttribute("value"));
            assertEquals("connectionLimit", rows.get(0).findElement(By.className("field")).getText());
            assertEquals(MessageFormat.format(bundle.getProperty("policy.error.partner.connectionLimit"), 0),
                    rows.get(0).findElement(By.className("problem")).getText());
            assertTrue(target.current().partners().isEmpty() && target.current().policy("sales") == null, "nothing saved");
            assertEquals(bad, d.findElement(By.id("text")).getAttribute("value").replace("\r\n", "\n"), "what was pasted is kept");
            browser.screenshot("transfer-errors-" + language);

            paste(d, exported);
            browser.clickAndWait(By.id("import"));
            assertEquals(MessageFormat.format(bundle.getProperty("transfer.import.done"), 1, 2, 1), d.findElement(By.id("done")).getText());
            assertEquals(Transfer.exportJson(source.current()), Transfer.exportJson(target.current()), "the fresh server now exports the same");
            assertEquals("<b>ops</b>, \"on call\"", target.current().partnerFor("b.test").description());

            new Select(d.findElement(By.id("format"))).selectByValue("csv");
            paste(d, "primaryDomain,partnerType\ne.test,federated\n");
            browser.clickAndWait(By.id("import"));
            assertEquals(MessageFormat.format(bundle.getProperty("transfer.import.done"), 1, 0, 0), d.findElement(By.id("done")).getText());
            assertEquals("federated", target.current().partnerFor("e.test").type().code());
        }
    }

    private static void paste(WebDriver d, String text) {
        WebElement area = d.findElement(By.id("text"));
        area.clear();
        // sendKeys types line by line; setting the value is what pasting does
        ((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1];", area, text);
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
