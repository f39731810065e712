package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;

/** The status page, precompiled, rendered by a real Chromium in each language. */
class StatusPageBrowserIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "ru"})
    void showsVersionAndPartsInTheAdminsLanguage(String language) throws Exception {
        var bundle = "ru".equals(language) ? Bundles.russian() : Bundles.english();
        List<PartStatus> parts = List.of(PartStatus.running("policy"),
                PartStatus.failed("sip", "cannot listen on udp 127.0.0.1:5060 (BindException: Address already in use)"));
        StatusPage page = new StatusPage("9.9.9-test", () -> parts);
        try (AdminWebServer server = AdminWebServer.start("127.0.80.1", Map.of("status", page),
                     new BundleMessages(Locale.forLanguageTag(language), getClass().getClassLoader()));
             Browser browser = Browser.start(language)) {
            browser.driver().get(server.url("status.jsp"));
            assertEquals(bundle.getProperty("status.title"), browser.driver().getTitle());
            String text = browser.driver().findElement(By.tagName("body")).getText();
            assertTrue(text.contains("9.9.9-test"), text);
            assertTrue(!text.contains("???"), "every label comes from the bundle: " + text);
            assertTrue(text.contains(bundle.getProperty("part.sip")), text);
            assertTrue(text.contains(bundle.getProperty("part.state.failed")), text);
            assertTrue(text.contains("Address already in use"), text);
            assertEquals(2, browser.driver().findElements(By.cssSelector("#parts tbody tr")).size());
            browser.screenshot("status-" + language);
        }
    }
}
