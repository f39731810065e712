package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/** External access policies in a real browser over HSQLDB: create, assign, look up, delete, reset global. */
class PoliciesPageBrowserIT {
    private static final Properties EN = Bundles.english();
    private static final Map<String, List<String>> GROUPS = Map.of("bob", List.of("Sales"));
    private PolicyService policy;
    private AdminWebServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        policy = PolicyService.load(new Transactions(PartnersPageBrowserIT.freshHsqldb()), GatewaySettings.defaults(), false);
        server = start(Locale.ENGLISH);
        browser = Browser.start("en");
    }

    private AdminWebServer start(Locale locale) throws Exception {
        BundleMessages messages = new BundleMessages(locale, getClass().getClassLoader());
        return AdminWebServer.start("127.0.80.4", Map.of("policies",
                new PoliciesPage(policy, u -> GROUPS.getOrDefault(u, List.of()), messages)), messages);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebDriver open(String page) {
        browser.driver().get(server.url(page));
        return browser.driver();
    }

    private void type(String id, String value) {
        browser.driver().findElement(By.id(id)).clear();
        browser.driver().findElement(By.id(id)).sendKeys(value);
    }

    @Test
    void createAssignLookUpDeleteAndResetGlobal() {
        WebDriver d = open("policies.jsp");
        type("name", "xmpp-users");
        type("description", "May federate");
        d.findElement(By.id("xmppAccess")).click();
        browser.clickAndWait(By.id("save-policy"));
        assertTrue(policy.current().policy("xmpp-users").xmppAccess());

        new Select(d.findElement(By.id("kind"))).selectByValue("group");
        type("subject", "Sales");
        new Select(d.findElement(By.id("policy"))).selectByValue("xmpp-users");
        browser.clickAndWait(By.id("assign"));
        assertEquals(1, policy.current().assignments().size());

        type("lookup", "bob");
        browser.clickAndWait(By.id("lookup-button"));
        String result = d.findElement(By.id("lookup-result")).getText();
        assertTrue(result.contains("xmpp-users") && result.contains(EN.getProperty("policies.lookup.via.group").replace("{0}", "Sales")), result);
        type("lookup", "carol");
        browser.clickAndWait(By.id("lookup-button"));
        assertTrue(d.findElement(By.id("lookup-result")).getText().contains(EN.getProperty("policies.lookup.viaGlobal")));

        browser.clickAndWait(By.cssSelector("#policy-xmpp-users input.delete"));
        assertTrue(policy.current().assignments().isEmpty(), "deleting a policy removes its assignments");

        policy.savePolicy(new AccessPolicy("global", "", true, true, true, true));
        open("policies.jsp");
        browser.clickAndWait(By.id("reset-global"));
        assertEquals(AccessPolicy.globalDefaults(), policy.current().policy("global"));
        browser.screenshot("policies");
    }

    @Test
    void aBadNameShowsItsErrorAndSavesNothing() {
        WebDriver d = open("policies.jsp");
        type("name", "Bad Name!");
        browser.clickAndWait(By.id("save-policy"));
        assertEquals(EN.getProperty("policy.error.policy.name"), d.findElement(By.id("error-name")).getText());
        assertEquals("Bad Name!", d.findElement(By.id("name")).getAttribute("value"));
        assertEquals(1, policy.current().policies().size());
    }

    @Test
    void theRussianLocaleRendersThePage() throws Exception {
        server.close();
        server = start(Locale.forLanguageTag("ru"));
        WebDriver d = open("policies.jsp?lookup=alice");
        assertFalse(d.findElement(By.tagName("body")).getText().contains("???"));
    }
}
