package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.store.ConnectionSource;
import org.federationgateway.store.Database;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The allowed-partners pages in a real browser over a real HSQLDB store. */
class PartnersPageBrowserIT {
    private static final Properties EN = Bundles.english();
    private PolicyService policy;
    private AdminWebServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        policy = PolicyService.load(new Transactions(freshHsqldb()), GatewaySettings.defaults(), false);
        server = start(Locale.ENGLISH);
        browser = Browser.start("en");
    }

    private AdminWebServer start(Locale locale) throws Exception {
        BundleMessages messages = new BundleMessages(locale, getClass().getClassLoader());
        return AdminWebServer.start("127.0.80.3", Map.of(
                "partners", new PartnersPage(policy, messages),
                "partner-edit", new PartnerEditPage(policy, messages)), messages);
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

    static ConnectionSource freshHsqldb() throws Exception {
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
        }
        return () -> DriverManager.getConnection(url, "SA", "");
    }

    private WebDriver open(String page) {
        WebDriver d = browser.driver();
        d.get(server.url(page));
        return d;
    }

    private static void type(WebDriver d, String id, String value) {
        WebElement field = d.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    @Test
    void addEditAndDeleteAPartner() {
        WebDriver d = open("partners.jsp");
        assertNotNull(d.findElement(By.id("no-partners")));
        browser.clickAndWait(By.id("add-partner"));
        type(d, "primaryDomain", "B.Test");
        type(d, "additionalDomains", "conference.b.test\n*.users.b.test");
        new Select(d.findElement(By.id("partnerType"))).selectByValue("public-verified");
        new Select(d.findElement(By.id("tlsNegotiation"))).selectByValue("optional");
        type(d, "connectionLimit", "5");
        type(d, "description", "Contact: ops@b.test");
        browser.clickAndWait(By.id("save"));

        assertEquals(EN.getProperty("partners.saved").replace("{0}", "b.test"), d.findElement(By.id("done")).getText());
        Partner stored = policy.current().partners().get(0);
        assertEquals("b.test", stored.primaryDomain().value());
        assertEquals(PartnerType.PUBLIC_VERIFIED, stored.type());
        assertEquals(Negotiation.OPTIONAL, stored.rules().tls());
        assertEquals(5, stored.connectionLimit());
        assertEquals(2, stored.additionalDomains().size());
        assertTrue(d.findElement(By.id("partners")).getText().contains(EN.getProperty("policy.warning.sasl-needs-tls")),
                "the matrix warning is shown beside the partner");

        browser.clickAndWait(By.linkText("b.test"));
        new Select(d.findElement(By.id("partnerType"))).selectByValue("federated");
        browser.clickAndWait(By.id("save"));
        assertEquals(PartnerType.FEDERATED, policy.current().partners().get(0).type());

        browser.clickAndWait(By.cssSelector("form.delete input[type=submit]"));
        assertTrue(policy.current().partners().isEmpty());
        browser.screenshot("partners-after-delete");
    }

    @Test
    void anInvalidCombinationShowsItsErrorKeepsWhatWasTypedAndSavesNothing() {
        WebDriver d = open("partner-edit.jsp");
        type(d, "primaryDomain", "c.test");
        new Select(d.findElement(By.id("tlsNegotiation"))).selectByValue("not-supported");
        new Select(d.findElement(By.id("saslNegotiation"))).selectByValue("required");
        d.findElement(By.id("dialback")).click(); // off
        type(d, "description", "kept as typed");
        browser.clickAndWait(By.id("save"));

        assertEquals(EN.getProperty("policy.error.negotiation.saslWithoutTls"), d.findElement(By.id("error-saslNegotiation")).getText());
        assertEquals("c.test", d.findElement(By.id("primaryDomain")).getAttribute("value"));
        assertEquals("not-supported", new Select(d.findElement(By.id("tlsNegotiation"))).getFirstSelectedOption().getAttribute("value"));
        assertFalse(d.findElement(By.id("dialback")).isSelected());
        assertEquals("kept as typed", d.findElement(By.id("description")).getAttribute("value"));
        assertTrue(policy.current().partners().isEmpty(), "nothing saved");
        browser.screenshot("partner-invalid-combination");
    }

    /** Beside the form, the matrix the session checks use: TLS Optional, SASL Required, dialback on accepts dialback. */
    @Test
    void theFormShowsWhichAuthenticationEachCombinationAccepts() {
        WebDriver d = open("partner-edit.jsp");
        assertEquals(EN.getProperty("negotiation.matrix.heading"), d.findElement(By.id("negotiation-matrix")).getText());
        java.util.List<WebElement> rows = d.findElements(By.cssSelector("table.negotiation-matrix tr"));
        assertEquals(1 + 18, rows.size(), "a heading and every combination");
        java.util.List<String> optionalRequiredOn = rows.get(7).findElements(By.tagName("td")).stream().map(WebElement::getText).limit(6).toList();
        assertEquals(java.util.List.of("Optional", "Required", "on", "accepted", "accepted", "accepted"), optionalRequiredOn);
    }

    @Test
    void aScriptTagInADescriptionRendersInert() {
        policy.addPartner(Partner.withDefaults(Domain.parse("x.test")).withDescription("<script>alert('owned')</script><b>bold</b>"));
        WebDriver d = open("partners.jsp");
        assertThrows(NoAlertPresentException.class, () -> d.switchTo().alert());
        String cell = d.findElement(By.cssSelector("td.description")).getText();
        assertTrue(cell.contains("<script>alert('owned')</script><b>bold</b>"), cell);
        assertTrue(d.findElements(By.cssSelector("td.description b")).isEmpty(), "markup is text, not elements");
    }

    @Test
    void theWildcardFilterAndTheBulkChange() {
        for (String domain : List.of("jabber.org", "chat.example.org", "b.test")) {
            policy.addPartner(Partner.withDefaults(Domain.parse(domain))
                    .withRules(new org.federationgateway.policy.NegotiationRules(Negotiation.REQUIRED, Negotiation.OPTIONAL, true)));
        }
        WebDriver d = open("partners.jsp");
        type(d, "filter", "*.org");
        browser.clickAndWait(By.id("apply-filter"));
        assertEquals(2, d.findElements(By.cssSelector("tr.partner")).size());

        new Select(d.findElement(By.id("bulk-sasl"))).selectByValue("required");
        browser.clickAndWait(By.id("bulk-apply"));
        assertTrue(policy.current().partners().stream().allMatch(p -> p.rules().sasl() == Negotiation.REQUIRED));
        assertEquals(3, d.findElements(By.cssSelector("tr.partner")).size(), "the bulk change applies to every partner");
    }

    @Test
    void aPostWithoutTheFormTokenIsRefusedAndDeletesNothing() throws Exception {
        policy.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url("partners.jsp")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("action=delete&domain=b.test")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals(1, policy.current().partners().size());
    }

    @Test
    void theRussianLocaleRendersBothPages() throws Exception {
        server.close();
        server = start(Locale.forLanguageTag("ru"));
        policy.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        for (String page : List.of("partners.jsp", "partner-edit.jsp", "partner-edit.jsp?original=b.test")) {
            WebDriver d = open(page);
            String text = d.findElement(By.tagName("body")).getText();
            assertFalse(text.contains("???"), page + ": " + text);
            assertTrue(d.getTitle().startsWith("Шлюз федерации"), d.getTitle());
        }
        browser.screenshot("partners-ru");
    }
}
