package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES, once per installation): the whole chain with every piece real. A user of the partner b.test (Prosody) and a
 * SIP phone registered at Kamailio exchange messages through Openfire with the plugin, the phone's user
 * sharing Openfire's domain a.test as in Lync.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EachOpenfire
class RealOpenfireSipBridgeIT {
    /** The Openfire this run of the class tests; its server is started once per run, below. */
    @Parameter
    OpenfireInstallation openfireUnderTest;
    private static final String NAME = "federationgateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String A = "127.0.62.1";
    private static final String B = "127.0.62.2";
    private static final String SIP_FRONT_END = "127.0.62.3";
    private static final TestHosts HOSTS = TestHosts.builder().add("a.test", A).add("sip.a.test", A).add("b.test", B).build();

    private static OpenfireServer openfire;
    private static AdminConsole console;
    private static ProsodyPeer partner;
    private static KamailioPeer kamailio;
    private static TestCertificates certificates;

    @BeforeParameterizedClassInvocation
    static void start(OpenfireInstallation openfireInstallation) {
        if (!openfireInstallation.present()) {
            return; // every test is reported as skipped, with how to run it
        }
        Path installation = openfireInstallation.require();
        certificates = TestCertificates.create(PeerDirectories.fresh("openfire-sip-certs"));
        kamailio = KamailioPeer.builder("a.test", SIP_FRONT_END).gateway(A, 5060, "udp").directory(PeerDirectories.fresh("openfire-sip/kamailio")).start();
        openfire = OpenfireServer.prepare(installation, PluginRoot.resolve("target/openfire-it/" + openfireInstallation.label() + "/sip"), A, "a.test", "{b.test," + B + ":5269}", List.of());
        IssuedCertificate own = certificates.issue("a.test");
        openfire.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
        openfire.start(Duration.ofSeconds(120));
        console = new AdminConsole(openfire.adminUrl());
        console.loginWhenReady("admin", "adminpw", TIMEOUT);
        // The SIP settings are read when the plugin starts, so they go in first, as an administrator would before a reload.
        Map<String, String> sip = Map.of("enabled", "true", "listen.address", A, "listen.port", "5060", "listen.transports", "udp,tcp",
                "frontEnd.host", SIP_FRONT_END, "frontEnd.port", "5060", "frontEnd.transport", "udp");
        sip.forEach((k, v) -> console.setSystemProperty("federationgateway.sip." + k, v));
        openfire.installPluginAndAwait(Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString())), NAME,
                "Federation Gateway " + BuildInfo.version() + " loaded", Duration.ofSeconds(60));
        assertEquals(302, console.submit("/plugins/" + NAME + "/policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")).status());
        assertEquals(302, console.submit("/plugins/" + NAME + "/partner-edit.jsp", AdminConsole.partnerForm("b.test", "required", "optional")).status());
        assertTrue(openfire.openfireLog().contains("sip=running"), "the SIP part started:\n" + openfire.openfireLog());
        partner = ProsodyPeer.builder("b.test", B).mode(S2sMode.SECURE).tls(certificates, certificates.issue("b.test")).hosts(HOSTS)
                .account("juliet", "secret").directory(PeerDirectories.fresh("openfire-sip/b.test")).start();
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

    @Test
    @Order(1)
    void aPartnerUserAndASipPhoneExchangeMessagesBothWays() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.62.10", 5080, "udp", SIP_FRONT_END + ":5060");
             XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")))) {
            assertEquals(200, romeo.register(300));
            juliet.sendMessage("romeo@a.test", "Wherefore art thou Romeo?");
            SipUserAgent.Received got = romeo.awaitMessage("Wherefore art thou Romeo?", TIMEOUT);
            assertTrue(got.from().startsWith("sip:juliet@b.test"), got.from());

            assertEquals(202, romeo.sendMessage("sip:juliet@b.test", "Call me but love"));
            Message back = juliet.awaitMessage("Call me but love", TIMEOUT);
            assertEquals("romeo@a.test", back.getFrom().asBareJid().toString());
        }
        assertTrue(openfire.openfireLog().lines().noneMatch(l -> l.contains("ERROR") && l.contains("federationgateway")),
                "no error from the plugin in openfire.log");
    }

    @Test
    @Order(2)
    void presenceBothWaysBetweenAPartnerUserAndASipPhone() {
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.62.11", 5081, "udp", SIP_FRONT_END + ":5060");
             XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")))) {
            assertEquals(200, romeo.register(300));
            assertEquals(200, romeo.publish("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
                      <tuple id="phone"><status><basic>open</basic></status><note>In the orchard</note></tuple>
                    </presence>""", 300));

            // The partner user watches the SIP phone: the gateway subscribes at Kamailio's presence server.
            juliet.requestSubscription("romeo@a.test");
            juliet.awaitSubscribedTo("romeo@a.test", TIMEOUT);
            juliet.awaitPresence(p -> p.getFrom().asBareJid().toString().equals("romeo@a.test") && p.isAvailable()
                    && "In the orchard".equals(p.getStatus()), "romeo's presence from SIP", TIMEOUT);

            // The SIP phone watches the partner user: the gateway is its presence agent.
            assertEquals(200, romeo.subscribe("sip:juliet@b.test", 600));
            juliet.approve("romeo@a.test", TIMEOUT);
            romeo.awaitNotify("active", body -> body.contains("<basic>open</basic>"), TIMEOUT);
        }
    }

    @Test
    @Order(3)
    void withTheSipStackRunningReplacingTheJarReloadsAndDeletingItLeavesNoThread() {
        Path jar = Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString()));
        openfire.installPlugin(jar, NAME);
        OpenfireServer.await("a reload with the SIP port re-bound", TIMEOUT,
                () -> openfire.openfireLog().lines().filter(l -> l.contains("Federation Gateway " + BuildInfo.version() + " loaded") && l.contains("policy=running, sip=running")).count() == 2);
        openfire.deletePlugin(NAME);
        OpenfireServer.await("the plugin unloaded", TIMEOUT,
                () -> openfire.openfireLog().lines().filter(l -> l.contains("Federation Gateway unloaded: every registration undone")).count() == 2);
        OpenfireServer.await("no thread of the plugin or its SIP stack left", TIMEOUT,
                () -> openfire.threadNames().stream().noneMatch(n -> n.toLowerCase().contains(NAME)));
    }

    @Test
    @Order(4)
    void inComponentAddressingSipUsersLiveAtTheGatewaysSubdomain() {
        console.setSystemProperty("federationgateway.sip.addressing", "component");
        Path jar = Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString()));
        openfire.installPlugin(jar, NAME);
        OpenfireServer.await("the plugin loaded in component addressing", TIMEOUT,
                () -> openfire.openfireLog().lines().filter(l -> l.contains("Federation Gateway " + BuildInfo.version() + " loaded") && l.contains("policy=running, sip=running")).count() == 3);
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.62.12", 5082, "udp", SIP_FRONT_END + ":5060");
             XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")))) {
            assertEquals(200, romeo.register(300));
            juliet.sendMessage("romeo@sip.a.test", "Through the component");
            romeo.awaitMessage("Through the component", TIMEOUT);
            assertEquals(202, romeo.sendMessage("sip:juliet@b.test", "Back from sip.a.test"));
            Message back = juliet.awaitMessage("Back from sip.a.test", TIMEOUT);
            assertEquals("romeo@sip.a.test", back.getFrom().asBareJid().toString());
        }
    }

    @Test
    @Order(5)
    void savingTheSipFrontEndPageRestartsTheBridgeWithoutAReload() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("enabled", "true");
        form.put("addressing", "component");
        form.put("componentSubdomain", "sip");
        form.put("messageType", "normal");
        form.put("errorWindow", "2");
        form.put("listenAddress", A);
        form.put("listenPort", "5060");
        form.put("transport-udp", "true");
        form.put("transport-tcp", "true");
        form.put("tlsPort", "5061");
        form.put("frontEndHost", SIP_FRONT_END);
        form.put("frontEndPort", "5060");
        form.put("frontEndTransport", "udp");
        form.put("keepAlive", "10");
        AdminConsole.Page invalid = console.submit("/plugins/" + NAME + "/sip-settings.jsp", Map.of("listenPort", "70000"));
        assertEquals(200, invalid.status(), "an invalid form is shown again, not saved");
        assertEquals(302, console.submit("/plugins/" + NAME + "/sip-settings.jsp", form).status());
        OpenfireServer.await("the SIP bridge restarted by the page", TIMEOUT,
                () -> openfire.openfireLog().contains("SIP settings changed in the admin console; sip=running"));
        assertTrue(console.get("/plugins/" + NAME + "/sip-settings.jsp").body().contains("value=\"10\""), "the page shows the saved interval");
        try (SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.62.13", 5083, "udp", SIP_FRONT_END + ":5060");
             XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")))) {
            assertEquals(200, romeo.register(300));
            juliet.sendMessage("romeo@sip.a.test", "After the restart");
            romeo.awaitMessage("After the restart", TIMEOUT);
        }
        assertTrue(openfire.openfireLog().lines().noneMatch(l -> l.contains("ERROR") && l.contains("federationgateway")),
                "no error from the plugin in openfire.log");
    }
}
