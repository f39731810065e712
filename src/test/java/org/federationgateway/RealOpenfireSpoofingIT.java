package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.api.Api;
import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.RawS2sClient;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES): attacks on a real Openfire with the plugin. A partner's server (here a
 * stream written by hand that authenticates as partner b.test with its certificate and SASL EXTERNAL) sends stanzas
 * whose {@code from} is another domain; and the plugin's pages and API are asked for without an admin session.
 * Each spoofed stanza goes over its own authenticated session, since a refusal may close the stream.
 */
@EachOpenfire
class RealOpenfireSpoofingIT {
    @Parameter
    OpenfireInstallation openfireUnderTest;
    private static final String NAME = "federationgateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String A = "127.0.63.1";
    private static final String B = "127.0.63.2";
    private static final List<String> PAGES = List.of("status.jsp", "partners.jsp", "partner-edit.jsp", "policies.jsp", "gateway-settings.jsp",
            "sip-settings.jsp", "readiness.jsp", "transfer.jsp");

    private static OpenfireServer openfire;
    private static AdminConsole console;
    private static TestCertificates certificates;
    private static IssuedCertificate partnerCertificate;
    private static int sequence;

    @BeforeParameterizedClassInvocation
    static void start(OpenfireInstallation openfireInstallation) {
        if (!openfireInstallation.present()) {
            return;
        }
        Path installation = openfireInstallation.require();
        certificates = TestCertificates.create(PeerDirectories.fresh("openfire-spoofing-certs"));
        openfire = OpenfireServer.prepare(installation, PluginRoot.resolve("target/openfire-it/" + openfireInstallation.label() + "/spoofing"), A, "a.test",
                "{b.test," + B + ":5269}", List.of());
        IssuedCertificate own = certificates.issue("a.test");
        openfire.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
        openfire.start(Duration.ofSeconds(120));
        console = new AdminConsole(openfire.adminUrl());
        console.loginWhenReady("admin", "adminpw", TIMEOUT);
        openfire.installPluginAndAwait(Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString())), NAME,
                "Federation Gateway " + BuildInfo.version() + " loaded", Duration.ofSeconds(60));
        postForm("policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true"));
        postForm("partner-edit.jsp", AdminConsole.partnerForm("b.test", "optional", "optional"));
        postForm("partner-edit.jsp", AdminConsole.partnerForm("d.test", "optional", "optional"));
        partnerCertificate = certificates.issue("b.test");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (openfire != null) {
            openfire.close();
        }
    }

    private static void postForm(String page, Map<String, String> fields) {
        String html = console.get("/plugins/" + NAME + "/" + page).body();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "no form token on " + page);
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", m.group(1));
        assertEquals(302, console.post("/plugins/" + NAME + "/" + page, form).status(), page + " " + fields);
    }

    private static XmppClient alice() {
        return XmppClient.connect(new XmppClient.Settings(new XmppAccount("alice", "a.test", "secret"), A, 5222, certificates.trustManager()));
    }

    private static RawS2sClient asPartner() {
        return RawS2sClient.authenticate(B, A, 5269, "b.test", "a.test", partnerCertificate, certificates.trustManager(), Duration.ofSeconds(10));
    }

    /**
     * Sends a stanza from {@code from} over b.test's authenticated session and returns what the server answered until
     * it closed the stream; then proves alice is reachable by a genuine message from b.test sent after it, and that
     * the spoofed one never reached her.
     */
    private static String sendSpoofed(XmppClient alice, String from) {
        String body = "spoofed from " + from + " #" + (++sequence);
        String answer;
        try (RawS2sClient b = asPartner()) {
            b.send("<message from='" + from + "' to='alice@a.test/any' type='chat' id='spoof" + sequence + "'><body>" + body + "</body></message>");
            answer = b.readUntilClosed();
        }
        String genuine = "genuine after #" + sequence;
        try (RawS2sClient b = asPartner()) {
            b.send("<message from='bob@b.test/x' to='alice@a.test' type='chat' id='genuine" + sequence + "'><body>" + genuine + "</body></message>");
            alice.awaitMessage(genuine, TIMEOUT);
        }
        assertEquals(0, alice.count(m -> body.equals(m.getBody())), "the spoofed message reached alice: " + answer);
        return answer;
    }

    /** Openfire itself refuses the stanza before any interceptor (so before the plugin) sees it, and closes the stream. */
    private static void assertClosedAsInvalidFrom(String answer, String from) {
        assertTrue(answer.contains("<invalid-from") && answer.contains("</stream:stream>"),
                "Openfire closes the stream with invalid-from (RFC 6120 §4.9.3.9): " + answer);
        assertTrue(openfire.openfireLog().contains("Packet with invalid FROM attribute: " + from), "Openfire logs why");
    }

    @Test
    void aStanzaFromANonPartnerDomainOverThePartnersSessionIsRefused() {
        try (XmppClient alice = alice()) {
            assertClosedAsInvalidFrom(sendSpoofed(alice, "mallory@c.test/x"), "mallory@c.test/x");
        }
    }

    @Test
    void aStanzaFromAnotherPartnerOverThePartnersSessionIsRefused() {
        try (XmppClient alice = alice()) {
            assertClosedAsInvalidFrom(sendSpoofed(alice, "dan@d.test/x"), "dan@d.test/x");
        }
    }

    @Test
    void aStanzaFromTheLocalDomainOverThePartnersSessionIsRefused() {
        try (XmppClient alice = alice()) {
            assertClosedAsInvalidFrom(sendSpoofed(alice, "admin@a.test/x"), "admin@a.test/x");
        }
    }

    @Test
    void aStanzaFromASubdomainOfThePartnerIsRefused() {
        try (XmppClient alice = alice()) {
            assertClosedAsInvalidFrom(sendSpoofed(alice, "eve@sub.b.test/x"), "eve@sub.b.test/x");
        }
    }

    /**
     * No relay over Openfire: the partner addresses a stanza to another partner's user (d.test) over its session to
     * a.test. Openfire itself would pass it on (it opens a server-to-server connection to d.test on b.test's behalf);
     * the plugin refuses it with no-relay before that, and the partner's session goes on serving: a genuine message
     * sent after it on the same stream reaches alice.
     */
    @Test
    void aPartnersStanzaForAnotherPartnerIsNotRelayed() {
        try (XmppClient alice = alice(); RawS2sClient b = asPartner()) {
            b.send("<message from='bob@b.test/x' to='dan@d.test' type='chat' id='relay1'><body>relay me to d.test</body></message>");
            b.send("<message from='bob@b.test/x' to='alice@a.test' type='chat' id='after-relay'><body>after the relay attempt</body></message>");
            alice.awaitMessage("after the relay attempt", TIMEOUT);
        }
        String log = openfire.openfireLog();
        assertTrue(log.contains("partner=b.test local=dan@d.test reason=no-relay"), "the plugin refused it with its reason code:\n" + log);
        assertTrue(log.lines().noneMatch(l -> l.contains("'d.test'")), "no server-to-server connection to d.test was attempted:\n" + log);
    }

    /** Every plugin page, asked for without an admin session, is answered with a redirect to Openfire's login page. */
    @Test
    void everyPluginPageWithoutAnAdminSessionRedirectsToLogin() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String page : PAGES) {
            for (String method : List.of("GET", "POST")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(openfire.adminUrl() + "/plugins/" + NAME + "/" + page));
                request = method.equals("GET") ? request.GET()
                        : request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("action=delete&domain=b.test"));
                HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(302, r.statusCode(), method + " " + page + ": " + r.body());
                String location = r.headers().firstValue("Location").orElse("");
                assertTrue(location.contains("login.jsp"), method + " " + page + " redirects to " + location);
            }
        }
        assertTrue(console.get("/plugins/" + NAME + "/partners.jsp").body().contains("b.test"), "the anonymous POSTs deleted nothing");
    }

    /** Every API path without the secret or an admin's credentials is answered 401 and changes nothing. */
    @Test
    void everyApiPathWithoutCredentialsIsRefused() throws Exception {
        console.setSystemProperty("federationgateway.api.secret", "s3cret-for-spoofing-tests");
        console.setSystemProperty("federationgateway.api.enabled", "true");
        for (String path : Api.PATHS) {
            for (String auth : new String[] {null, "wrong-secret", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes())}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(openfire.adminUrl() + "/plugins/" + NAME + "/api/v1/" + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"primaryDomain\":\"evil.example\"}"));
                if (auth != null) {
                    request.header("Authorization", auth);
                }
                // a client per request: the server may close a connection after refusing a request whose body it did not read
                HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, r.statusCode(), "POST api/v1/" + path + " with " + auth + ": " + r.body());
            }
        }
        assertTrue(!console.get("/plugins/" + NAME + "/partners.jsp").body().contains("evil.example"), "nothing was created");
    }
}
