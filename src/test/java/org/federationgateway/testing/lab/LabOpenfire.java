package org.federationgateway.testing.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.TestCertificates;

/**
 * The lab's local domain a.test served by an installed Openfire with the plugin instead of Prosody and the
 * standalone gateway: the same addresses and users, so the lab's commands work unchanged. Set up as an
 * administrator would, through the admin console: SIP settings, then the plugin jar, then the global policy and
 * the partners.
 */
final class LabOpenfire {
    static final String PLUGIN = "federationgateway";
    private static final Duration START = Duration.ofSeconds(120);

    private LabOpenfire() {
    }

    /**
     * @param ip          the a.test address (XMPP, S2S and the admin console on port 9090)
     * @param sipListen   where the plugin's SIP stack listens (Kamailio forwards there)
     * @param dnsOverride how Openfire finds the partners, e.g. {@code {b.test,127.0.90.2:5269}}
     */
    static OpenfireServer start(Path installation, Path pluginJar, String name, String ip, String sipListen, String frontEnd,
            String dnsOverride, TestCertificates certificates, List<String> partners) {
        OpenfireServer openfire = OpenfireServer.prepare(installation, PeerDirectories.fresh(name + "/openfire"), ip, "a.test", dnsOverride, List.of());
        try {
            IssuedCertificate own = certificates.issue("a.test");
            openfire.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
            openfire.start(START);
            AdminConsole console = new AdminConsole(openfire.adminUrl());
            console.loginWhenReady("admin", "adminpw", Lab.TIMEOUT);
            // Read when the plugin starts, so they go in before the jar.
            Map<String, String> sip = new LinkedHashMap<>();
            sip.put("enabled", "true");
            sip.put("addressing", "component");
            sip.put("listen.address", sipListen);
            sip.put("listen.port", "5060");
            sip.put("listen.transports", "udp,tcp");
            sip.put("frontEnd.host", frontEnd);
            sip.put("frontEnd.port", "5060");
            sip.put("frontEnd.transport", "tcp");
            sip.forEach((k, v) -> console.setSystemProperty("federationgateway.sip." + k, v));
            openfire.installPluginAndAwait(pluginJar, PLUGIN, "Federation Gateway " + org.federationgateway.BuildInfo.version() + " loaded", Lab.TIMEOUT);
            expectRedirect(console.submit("/plugins/" + PLUGIN + "/policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")),
                    "the global policy");
            for (String partner : partners) {
                expectRedirect(console.submit("/plugins/" + PLUGIN + "/partner-edit.jsp", AdminConsole.partnerForm(partner, "required", "optional")),
                        "partner " + partner);
            }
            OpenfireServer.await("the plugin's SIP part", Lab.TIMEOUT, () -> openfire.openfireLog().contains("sip=running"));
            return openfire;
        } catch (RuntimeException | Error e) {
            openfire.close();
            throw e;
        }
    }

    private static void expectRedirect(AdminConsole.Page page, String what) {
        if (page.status() != 302) {
            throw new IllegalStateException("saving " + what + " in the admin console answered " + page.status() + ":\n" + page.body());
        }
    }
}
