package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The gateway settings form in a real browser: invalid input keeps what was typed and saves nothing. */
class GatewaySettingsPageBrowserIT {
    private static final AtomicReference<GatewaySettings> stored = new AtomicReference<>();
    private static final GatewaySettingsPage.Store STORE = new GatewaySettingsPage.Store() {
        @Override
        public GatewaySettings current() {
            return stored.get();
        }

        @Override
        public void save(GatewaySettings settings) {
            stored.set(settings);
        }
    };
    private static final Properties EN = Bundles.english();

    private static AdminWebServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        BundleMessages messages = new BundleMessages(Locale.ENGLISH, GatewaySettingsPageBrowserIT.class.getClassLoader());
        server = AdminWebServer.start("127.0.80.2", Map.of("gateway-settings", new GatewaySettingsPage(STORE, messages)), messages);
        browser = Browser.start("en");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void defaults() {
        stored.set(GatewaySettings.defaults());
    }

    @Test
    void showsLyncsDefaults() {
        WebDriver d = open();
        assertEquals("1000", d.findElement(By.id("connectionLimit")).getAttribute("value"));
        assertEquals("20", d.findElement(By.id("partnerConnectionLimit")).getAttribute("value"));
        assertEquals("300", d.findElement(By.id("keepAliveInterval")).getAttribute("value"));
        assertEquals("28800", d.findElement(By.id("subscriptionRefresh")).getAttribute("value"));
        assertEquals("enforce", new Select(d.findElement(By.id("mode"))).getFirstSelectedOption().getAttribute("value"));
        assertFalse(d.findElement(By.id("logMessageBodies")).isSelected());
    }

    @Test
    void invalidInputShowsErrorsBesideTheFieldsKeepsWhatWasTypedAndSavesNothing() {
        WebDriver d = open();
        type(d, "connectionLimit", "abc");
        type(d, "keepAliveInterval", "5");
        new Select(d.findElement(By.id("mode"))).selectByValue("observe");
        browser.clickAndWait(By.id("save"));

        assertEquals(EN.getProperty("form.errors"), d.findElement(By.id("errors")).getText());
        assertEquals("'abc' is not a whole number.", d.findElement(By.id("error-connectionLimit")).getText());
        assertEquals("abc", d.findElement(By.id("connectionLimit")).getAttribute("value"));
        assertEquals("5", d.findElement(By.id("keepAliveInterval")).getAttribute("value"));
        assertEquals("observe", new Select(d.findElement(By.id("mode"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals(GatewaySettings.defaults(), stored.get(), "nothing saved");
        browser.screenshot("gateway-settings-invalid");

        type(d, "connectionLimit", "500");
        browser.clickAndWait(By.id("save"));
        assertEquals("Must be at least 30 seconds.", d.findElement(By.id("error-keepAliveInterval")).getText());
        assertEquals(GatewaySettings.defaults(), stored.get(), "still nothing saved");
    }

    @Test
    void aValidChangeIsSavedAndTheFormRedirects() {
        WebDriver d = open();
        type(d, "partnerConnectionLimit", "5");
        new Select(d.findElement(By.id("mode"))).selectByValue("observe");
        d.findElement(By.id("logMessageBodies")).click();
        browser.clickAndWait(By.id("save"));

        assertTrue(d.getCurrentUrl().endsWith("gateway-settings.jsp?saved=true"), d.getCurrentUrl());
        assertEquals(EN.getProperty("gatewaysettings.saved"), d.findElement(By.id("saved")).getText());
        assertEquals(5, stored.get().partnerConnectionLimit());
        assertEquals(EnforcementMode.OBSERVE, stored.get().mode());
        assertTrue(stored.get().logMessageBodies());
        assertEquals("5", d.findElement(By.id("partnerConnectionLimit")).getAttribute("value"));
    }

    @Test
    void aPostWithoutTheFormTokenIsRefusedAndSavesNothing() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(server.url("gateway-settings.jsp")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("connectionLimit=1&partnerConnectionLimit=1&keepAliveInterval=30"
                                + "&streamEstablishmentTimeout=5&streamInactivityTimeout=30&subscriptionRefresh=60&mode=observe"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals(GatewaySettings.defaults(), stored.get());
    }

    private static WebDriver open() {
        WebDriver d = browser.driver();
        d.get(server.url("gateway-settings.jsp"));
        return d;
    }

    private static void type(WebDriver d, String id, String value) {
        WebElement field = d.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    @Test
    void rendersInRussian() throws Exception {
        BundleMessages ru = new BundleMessages(Locale.forLanguageTag("ru"), getClass().getClassLoader());
        try (AdminWebServer russian = AdminWebServer.start("127.0.80.11", Map.of("gateway-settings", new GatewaySettingsPage(STORE, ru)), ru);
             Browser inRussian = Browser.start("ru")) {
            inRussian.driver().get(russian.url("gateway-settings.jsp"));
            Properties bundle = Bundles.russian();
            assertEquals(bundle.getProperty("gatewaysettings.title"), inRussian.driver().getTitle());
            String text = inRussian.driver().findElement(By.tagName("body")).getText();
            assertFalse(text.contains("???"), text);
            assertTrue(text.contains(bundle.getProperty("gatewaysettings.field.connectionLimit")), text);
            inRussian.screenshot("gateway-settings-ru");
        }
    }
}
