package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.lifecycle.Part;
import org.federationgateway.lifecycle.PartStarter;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.lifecycle.Registrations;
import org.federationgateway.lifecycle.RestartablePart;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.sip.SipEndpointSettings;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.web.AdminWebServer;
import org.federationgateway.testing.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The SIP front end page in a real browser over a real SIP stack: saving restarts the stack on the new port;
 * invalid input keeps what was typed and changes nothing; passwords never reach the page.
 */
class SipSettingsPageBrowserIT {
    private static final String ADDRESS = "127.0.80.7";

    private final Map<String, String> stored = new LinkedHashMap<>();
    private Registrations registrations;
    private AdminWebServer server;
    private Browser browser;
    private final AtomicReference<List<PartStatus>> parts = new AtomicReference<>(List.of());

    @BeforeEach
    void start() throws Exception {
        stored.clear();
        stored.putAll(Map.ofEntries(Map.entry("enabled", "true"), Map.entry("addressing", "shared"), Map.entry("component.subdomain", "sip"),
                Map.entry("listen.address", ADDRESS), Map.entry("listen.port", "15060"), Map.entry("listen.transports", "udp,tcp"),
                Map.entry("tls.port", "5061"), Map.entry("tls.keyStore", ""), Map.entry("tls.keyStorePassword", "s3cret-never-shown"),
                Map.entry("tls.trustStore", ""), Map.entry("tls.trustStorePassword", ""), Map.entry("tls.trustedPeerNames", ""),
                Map.entry("frontEnd.host", "127.0.80.8"), Map.entry("frontEnd.port", "5060"), Map.entry("frontEnd.transport", "udp"),
                Map.entry("trustedPeers", ""), Map.entry("keepAlive", "30"), Map.entry("domainMappings", ""), Map.entry("sipHomedPatterns", ""),
                Map.entry("messageType", "normal"), Map.entry("errorWindow", "2")));
        // The SIP part as the plugin has it: a real JAIN-SIP stack from the stored settings, restartable.
        RestartablePart sip = new RestartablePart(Part.of("sip", true, () -> SipEndpoint.start(endpointSettings(), m -> CompletableFuture.completedFuture(
                new SipStatus(480, "no XMPP side in this test")), Clock.systemUTC())));
        registrations = new Registrations();
        registrations.add("sip-restartable", sip);
        parts.set(List.of(new PartStarter(registrations).start(sip)));
        SipSettingsPage.Store store = new SipSettingsPage.Store() {
            @Override
            public Map<String, String> current() {
                return Map.copyOf(stored);
            }

            @Override
            public void save(Map<String, String> values) {
                stored.putAll(values);
            }

            @Override
            public PartStatus apply() {
                PartStatus s = sip.restart();
                parts.set(List.of(s));
                return s;
            }
        };
        BundleMessages messages = new BundleMessages(Locale.ENGLISH, getClass().getClassLoader());
        server = AdminWebServer.start("127.0.80.6", Map.of("sip-settings", new SipSettingsPage(store, parts::get, messages)), messages);
        browser = Browser.start("en");
    }

    private SipEndpointSettings endpointSettings() {
        BridgeSettings b = BridgeSettings.parse(true, stored.get("listen.address"), Integer.parseInt(stored.get("listen.port")), stored.get("listen.transports"),
                stored.get("frontEnd.host"), Integer.parseInt(stored.get("frontEnd.port")), stored.get("frontEnd.transport"), "", Duration.ofSeconds(30), "", "",
                "normal", Duration.ofSeconds(2), "shared", "sip", BridgeSettings.TlsText.NONE);
        return new SipEndpointSettings(b.listenAddress(), b.listenPort(), b.transports(), b.frontEndHost(), b.frontEndPort(), b.frontEndTransport(),
                b.trustedSources(), b.keepAlive(), "sip-settings-it");
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        registrations.closeAll();
    }

    @Test
    void savingRestartsTheSipStackOnTheNewPort() {
        assertTrue(udpInUse(15060), "the stack listens on the stored port");
        WebDriver d = open();
        assertEquals("", d.findElement(By.id("tlsKeyStorePassword")).getAttribute("value"), "a stored password is never sent to the browser");
        assertFalse(d.getPageSource().contains("s3cret-never-shown"));
        type(d, "listenPort", "15062");
        browser.clickAndWait(By.id("save"));

        assertTrue(d.getCurrentUrl().endsWith("sip-settings.jsp?saved=true"), d.getCurrentUrl());
        assertEquals(Bundles.english().getProperty("sipsettings.saved"), d.findElement(By.id("saved")).getText());
        assertTrue(d.findElement(By.id("sip-state")).getText().contains(Bundles.english().getProperty("part.state.running")));
        assertEquals("15062", stored.get("listen.port"));
        assertEquals("s3cret-never-shown", stored.get("tls.keyStorePassword"), "an empty password field keeps the stored one");
        assertTrue(udpInUse(15062), "the restarted stack listens on the new port");
        assertFalse(udpInUse(15060), "the old stack let go of its port");
    }

    @Test
    void invalidInputShowsTheErrorBesideTheFieldKeepsWhatWasTypedAndChangesNothing() {
        WebDriver d = open();
        type(d, "listenPort", "70000");
        type(d, "domainMappings", "a.test=");
        d.findElement(By.id("transport-udp")).click(); // untick udp, the front end's transport
        browser.clickAndWait(By.id("save"));

        assertEquals(Bundles.english().getProperty("form.errors"), d.findElement(By.id("errors")).getText());
        assertEquals("A port is 1 to 65535, not \"70000\".", d.findElement(By.id("error-listenPort")).getText());
        assertEquals("70000", d.findElement(By.id("listenPort")).getAttribute("value"));
        assertEquals("a.test=", d.findElement(By.id("domainMappings")).getAttribute("value"));
        assertFalse(d.findElement(By.id("transport-udp")).isSelected());
        assertEquals("15060", stored.get("listen.port"), "nothing saved");
        assertTrue(udpInUse(15060), "the running stack was left alone");
        browser.screenshot("sip-settings-invalid");

        type(d, "listenPort", "15060");
        browser.clickAndWait(By.id("save"));
        assertEquals("Write each mapping as xmpp.domain=sip.domain with valid domain names: \"a.test=\".",
                d.findElement(By.id("error-domainMappings")).getText(), "the next problem is named beside its field");
        assertEquals("", stored.get("domainMappings"), "still nothing saved");
    }

    @Test
    void aPostWithoutTheFormTokenIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(server.url("sip-settings.jsp")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("enabled=true&listenAddress=127.0.80.7&listenPort=15064&transport-udp=true"
                                + "&frontEndHost=127.0.80.8&frontEndPort=5060&frontEndTransport=udp&keepAlive=30&errorWindow=2&tlsPort=5061"
                                + "&addressing=shared&componentSubdomain=sip&messageType=normal"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals("15060", stored.get("listen.port"));
    }

    @Test
    void rendersInRussian() throws Exception {
        browser.close();
        browser = Browser.start("ru");
        BundleMessages ru = new BundleMessages(Locale.forLanguageTag("ru"), getClass().getClassLoader());
        try (AdminWebServer russian = AdminWebServer.start("127.0.80.9", Map.of("sip-settings", new SipSettingsPage(new SipSettingsPage.Store() {
            @Override
            public Map<String, String> current() {
                return Map.copyOf(stored);
            }

            @Override
            public void save(Map<String, String> values) {
                throw new AssertionError("not in this test");
            }

            @Override
            public PartStatus apply() {
                throw new AssertionError("not in this test");
            }
        }, parts::get, ru)), ru)) {
            WebDriver d = browser.driver();
            d.get(russian.url("sip-settings.jsp"));
            assertEquals(Bundles.russian().getProperty("sipsettings.title"), d.getTitle());
            String text = d.findElement(By.tagName("body")).getText();
            assertFalse(text.contains("???"), text);
            assertTrue(text.contains(Bundles.russian().getProperty("sipsettings.field.frontEndHost")), text);
            assertEquals("shared", new Select(d.findElement(By.id("addressing"))).getFirstSelectedOption().getAttribute("value"));
            browser.screenshot("sip-settings-ru");
        }
    }

    private static boolean udpInUse(int port) {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.bind(new InetSocketAddress(ADDRESS, port));
            return false;
        } catch (BindException e) {
            return true;
        } catch (java.net.SocketException e) {
            throw new AssertionError(e);
        }
    }

    private WebDriver open() {
        WebDriver d = browser.driver();
        d.get(server.url("sip-settings.jsp"));
        return d;
    }

    private static void type(WebDriver d, String id, String value) {
        WebElement field = d.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
