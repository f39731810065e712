package org.federationgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.admin.AdminChanges;
import org.federationgateway.admin.BundleMessages;
import org.federationgateway.admin.GatewaySettingsPage;
import org.federationgateway.admin.Pages;
import org.federationgateway.admin.PartnerEditPage;
import org.federationgateway.admin.PartnersPage;
import org.federationgateway.admin.PoliciesPage;
import org.federationgateway.admin.ReadinessPage;
import org.federationgateway.admin.SipSettingsPage;
import org.federationgateway.admin.StatusPage;
import org.federationgateway.audit.Audit;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.readiness.Finding;
import org.federationgateway.readiness.Readiness;
import org.federationgateway.readiness.Verdict;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.store.Database;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.web.AdminWebServer;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API over real HTTP, served by the plugin's own web layer (merged web.xml, the API servlet, the
 * page controllers) in an embedded Jetty ee8, over a real HSQLDB store with the plugin's schema.
 */
class ApiIT {
    private static final String SECRET = "s3cret-for-the-api-test";
    private static final Properties EN = Bundles.english();

    private final AtomicBoolean enabled = new AtomicBoolean(true);
    private final List<String[]> audit = new CopyOnWriteArrayList<>();
    private final AtomicReference<GatewaySettings> gateway = new AtomicReference<>(GatewaySettings.defaults());
    private final Map<String, String> sip = new LinkedHashMap<>();
    private PolicyService policy;
    private AdminWebServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        boot();
    }

    /** A server with a fresh database, as after installing the plugin. */
    private void boot() throws Exception {
        if (server != null) {
            server.close();
        }
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
        }
        policy = PolicyService.load(new Transactions(() -> DriverManager.getConnection(url, "SA", "")), GatewaySettings.defaults(), false);
        sip.putAll(Map.ofEntries(Map.entry("enabled", "false"), Map.entry("addressing", "shared"), Map.entry("component.subdomain", "sip"),
                Map.entry("listen.address", "127.0.80.19"), Map.entry("listen.port", "15060"), Map.entry("listen.transports", "udp,tcp"),
                Map.entry("tls.port", "5061"), Map.entry("tls.keyStore", ""), Map.entry("tls.keyStorePassword", "never-shown"),
                Map.entry("tls.trustStore", ""), Map.entry("tls.trustStorePassword", ""), Map.entry("tls.trustedPeerNames", ""),
                Map.entry("frontEnd.host", "127.0.80.20"), Map.entry("frontEnd.port", "5060"), Map.entry("frontEnd.transport", "udp"),
                Map.entry("trustedPeers", ""), Map.entry("keepAlive", "30"), Map.entry("domainMappings", ""), Map.entry("sipHomedPatterns", ""),
                Map.entry("messageType", "normal"), Map.entry("errorWindow", "2")));
        BundleMessages messages = new BundleMessages(Locale.ENGLISH, getClass().getClassLoader());
        AtomicReference<Pages> pages = new AtomicReference<>();
        List<PartStatus> parts = List.of(PartStatus.running("policy"), PartStatus.disabled("sip"));
        Readiness.Report report = new Readiness.Report(Instant.parse("2026-12-01T10:00:00Z"),
                List.of(Finding.of("ports", "readiness.ports.ok", Verdict.OK, "s2s", "127.0.80.19:5269")));
        Map<String, org.federationgateway.admin.PageController> controllers = Map.of(
                "partners", new PartnersPage(policy, messages),
                "partner-edit", new PartnerEditPage(policy, messages),
                "policies", new PoliciesPage(policy, user -> "alice".equals(user) ? List.of("sales") : List.of(), messages),
                "gateway-settings", new GatewaySettingsPage(new GatewaySettingsPage.Store() {
                    @Override
                    public GatewaySettings current() {
                        return gateway.get();
                    }

                    @Override
                    public void save(GatewaySettings settings) {
                        gateway.set(settings);
                    }
                }, messages),
                "sip-settings", new SipSettingsPage(new SipSettingsPage.Store() {
                    @Override
                    public Map<String, String> current() {
                        return Map.copyOf(sip);
                    }

                    @Override
                    public void save(Map<String, String> values) {
                        sip.putAll(values);
                    }

                    @Override
                    public PartStatus apply() {
                        return PartStatus.disabled("sip");
                    }
                }, () -> parts, messages),
                "status", new StatusPage("9.9.9-api", new StatusPage.Sources(() -> parts, List::of,
                        () -> new FrontEndView("down", "", null, ""), policy::current, new Audit(10)), messages),
                "readiness", new ReadinessPage(() -> report, messages),
                "transfer", new org.federationgateway.admin.TransferPage(policy, messages),
                "test-message", new org.federationgateway.admin.TestMessagePage(new org.federationgateway.testmessage.TestMessages(policy::current,
                        new org.federationgateway.policy.PolicyEvaluator(), user -> List.of(), scriptedXmpp(), scriptedSip(), messages,
                        java.time.Clock.systemUTC(), System::nanoTime), messages));
        pages.set(new Pages(controllers, messages,
                new AdminChanges(() -> Api.auditState(policy, pages.get()), (who, what, details) -> audit.add(new String[] {who, what, details}))));
        ApiAccess access = new ApiAccess(enabled::get, () -> SECRET,
                (user, password) -> "admin".equals(user) && "adminpw".equals(password) ? Optional.of("admin") : Optional.empty());
        server = AdminWebServer.start("127.0.80.19", pages.get(), new Api(access, pages.get(), policy, user -> "alice".equals(user) ? List.of("sales") : List.of()));
    }

    /** What the test message's sides were asked to send, in order. */
    private final List<String> testSent = new CopyOnWriteArrayList<>();

    /** The XMPP side as scripted here (the real one is Openfire's, in RealOpenfireTestMessageIT): alice exists, b.test answers receipts. */
    private org.federationgateway.testmessage.TestMessages.XmppSide scriptedXmpp() {
        return new org.federationgateway.testmessage.TestMessages.XmppSide() {
            @Override
            public String domain() {
                return "a.test";
            }

            @Override
            public boolean isUser(String username) {
                return "alice".equals(username);
            }

            @Override
            public Optional<org.federationgateway.testmessage.SessionView> outgoingSession(String remoteDomain) {
                return Optional.of(new org.federationgateway.testmessage.SessionView("sasl-external", true, "TLSv1.3", "TLS_AES_128_GCM_SHA256"));
            }

            @Override
            public org.federationgateway.testmessage.PingAnswer ping(String remoteDomain, String id, Duration wait) {
                testSent.add("ping " + remoteDomain);
                return new org.federationgateway.testmessage.PingAnswer.Pong();
            }

            @Override
            public org.federationgateway.testmessage.Evidence send(String fromJid, String toJid, String id, String body, Duration wait) {
                testSent.add("message " + fromJid + " -> " + toJid);
                return new org.federationgateway.testmessage.Evidence.Receipt(toJid + "/phone");
            }
        };
    }

    private org.federationgateway.testmessage.TestMessages.SipSide scriptedSip() {
        return new org.federationgateway.testmessage.TestMessages.SipSide() {
            @Override
            public Lookup lookup(String sipUri) {
                return new Off();
            }

            @Override
            public org.federationgateway.testmessage.SipAnswer sendToSip(String fromJid, String toXmppAddress, String id, String body, Duration wait) {
                throw new AssertionError("the bridge is off here");
            }
        };
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- HTTP helpers

    private record Answer(int status, String body, HttpResponse<String> response) {
        JSONObject json() {
            return new JSONObject(body);
        }

        String etag() {
            return response.headers().firstValue("ETag").orElse(null);
        }

        String field(String name) {
            return json().getJSONObject("fields").getString(name);
        }
    }

    private Answer call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/" + path)).timeout(Duration.ofSeconds(30));
        List<String> h = new ArrayList<>(List.of(headers));
        if (h.stream().noneMatch(x -> x.equalsIgnoreCase("Authorization"))) {
            h.add("Authorization");
            h.add(SECRET);
        }
        if (body != null && h.stream().noneMatch(x -> x.equalsIgnoreCase("Content-Type"))) {
            h.add("Content-Type");
            h.add("application/json");
        }
        for (int i = 0; i < h.size(); i += 2) {
            b.header(h.get(i), h.get(i + 1));
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body(), r);
    }

    private Answer get(String path) throws Exception {
        return call("GET", path, null);
    }

    // ---- authentication

    @Test
    void refusedWithoutTheSecretWithAWrongOneAndWhileDisabled() throws Exception {
        Answer none = call("GET", "partners", null, "Authorization", "");
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().getString("error"));
        assertTrue(none.response().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), "asks for credentials");
        assertEquals(401, call("GET", "partners", null, "Authorization", SECRET + "x").status());
        assertEquals(401, call("GET", "partners", null, "Authorization", basic("admin", "wrong")).status());
        assertEquals(401, call("POST", "partners", "{\"primaryDomain\":\"b.test\"}", "Authorization", "").status());
        assertTrue(policy.current().partners().isEmpty(), "a refused call saves nothing");

        assertEquals(200, call("GET", "partners", null, "Authorization", basic("admin", "adminpw")).status(), "an administrator's Basic credentials");
        assertEquals(200, get("partners").status(), "the shared secret");

        enabled.set(false);
        Answer disabled = get("partners");
        assertEquals(403, disabled.status());
        assertEquals(EN.getProperty("api.error.disabled"), disabled.json().getString("message"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownPathsMethodsMediaTypesAndBadJsonAreRefusedByName() throws Exception {
        assertEquals(404, get("nothing-here").status());
        Answer method = call("DELETE", "partners", null);
        assertEquals(405, method.status());
        assertEquals("GET, POST", method.response().headers().firstValue("Allow").orElse(""));
        assertEquals(415, call("POST", "partners", "{\"primaryDomain\":\"b.test\"}", "Content-Type", "application/x-www-form-urlencoded").status(),
                "a form post (what a page elsewhere could forge) is refused");
        Answer bad = call("POST", "partners", "{primaryDomain: 'b.test'}");
        assertEquals(400, bad.status());
        assertEquals("bad-json", bad.json().getString("error"));
        assertEquals(400, call("POST", "partners", "{\"primaryDomain\":\"b.test\",\"primaryDomain\":\"c.test\"}").status(), "duplicate names");
        assertTrue(policy.current().partners().isEmpty());
    }

    // ---- partners

    @Test
    void partnersCreateGetListUpdateAndDeleteWithETags() throws Exception {
        Answer created = call("POST", "partners", "{\"primaryDomain\":\"B.Test\",\"partnerType\":\"federated\",\"additionalDomains\":[\"conference.b.test\"],"
                + "\"connectionLimit\":5}");
        assertEquals(201, created.status(), created.body());
        assertEquals("partner?domain=b.test", created.response().headers().firstValue("Location").orElse(""));
        assertEquals("b.test", created.json().getString("primaryDomain"));
        assertEquals("required", created.json().getString("saslNegotiation"), "fields left out take Lync's defaults");
        assertEquals(PartnerType.FEDERATED, policy.current().partners().get(0).type());
        assertEquals(5, policy.current().partners().get(0).connectionLimit());
        String etag = created.etag();
        assertNotNull(etag);

        assertEquals(409, call("POST", "partners", "{\"primaryDomain\":\"b.test\"}").status());
        assertEquals(201, call("POST", "partners", "{\"primaryDomain\":\"e.test\"}").status());

        Answer listed = get("partners?filter=b*");
        assertEquals(200, listed.status());
        JSONArray partners = listed.json().getJSONArray("partners");
        assertEquals(1, partners.length());
        assertEquals("b.test", partners.getJSONObject(0).getString("primaryDomain"));
        assertEquals(2, get("partners").json().getJSONArray("partners").length());

        Answer one = get("partner?domain=b.test");
        assertEquals(200, one.status());
        assertEquals(etag, one.etag(), "the same resource, the same ETag");
        assertEquals(404, get("partner?domain=nobody.test").status());
        assertEquals(400, get("partner").status());

        Answer noIfMatch = call("PUT", "partner?domain=b.test", "{\"description\":\"ops@b.test\"}");
        assertEquals(428, noIfMatch.status());
        Answer changed = call("PUT", "partner?domain=b.test", "{\"description\":\"ops@b.test\"}", "If-Match", etag);
        assertEquals(200, changed.status(), changed.body());
        assertEquals("ops@b.test", changed.json().getString("description"));
        assertEquals("federated", changed.json().getString("partnerType"), "fields left out keep their values");
        assertFalse(etag.equals(changed.etag()));
        assertEquals("ops@b.test", policy.current().partnerFor("b.test").description());

        Answer renamed = call("PUT", "partner?domain=b.test", "{\"primaryDomain\":\"bb.test\"}", "If-Match", changed.etag());
        assertEquals(200, renamed.status(), renamed.body());
        assertNull(policy.current().partnerFor("b.test"));
        assertEquals(428, call("DELETE", "partner?domain=bb.test", null).status());
        assertEquals(412, call("DELETE", "partner?domain=bb.test", null, "If-Match", etag).status());
        assertEquals(204, call("DELETE", "partner?domain=bb.test", null, "If-Match", renamed.etag()).status());
        assertEquals(404, get("partner?domain=bb.test").status());
        assertEquals(1, policy.current().partners().size());
    }

    @Test
    void twoScriptsCannotOverwriteEachOther() throws Exception {
        String etag = call("POST", "partners", "{\"primaryDomain\":\"b.test\"}").etag();
        Answer first = call("PUT", "partner?domain=b.test", "{\"description\":\"first\"}", "If-Match", etag);
        assertEquals(200, first.status());
        Answer second = call("PUT", "partner?domain=b.test", "{\"description\":\"second\"}", "If-Match", etag);
        assertEquals(412, second.status(), "the second script read the partner before the first one changed it");
        assertEquals(first.etag(), second.etag(), "the 412 says what the partner is now");
        assertEquals("first", policy.current().partnerFor("b.test").description());
    }

    @Test
    void aBadFieldIsNamedWithThePagesReasonAndNothingIsSaved() throws Exception {
        Answer invalid = call("POST", "partners", "{\"primaryDomain\":\"b.test\",\"tlsNegotiation\":\"not-supported\",\"saslNegotiation\":\"required\","
                + "\"dialback\":false}");
        assertEquals(400, invalid.status(), invalid.body());
        assertEquals("invalid", invalid.json().getString("error"));
        assertTrue(invalid.json().getJSONObject("fields").has("saslNegotiation"), invalid.body());
        Answer domain = call("POST", "partners", "{\"primaryDomain\":\"not a domain\"}");
        assertEquals(400, domain.status());
        assertTrue(domain.json().getJSONObject("fields").has("primaryDomain"), domain.body());
        Answer typed = call("POST", "partners", "{\"primaryDomain\":\"b.test\",\"dialback\":\"yes\",\"colour\":\"red\"}");
        assertEquals(400, typed.status());
        assertEquals(EN.getProperty("api.error.type").replace("{0}", EN.getProperty("api.type.boolean")), typed.field("dialback"));
        assertEquals(EN.getProperty("api.error.unknownField"), typed.field("colour"));
        Answer limit = call("POST", "partners", "{\"primaryDomain\":\"b.test\",\"connectionLimit\":0}");
        assertEquals(400, limit.status());
        assertEquals(java.text.MessageFormat.format(EN.getProperty("policy.error.partner.connectionLimit"), 0), limit.field("connectionLimit"));
        assertTrue(policy.current().partners().isEmpty(), "nothing saved");
        assertTrue(audit.isEmpty(), "nothing audited: nothing changed");
    }

    @Test
    void bulkRuleChangeIsAllOrNothing() throws Exception {
        for (String d : List.of("b.test", "e.test", "other.org")) {
            assertEquals(201, call("POST", "partners", "{\"primaryDomain\":\"" + d + "\",\"saslNegotiation\":\"optional\"}").status());
        }
        Answer done = call("POST", "partners/bulk", "{\"filter\":\"*.test\",\"saslNegotiation\":\"required\"}");
        assertEquals(200, done.status(), done.body());
        assertEquals(2, done.json().getInt("changed"));
        assertEquals(Negotiation.REQUIRED, policy.current().partnerFor("b.test").rules().sasl());
        assertEquals(Negotiation.OPTIONAL, policy.current().partnerFor("other.org").rules().sasl(), "outside the filter");

        Answer refused = call("POST", "partners/bulk", "{\"tlsNegotiation\":\"not-supported\",\"dialback\":false}");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.json().getJSONObject("fields").toString().contains("b.test"), "the partner is named: " + refused.body());
        assertEquals(Negotiation.REQUIRED, policy.current().partnerFor("b.test").rules().tls(), "no partner changed");
        assertEquals(400, call("POST", "partners/bulk", "{\"filter\":\"*\"}").status(), "nothing to change");
        assertEquals(412, call("POST", "partners/bulk", "{\"dialback\":false}", "If-Match", "\"stale\"").status());
        assertTrue(policy.current().partnerFor("b.test").rules().dialback());
    }

    // ---- policies and assignments

    @Test
    void policiesAssignmentsAndTheEffectivePolicy() throws Exception {
        Answer created = call("POST", "policies", "{\"name\":\"Sales\",\"xmppAccess\":true}");
        assertEquals(201, created.status(), created.body());
        assertEquals("sales", created.json().getString("name"));
        assertEquals(409, call("POST", "policies", "{\"name\":\"sales\"}").status());
        Answer badName = call("POST", "policies", "{\"name\":\"-bad name\"}");
        assertEquals(400, badName.status());
        assertTrue(badName.json().getJSONObject("fields").has("name"));
        assertEquals(2, get("policies").json().getJSONArray("policies").length(), "global and sales");

        Answer put = call("PUT", "policy?name=sales", "{\"federationAccess\":true}", "If-Match", created.etag());
        assertEquals(200, put.status(), put.body());
        assertTrue(policy.current().policy("sales").federationAccess());
        assertTrue(policy.current().policy("sales").xmppAccess(), "kept");
        assertEquals(400, call("PUT", "policy?name=sales", "{\"name\":\"other\"}", "If-Match", put.etag()).status(), "no rename");
        assertEquals(404, get("policy?name=nothing").status());

        Answer granted = call("PUT", "assignment?kind=group&subject=sales", "{\"policy\":\"sales\"}");
        assertEquals(201, granted.status(), granted.body());
        Answer unknownPolicy = call("PUT", "assignment?kind=user&subject=bob", "{\"policy\":\"nothing\"}");
        assertEquals(400, unknownPolicy.status());
        assertTrue(unknownPolicy.json().getJSONObject("fields").has("policy"), unknownPolicy.body());
        assertEquals(400, call("PUT", "assignment?kind=planet&subject=bob", "{\"policy\":\"sales\"}").status());
        assertEquals(428, call("PUT", "assignment?kind=group&subject=sales", "{\"policy\":\"global\"}").status(), "it exists: If-Match needed");
        assertEquals(1, get("assignments?kind=group").json().getJSONArray("assignments").length());
        assertEquals(200, get("assignment?kind=group&subject=sales").status());

        JSONObject effective = get("effective-policy?user=alice").json();
        assertEquals("sales", effective.getJSONObject("policy").getString("name"));
        assertEquals("group", effective.getString("via"));
        assertEquals("global", get("effective-policy?sip=romeo@a.test").json().getString("via"));
        assertEquals(400, get("effective-policy?user=alice&sip=romeo@a.test").status());

        assertEquals(204, call("DELETE", "assignment?kind=group&subject=sales", null, "If-Match", granted.etag()).status());
        assertEquals("global", get("effective-policy?user=alice").json().getString("via"));

        Answer global = get("policy?name=global");
        Answer deleteGlobal = call("DELETE", "policy?name=global", null, "If-Match", global.etag());
        assertEquals(400, deleteGlobal.status(), "the global policy is reset, not deleted");
        assertEquals(EN.getProperty("policy.error.policy.globalDelete"), deleteGlobal.field("name"));
        assertEquals(200, call("PUT", "policy?name=global", "{\"xmppAccess\":true}", "If-Match", global.etag()).status());
        Answer reset = call("POST", "policies/reset-global", "{}");
        assertEquals(200, reset.status(), reset.body());
        assertFalse(reset.json().getBoolean("xmppAccess"));
        assertEquals(AccessPolicy.globalDefaults(), policy.current().policy("global"));
        assertEquals(204, call("DELETE", "policy?name=sales", null, "If-Match", get("policy?name=sales").etag()).status());
        assertNull(policy.current().policy("sales"));
    }

    // ---- settings, status, readiness, the document

    @Test
    void gatewaySettingsAreValidatedAsTheirPageDoes() throws Exception {
        Answer current = get("settings/gateway");
        assertEquals(200, current.status());
        assertEquals(20, current.json().getInt("partnerConnectionLimit"));
        Answer tooShort = call("PUT", "settings/gateway", "{\"keepAliveInterval\":1}", "If-Match", current.etag());
        assertEquals(400, tooShort.status(), tooShort.body());
        assertTrue(tooShort.json().getJSONObject("fields").has("keepAliveInterval"));
        assertEquals(GatewaySettings.defaults(), gateway.get(), "nothing saved");
        assertEquals(428, call("PUT", "settings/gateway", "{\"partnerConnectionLimit\":5}").status());
        Answer saved = call("PUT", "settings/gateway", "{\"partnerConnectionLimit\":5,\"mode\":\"observe\"}", "If-Match", current.etag());
        assertEquals(200, saved.status(), saved.body());
        assertEquals(5, gateway.get().partnerConnectionLimit());
        assertEquals(412, call("PUT", "settings/gateway", "{\"partnerConnectionLimit\":6}", "If-Match", current.etag()).status());
    }

    @Test
    void sipSettingsNeverShowAPasswordAndKeepItWhenLeftOut() throws Exception {
        Answer current = get("settings/sip");
        assertEquals(200, current.status());
        assertFalse(current.body().contains("never-shown"), current.body());
        assertFalse(current.json().has("tlsKeyStorePassword"));
        assertEquals(List.of("udp", "tcp"), current.json().getJSONArray("transports").toList());
        Answer badTransport = call("PUT", "settings/sip", "{\"transports\":[\"carrier-pigeon\"]}", "If-Match", current.etag());
        assertEquals(400, badTransport.status());
        Answer badPort = call("PUT", "settings/sip", "{\"listenPort\":70000}", "If-Match", current.etag());
        assertEquals(400, badPort.status(), badPort.body());
        assertTrue(badPort.json().getJSONObject("fields").has("listenPort"));
        assertEquals("15060", sip.get("listen.port"));
        Answer saved = call("PUT", "settings/sip", "{\"listenPort\":15070,\"transports\":[\"tcp\"]}", "If-Match", current.etag());
        assertEquals(200, saved.status(), saved.body());
        assertEquals("15070", sip.get("listen.port"));
        assertEquals("tcp", sip.get("listen.transports"));
        assertEquals("never-shown", sip.get("tls.keyStorePassword"), "a password left out keeps the stored one");
    }

    @Test
    void statusReadinessAndTheOpenApiDocument() throws Exception {
        Answer status = get("status");
        assertEquals(200, status.status(), status.body());
        assertEquals("9.9.9-api", status.json().getString("version"));
        assertEquals(2, status.json().getJSONArray("parts").length());
        assertFalse(get("readiness").json().getBoolean("ran"));
        assertEquals(415, call("POST", "readiness", null).status(), "a POST names its body's type, even an empty one");
        Answer ran = call("POST", "readiness", "{}");
        assertEquals(200, ran.status(), ran.body());
        assertTrue(ran.json().getBoolean("ran"));
        assertEquals("ok", ran.json().getString("worst"));

        Answer doc = get("openapi.json");
        assertEquals(200, doc.status());
        JSONObject paths = doc.json().getJSONObject("paths");
        for (String p : Api.PATHS) {
            assertTrue(paths.has("/" + p), "documented: " + p);
        }
        assertEquals(Api.PATHS.size(), paths.length(), "and nothing undocumented or extra");
    }

    // ---- bulk export and import

    @Test
    void anExportImportsUnchangedIntoAFreshServer() throws Exception {
        assertEquals(201, call("POST", "policies", "{\"name\":\"sales\",\"xmppAccess\":true}").status());
        assertEquals(201, call("POST", "partners", "{\"primaryDomain\":\"b.test\",\"partnerType\":\"federated\",\"additionalDomains\":[\"*.b.test\"],"
                + "\"description\":\"line one\\nline \\\"two\\\", with a comma\"}").status());
        assertEquals(201, call("POST", "partners", "{\"primaryDomain\":\"e.test\",\"connectionLimit\":3}").status());
        assertEquals(201, call("PUT", "assignment?kind=group&subject=Sales", "{\"policy\":\"sales\"}").status());
        Answer json = get("export");
        assertEquals(200, json.status());
        assertTrue(json.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Answer csv = get("export?format=csv");
        assertTrue(csv.response().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), "CSV for partners");
        assertEquals(400, get("export?format=xml").status());

        boot();
        assertTrue(policy.current().partners().isEmpty(), "a fresh server");
        Answer imported = call("POST", "import", json.body());
        assertEquals(200, imported.status(), imported.body());
        assertEquals(2, imported.json().getJSONObject("imported").getInt("partners"));
        assertEquals(json.body(), get("export").body(), "the fresh server exports the same file");

        boot();
        Answer fromCsv = call("POST", "import", csv.body(), "Content-Type", "text/csv; charset=utf-8");
        assertEquals(200, fromCsv.status(), fromCsv.body());
        assertEquals(csv.body(), get("export?format=csv").body());
    }

    @Test
    void anImportWithOneBadRowSavesNothing() throws Exception {
        String file = "{\"format\":\"federationgateway-export\",\"version\":1,\n\"partners\":[\n{\"primaryDomain\":\"b.test\"},\n"
                + "{\"primaryDomain\":\"e.test\",\"connectionLimit\":0},\n{\"primaryDomain\":\"f.test\"}\n]}";
        Answer refused = call("POST", "import", file);
        assertEquals(400, refused.status(), refused.body());
        JSONArray rows = refused.json().getJSONArray("rows");
        assertEquals(1, rows.length());
        assertEquals(4, rows.getJSONObject(0).getInt("line"));
        assertEquals("connectionLimit", rows.getJSONObject(0).getString("field"));
        assertEquals(java.text.MessageFormat.format(EN.getProperty("policy.error.partner.connectionLimit"), 0), rows.getJSONObject(0).getString("message"));
        assertTrue(policy.current().partners().isEmpty(), "not even b.test and f.test");
        assertTrue(audit.isEmpty());
        Answer csv = call("POST", "import", "primaryDomain,dialback\nb.test,maybe\n", "Content-Type", "text/csv");
        assertEquals(400, csv.status());
        assertEquals(2, csv.json().getJSONArray("rows").getJSONObject(0).getInt("line"));
        assertEquals(415, call("POST", "import", "primaryDomain\nb.test\n", "Content-Type", "text/plain").status());
        assertTrue(policy.current().partners().isEmpty());
    }

    // ---- the audit trail

    @Test
    void aChangeMadeInAConsolePageIsAuditedToo() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        String form = browser.send(HttpRequest.newBuilder(URI.create(server.url("partner-edit.jsp"))).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        assertTrue(token.find(), form);
        String body = "csrf=" + token.group(1) + "&primaryDomain=b.test&partnerType=federated&tlsNegotiation=required&saslNegotiation=required"
                + "&dialback=true&keepAlive=true&connectionLimit=&proxyFqdn=&description=&additionalDomains=";
        HttpResponse<String> saved = browser.send(HttpRequest.newBuilder(URI.create(server.url("partner-edit.jsp")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, saved.statusCode(), saved.body());
        assertEquals(1, audit.size());
        assertEquals("console", audit.get(0)[0], "outside Openfire no administrator is logged in; in Openfire it is their user name");
        assertEquals("Federation Gateway console: partner-edit (save)", audit.get(0)[1]);
        assertTrue(audit.get(0)[2].startsWith("added partner:b.test"), audit.get(0)[2]);
    }

    @Test
    void everyChangeIsAuditedWithWhoWhatBeforeAndAfter() throws Exception {
        String etag = call("POST", "partners", "{\"primaryDomain\":\"b.test\"}").etag();
        call("PUT", "partner?domain=b.test", "{\"description\":\"after\"}", "If-Match", etag, "Authorization", basic("admin", "adminpw"));
        assertEquals(2, audit.size());
        String[] created = audit.get(0);
        assertEquals(ApiAccess.SECRET_PRINCIPAL, created[0]);
        assertEquals("Federation Gateway API: POST partners", created[1]);
        assertTrue(created[2].startsWith("added partner:b.test\n  before: (none)\n  after: {\"primaryDomain\":\"b.test\""), created[2]);
        String[] changed = audit.get(1);
        assertEquals("admin", changed[0]);
        assertTrue(changed[1].startsWith("Federation Gateway API: PUT partner?domain=b.test"), changed[1]);
        assertTrue(changed[2].contains("\"description\":\"\"") && changed[2].contains("\"description\":\"after\""), changed[2]);
    }

    // ---- Test-CsXmppIM

    @Test
    void aTestMessageReportsEachStepAndBadInputIsRefusedByFieldWithNothingSent() throws Exception {
        Answer blank = call("POST", "test-message", "{\"from\":\"alice\",\"to\":\"\"}");
        assertEquals(400, blank.status(), blank.body());
        assertEquals(EN.getProperty("testmessage.error.to.blank"), blank.field("to"));
        Answer unknown = call("POST", "test-message", "{\"from\":\"mallory\",\"to\":\"juliet@b.test\"}");
        assertEquals(400, unknown.status());
        assertEquals("mallory is not a user of a.test.", unknown.field("from"));
        Answer typed = call("POST", "test-message", "{\"to\":\"juliet@b.test\",\"wait\":\"soon\",\"cc\":\"x\"}");
        assertEquals(400, typed.status());
        assertTrue(typed.json().getJSONObject("fields").has("wait") && typed.json().getJSONObject("fields").has("cc"), typed.body());
        Answer tooLong = call("POST", "test-message", "{\"to\":\"juliet@b.test\",\"wait\":600}");
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.field("wait").contains("600"), tooLong.body());
        assertEquals(401, call("POST", "test-message", "{\"to\":\"juliet@b.test\"}", "Authorization", "wrong").status());
        Answer get = get("test-message");
        assertEquals(405, get.status());
        assertEquals("POST", get.response().headers().firstValue("Allow").orElse(""));
        assertEquals(List.of(), testSent, "nothing was sent for any of these");

        // Nobody has XMPP access yet (the global policy as installed): refused, nothing sent.
        Answer refused = call("POST", "test-message", "{\"from\":\"alice\",\"to\":\"juliet@b.test\"}");
        assertEquals(200, refused.status(), refused.body());
        assertEquals("refused-by-policy", refused.json().getString("result"));
        assertEquals(2, refused.json().getJSONArray("steps").length());
        assertEquals(List.of(), testSent);

        // With a partner and XMPP access for everyone, through the API itself.
        assertEquals(201, call("POST", "partners", "{\"primaryDomain\":\"b.test\",\"partnerType\":\"federated\"}").status());
        Answer global = get("policy?name=global");
        assertEquals(200, call("PUT", "policy?name=global", "{\"xmppAccess\":true}", "If-Match", global.etag()).status());
        Answer delivered = call("POST", "test-message", "{\"from\":\"alice\",\"to\":\"juliet@b.test\",\"wait\":3}");
        assertEquals(200, delivered.status(), delivered.body());
        JSONObject report = delivered.json();
        assertEquals("receipt-received", report.getString("result"));
        assertTrue(report.getBoolean("delivered"));
        assertEquals("alice@a.test", report.getString("from"));
        assertTrue(report.getString("id").startsWith("fgw-test-"), report.toString());
        List<String> steps = new ArrayList<>();
        JSONArray s = report.getJSONArray("steps");
        for (int i = 0; i < s.length(); i++) {
            steps.add(s.getJSONObject(i).getString("step") + ":" + s.getJSONObject(i).getString("code"));
        }
        assertEquals(List.of("input:valid", "policy:allowed", "session:reused", "ping:pong", "delivery:receipt"), steps);
        assertEquals(List.of("ping b.test", "message alice@a.test -> juliet@b.test"), testSent);

        Answer sip = call("POST", "test-message", "{\"from\":\"alice\",\"to\":\"sip:romeo@a.test\"}");
        assertEquals("not-sent", sip.json().getString("result"), "the SIP bridge is off: nothing sent");
        assertTrue(audit.stream().noneMatch(a -> a[1].contains("test-message")), "a test message changes nothing, so nothing is audited for it");
    }
}
