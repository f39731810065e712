package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES, once per installation): installs the built jar into a scratch copy of a real Openfire, as an administrator
 * would, and checks load, pages in English and Russian, reload, unload and a clean openfire.log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EachOpenfire
class RealOpenfirePluginLifecycleIT {
    /** The Openfire this run of the class tests; its server is started once per run, below. */
    @Parameter
    OpenfireInstallation openfireUnderTest;
    private static final String NAME = "federationgateway";
    private static final String STATUS = "/plugins/" + NAME + "/status.jsp";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private static OpenfireServer server;
    private static AdminConsole console;
    private static Path jar;

    @BeforeParameterizedClassInvocation
    static void startOpenfire(OpenfireInstallation openfireInstallation) {
        if (!openfireInstallation.present()) {
            return; // every test is reported as skipped, with how to run it
        }
        Path installation = openfireInstallation.require();
        jar = Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString()));
        server = OpenfireServer.prepare(installation, PluginRoot.resolve("target/openfire-it/" + openfireInstallation.label() + "/lifecycle"), "127.0.60.1", "a.test");
        server.start(Duration.ofSeconds(120));
        console = new AdminConsole(server.adminUrl());
        console.loginWhenReady("admin", "adminpw", Duration.ofSeconds(60));
    }

    @AfterParameterizedClassInvocation
    static void stopOpenfire() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void installedJarLoadsAndIsListed() {
        server.installPluginAndAwait(jar, NAME, "Federation Gateway " + BuildInfo.version() + " loaded", LOAD_TIMEOUT);
        assertEquals(200, console.get(STATUS).status(), "the plugin's status page");
        String plugins = console.get("/plugin-admin.jsp").body();
        assertTrue(plugins.contains("Federation Gateway"), "plugin listed on the Plugins page");
        assertEquals(1, count(server.openfireLog(), "Federation Gateway " + BuildInfo.version() + " loaded"));
    }

    @Test
    @Order(2)
    void pagesAnswerInEnglish() {
        Properties en = Bundles.english();
        AdminConsole.Page page = console.get(STATUS);
        assertEquals(200, page.status());
        assertTrue(page.body().contains(en.getProperty("status.title")), "English title");
        assertTrue(page.body().contains(en.getProperty("status.plugin.version")), "English label");
        assertTrue(page.body().contains(BuildInfo.version()), "version shown");
        String index = console.get("/index.jsp").body();
        assertTrue(index.contains(en.getProperty("federationgateway.sidebar.name")), "sidebar entry from plugin.xml");
    }

    @Test
    @Order(3)
    void pagesAnswerInRussian() {
        Properties ru = Bundles.russian();
        switchLocale("ru_RU");
        try {
            AdminConsole.Page page = console.get(STATUS);
            assertEquals(200, page.status());
            assertTrue(page.body().contains(ru.getProperty("status.title")), "Russian title in:\n" + page.body());
            assertTrue(page.body().contains(ru.getProperty("status.plugin.version")), "Russian label");
        } finally {
            switchLocale("en");
        }
    }

    /**
     * Saving writes Openfire system properties, the API that changed between 5.1 and 5.2 (SystemProperty.setValue):
     * the page must store the values on every supported version.
     */
    @Test
    @Order(4)
    void savingTheGatewaySettingsPageStoresEveryValue() {
        String page = "/plugins/" + NAME + "/gateway-settings.jsp";
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("connectionLimit", "321");
        form.put("partnerConnectionLimit", "17");
        form.put("keepAliveInterval", "240");
        form.put("streamEstablishmentTimeout", "45");
        form.put("streamInactivityTimeout", "900");
        form.put("subscriptionRefresh", "7200");
        form.put("mode", "enforce");
        form.put("save", "Save");
        AdminConsole.Page saved = console.submit(page, form);
        assertEquals(302, saved.status(), "saving answered HTTP " + saved.status() + ":\n" + saved.body());
        String shown = console.get(page).body();
        for (String value : List.of("321", "17", "240", "45", "900", "7200")) {
            assertTrue(shown.contains("value=\"" + value + "\""), "the page shows the saved " + value);
        }
        assertTrue(!server.openfireLog().contains("NoSuchMethodError"), "no linkage error in openfire.log");
    }

    /**
     * The REST API behind Openfire's own servlet and login filter: a script with the shared secret (or an admin's Basic
     * credentials) changes the policy without a console session or form token, and one without is refused.
     */
    @Test
    @Order(5)
    void theRestApiServesScriptsWithTheSecretAndRefusesThemWithout() throws Exception {
        console.setSystemProperty("federationgateway.api.secret", "s3cret-for-tests");
        console.setSystemProperty("federationgateway.api.enabled", "true");
        String api = server.adminUrl() + "/plugins/" + NAME + "/api/v1";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> created = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/partners"))
                .header("Authorization", "s3cret-for-tests").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"primaryDomain\":\"api.example\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), "created through the API: " + created.body());
        java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/partners")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "no secret, no answer: " + anonymous.body());
        String basic = java.util.Base64.getEncoder().encodeToString("admin:adminpw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> asAdmin = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/partner?domain=api.example"))
                .header("Authorization", "Basic " + basic).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, asAdmin.statusCode(), asAdmin.body());
        assertTrue(asAdmin.body().contains("api.example"), asAdmin.body());
        assertTrue(console.get("/plugins/" + NAME + "/partners.jsp").body().contains("api.example"), "the console lists what the API created");
    }

    @Test
    @Order(6)
    void replacingTheJarReloadsItCleanly() {
        server.installPlugin(jar, NAME);
        OpenfireServer.await("a second load after the jar was replaced", LOAD_TIMEOUT,
                () -> count(server.openfireLog(), "Federation Gateway " + BuildInfo.version() + " loaded") == 2);
        // The load line comes after Openfire registered the plugin again, so its pages can be asked for now.
        assertEquals(200, console.get(STATUS).status(), "the status page after reload");
        assertTrue(console.get("/plugins/" + NAME + "/gateway-settings.jsp").body().contains("value=\"321\""),
                "the saved gateway settings survive the reload (stored in Openfire's properties)");
        assertEquals(1, count(server.openfireLog(), "Federation Gateway unloaded: every registration undone"));
    }

    @Test
    @Order(7)
    void deletingTheJarUnloadsIt() {
        server.deletePlugin(NAME);
        OpenfireServer.await("unload after the jar was deleted", LOAD_TIMEOUT,
                () -> count(server.openfireLog(), "Federation Gateway unloaded: every registration undone") == 2);
        // Not the plugin's own page: Openfire answers a page of a plugin it no longer knows with a NullPointerException
        // in its log. The Plugins page says whether it is gone.
        OpenfireServer.await("no longer listed on the Plugins page", LOAD_TIMEOUT,
                () -> !console.get("/plugin-admin.jsp").body().contains("Federation Gateway"));
        List<String> ours = server.threadNames().stream().filter(n -> n.toLowerCase().contains(NAME)).toList();
        assertEquals(List.of(), ours, "threads left behind by the plugin");
    }

    @Test
    @Order(8)
    void openfireLogHoldsNoErrorOrStackTraceFromThePlugin() {
        String log = server.openfireLog();
        List<String> bad = log.lines()
                .filter(l -> (l.contains(" ERROR ") && l.toLowerCase().contains(NAME))
                        || l.contains("at org.federationgateway.")
                        || l.contains("A SystemProperty already exists")
                        // Openfire logs this when a page of a plugin it has not loaded (yet) is asked for; the tests
                        // never do that, so it would point at the plugin's own registration.
                        || l.contains("\"pluginMetadata\" is null"))
                .toList();
        assertEquals(List.of(), bad, "openfire.log lines from the plugin");
    }

    /** Openfire's language page (Server Manager > Language and Time Zone) sets the console's locale live. */
    private static void switchLocale(String localeCode) {
        console.get("/server-locale.jsp");
        AdminConsole.Page result = console.post("/server-locale.jsp", Map.of(
                "localeCode", localeCode, "timeZoneID", "UTC", "save", "Save", "csrf", console.cookie("csrf")));
        assertTrue(result.status() == 200 || result.status() == 302, "locale change answered HTTP " + result.status());
    }

    private static long count(String text, String literal) {
        return Pattern.compile(Pattern.quote(literal)).matcher(text).results().count();
    }
}
