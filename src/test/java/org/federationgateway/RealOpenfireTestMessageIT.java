package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES, once per installation): Test-CsXmppIM in a real Openfire with the plugin,
 * through its REST API (Openfire's servlet and login filter) and its console page. A Prosody partner b.test whose
 * user is online and answers receipts, c.test that is not a partner, and Kamailio as the SIP front end, where a SIP
 * user that does not exist is answered 404. Also: the plugin's statistics read back from Openfire's StatisticsManager.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EachOpenfire
class RealOpenfireTestMessageIT {
    /** The Openfire this run of the class tests; its server is started once per run, below. */
    @Parameter
    OpenfireInstallation openfireUnderTest;
    private static final String NAME = "federationgateway";
    private static final String SECRET = "s3cret-for-the-test-message";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String A = "127.0.63.1";
    private static final String B = "127.0.63.2";
    private static final String SIP_FRONT_END = "127.0.63.3";
    private static final TestHosts HOSTS = TestHosts.builder().add("a.test", A).add("b.test", B).build();

    private static OpenfireServer openfire;
    private static AdminConsole console;
    private static ProsodyPeer partner;
    private static KamailioPeer kamailio;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeParameterizedClassInvocation
    static void start(OpenfireInstallation openfireInstallation) {
        if (!openfireInstallation.present()) {
            return; // every test is reported as skipped, with how to run it
        }
        Path installation = openfireInstallation.require();
        TestCertificates certificates = TestCertificates.create(PeerDirectories.fresh("openfire-test-message-certs"));
        kamailio = KamailioPeer.builder("a.test", SIP_FRONT_END).gateway(A, 5060, "udp").directory(PeerDirectories.fresh("openfire-test-message/kamailio"))
                .start();
        openfire = OpenfireServer.prepare(installation, PluginRoot.resolve("target/openfire-it/" + openfireInstallation.label() + "/test-message"), A,
                "a.test", "{b.test," + B + ":5269}", List.of());
        IssuedCertificate own = certificates.issue("a.test");
        openfire.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
        openfire.start(Duration.ofSeconds(120));
        console = new AdminConsole(openfire.adminUrl());
        console.loginWhenReady("admin", "adminpw", TIMEOUT);
        Map<String, String> sip = Map.of("enabled", "true", "listen.address", A, "listen.port", "5060", "listen.transports", "udp,tcp",
                "frontEnd.host", SIP_FRONT_END, "frontEnd.port", "5060", "frontEnd.transport", "udp");
        sip.forEach((k, v) -> console.setSystemProperty("federationgateway.sip." + k, v));
        console.setSystemProperty("federationgateway.api.secret", SECRET);
        console.setSystemProperty("federationgateway.api.enabled", "true");
        openfire.installPluginAndAwait(Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString())), NAME,
                "Federation Gateway " + BuildInfo.version() + " loaded", Duration.ofSeconds(60));
        assertEquals(302, console.submit("/plugins/" + NAME + "/policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")).status());
        assertEquals(302, console.submit("/plugins/" + NAME + "/partner-edit.jsp", AdminConsole.partnerForm("b.test", "required", "optional")).status());
        assertTrue(openfire.openfireLog().contains("sip=running"), "the SIP part started:\n" + openfire.openfireLog());
        partner = ProsodyPeer.builder("b.test", B).mode(S2sMode.SECURE).tls(certificates, certificates.issue("b.test")).hosts(HOSTS)
                .account("juliet", "secret").directory(PeerDirectories.fresh("openfire-test-message/b.test")).start();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {partner, openfire, kamailio}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }

    private record Answer(int status, String body) {
        JSONObject json() {
            return new JSONObject(body);
        }
    }

    private static Answer api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(openfire.adminUrl() + "/plugins/" + NAME + "/api/v1/" + path))
                .timeout(Duration.ofSeconds(90)).header("Authorization", SECRET);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    private static Answer testMessage(String json) throws Exception {
        return api("POST", "test-message", json);
    }

    private static List<String> steps(JSONObject report) {
        List<String> out = new ArrayList<>();
        JSONArray steps = report.getJSONArray("steps");
        for (int i = 0; i < steps.length(); i++) {
            JSONObject s = steps.getJSONObject(i);
            out.add(s.getString("step") + ":" + s.getString("verdict") + ":" + s.getString("code"));
        }
        return out;
    }

    private static JSONObject statistic(String key) throws Exception {
        Answer status = api("GET", "status", null);
        assertEquals(200, status.status(), status.body());
        JSONArray stats = status.json().getJSONArray("statistics");
        for (int i = 0; i < stats.length(); i++) {
            if (stats.getJSONObject(i).getString("key").equals(key)) {
                return stats.getJSONObject(i);
            }
        }
        throw new AssertionError("the status API does not list " + key + ": " + stats);
    }

    /**
     * What the Monitoring plugin graphs comes from Openfire's StatisticsManager: every statistic of the plugin is
     * registered there under its key with the name from the bundle, and no partner session exists yet.
     */
    @Test
    @Order(1)
    void thePluginsStatisticsAreRegisteredInOpenfiresStatisticsManager() throws Exception {
        Answer status = api("GET", "status", null);
        JSONArray stats = status.json().getJSONArray("statistics");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < stats.length(); i++) {
            JSONObject s = stats.getJSONObject(i);
            keys.add(s.getString("key"));
            assertTrue(s.getBoolean("registered"), "Openfire's StatisticsManager holds " + s);
            assertTrue(s.getString("name").startsWith("Federation Gateway: "), "named from the bundle: " + s);
        }
        for (String key : List.of("federationgateway_bridged_out", "federationgateway_bridged_in", "federationgateway_refused",
                "federationgateway_refused_not_a_partner", "federationgateway_s2s_sessions", "federationgateway_sip_rtt")) {
            assertTrue(keys.contains(key), key + " in " + keys);
        }
        assertEquals(Bundles.english().getProperty("stats.sessions.name"), statistic("federationgateway_s2s_sessions").getString("name"));
        assertEquals(0, statistic("federationgateway_s2s_sessions").getLong("sample"), "no session with a partner yet");
    }

    @Test
    @Order(2)
    void aPartnerWhoseUserAnswersReceiptsIsDeliveredOverTheSessionTheTestOpens() throws Exception {
        try (XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")))) {
            DeliveryReceiptManager.getInstanceFor(juliet.connection()).setAutoReceiptMode(DeliveryReceiptManager.AutoReceiptMode.always);
            Answer a = testMessage("{\"from\":\"alice\",\"to\":\"juliet@b.test\",\"wait\":20}");
            assertEquals(200, a.status(), a.body());
            JSONObject report = a.json();
            assertEquals("receipt-received", report.getString("result"), a.body());
            assertTrue(report.getBoolean("delivered"));
            assertEquals(List.of("input:ok:valid", "policy:ok:allowed", "session:ok:opened", "ping:ok:pong", "delivery:ok:receipt"), steps(report),
                    a.body());
            String session = report.getJSONArray("steps").getJSONObject(2).getString("text");
            assertTrue(session.contains("TLS") && !session.contains("without TLS"), "the session's TLS is shown: " + session);
            org.jivesoftware.smack.packet.Message got = juliet.awaitMessage(m -> report.getString("id").equals(m.getStanzaId()), "the test message",
                    TIMEOUT);
            assertEquals("alice@a.test", got.getFrom().asBareJid().toString());

            // A second test uses the session the first opened.
            Answer again = testMessage("{\"to\":\"juliet@b.test\"}");
            assertEquals(200, again.status(), again.body());
            assertEquals("reused", again.json().getJSONArray("steps").getJSONObject(2).getString("code"), again.body());
            assertEquals("a.test", again.json().getString("from"), "no sender given: the server itself");
        }
        assertTrue(statistic("federationgateway_s2s_sessions").getLong("sample") >= 1,
                "Openfire's statistic follows the plugin's figures: a session with b.test is open now");
    }

    @Test
    @Order(3)
    void aNonPartnerIsRefusedByThePolicyAndNothingIsSent() throws Exception {
        Answer a = testMessage("{\"from\":\"alice@a.test\",\"to\":\"carol@c.test\"}");
        assertEquals(200, a.status(), a.body());
        JSONObject report = a.json();
        assertEquals("refused-by-policy", report.getString("result"));
        assertFalse(report.getBoolean("delivered"));
        assertEquals(List.of("input:ok:valid", "policy:fail:not-a-partner"), steps(report), "no session, ping or message after the refusal");
    }

    @Test
    @Order(4)
    void aSipUserThatDoesNotExistIsAnswered404ByKamailio() throws Exception {
        Answer a = testMessage("{\"from\":\"alice\",\"to\":\"sip:nobody@a.test\",\"wait\":20}");
        assertEquals(200, a.status(), a.body());
        JSONObject report = a.json();
        assertEquals("sip-refused", report.getString("result"), a.body());
        assertEquals(List.of("input:ok:valid", "policy:ok:not-federated", "sip:fail:404"), steps(report), a.body());
        assertTrue(report.getJSONArray("steps").getJSONObject(2).getString("text").contains("item-not-found"),
                "with the XMPP condition of RFC 7247 Table 3: " + a.body());
    }

    @Test
    @Order(5)
    void badInputIsRefusedByFieldNameAndNothingIsSent() throws Exception {
        Answer blank = testMessage("{\"from\":\"alice\",\"to\":\"  \"}");
        assertEquals(400, blank.status(), blank.body());
        assertTrue(blank.json().getJSONObject("fields").has("to"), blank.body());
        Answer unknown = testMessage("{\"from\":\"mallory\",\"to\":\"juliet@b.test\"}");
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals(Bundles.english().getProperty("testmessage.error.from.unknown").replace("{0}", "mallory").replace("{1}", "a.test"),
                unknown.json().getJSONObject("fields").getString("from"));
        Answer openfireUser = testMessage("{\"from\":\"alice\",\"to\":\"sip:alice@a.test\"}");
        assertEquals(400, openfireUser.status(), openfireUser.body());
        assertTrue(openfireUser.json().getJSONObject("fields").has("to"), openfireUser.body());
        Answer mistyped = testMessage("{\"to\":\"juliet@b.test\",\"wait\":\"soon\"}");
        assertEquals(400, mistyped.status(), mistyped.body());
        assertTrue(mistyped.json().getJSONObject("fields").has("wait"), mistyped.body());
    }

    @Test
    @Order(6)
    void theConsolePageSendsItAndShowsTheStepsInOpenfiresAdminConsole() {
        AdminConsole.Page sent = console.submit("/plugins/" + NAME + "/test-message.jsp", Map.of("from", "alice", "to", "carol@c.test", "wait", "5"));
        assertEquals(302, sent.status(), sent.body());
        assertTrue(sent.location().contains("test-message.jsp?report=fgw-test-"), sent.location());
        String page = console.get("/plugins/" + NAME + "/" + sent.location().substring(sent.location().lastIndexOf('/') + 1)).body();
        assertTrue(page.contains("id=\"step-policy\""), page);
        assertTrue(page.contains("not-a-partner"), page);
        assertTrue(page.contains(Bundles.english().getProperty("testmessage.result.refused-by-policy")), page);
        AdminConsole.Page invalid = console.submit("/plugins/" + NAME + "/test-message.jsp", Map.of("from", "alice", "to", ""));
        assertEquals(200, invalid.status(), "shown again with the error");
        assertTrue(invalid.body().contains("id=\"error-to\""), invalid.body());
        assertTrue(openfire.openfireLog().lines().noneMatch(l -> l.contains("ERROR") && l.contains("federationgateway")),
                "no error from the plugin in openfire.log");
    }
}
