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

    /**
     * Two clustered nodes of a.test on one PostgreSQL, each with its own SIP listen address in its conf/openfire.xml; the
     * shared settings go in through node 1's console, the jar into both.
     */
    static OpenfireServer[] startCluster(Path installation, Path pluginJar, Path hazelcastJar, String name,
            org.federationgateway.testing.peers.PostgresPeer database, String[] ips, String[] sipListen, String frontEnd, String dnsOverride,
            TestCertificates certificates, List<String> partners) throws java.io.IOException {
        OpenfireServer[] nodes = new OpenfireServer[2];
        try {
            IssuedCertificate own = certificates.issue("a.test");
            for (int i = 0; i < 2; i++) {
                nodes[i] = OpenfireServer.prepareClusterNode(installation, PeerDirectories.fresh(name + "/openfire-node" + (i + 1)), ips[i], "a.test",
                        dnsOverride, List.of(), new OpenfireServer.ClusterNode("node" + (i + 1) + ".a.test", database.jdbcUrl(), database.user(),
                                database.password(), List.of(ips), hazelcastJar));
                nodes[i].useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
                nodes[i].addToConfig("<federationgateway><node><sip><listen><address>" + sipListen[i]
                        + "</address></listen></sip></node></federationgateway>");
            }
            nodes[0].start(START);
            // Encrypted properties in the shared database are readable only with the same key material on every node.
            java.nio.file.Files.copy(nodes[0].home().resolve("conf/security.xml"), nodes[1].home().resolve("conf/security.xml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            nodes[1].start(START);
            OpenfireServer.await("node 2 to join the cluster", START, () -> nodes[1].openfireLog().contains("has joined the cluster"));
            AdminConsole console = new AdminConsole(nodes[0].adminUrl());
            console.loginWhenReady("admin", "adminpw", Lab.TIMEOUT);
            Map<String, String> sip = new LinkedHashMap<>();
            sip.put("enabled", "true");
            sip.put("addressing", "component");
            sip.put("listen.port", "5060");
            sip.put("listen.transports", "udp,tcp");
            sip.put("frontEnd.host", frontEnd);
            sip.put("frontEnd.port", "5060");
            sip.put("frontEnd.transport", "tcp");
            sip.forEach((k, v) -> console.setSystemProperty("federationgateway.sip." + k, v));
            String loaded = "Federation Gateway " + org.federationgateway.BuildInfo.version() + " loaded";
            for (OpenfireServer node : nodes) {
                node.installPluginAndAwait(pluginJar, PLUGIN, loaded, Lab.TIMEOUT.multipliedBy(3));
            }
            expectRedirect(console.submit("/plugins/" + PLUGIN + "/policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")),
                    "the global policy");
            for (String partner : partners) {
                expectRedirect(console.submit("/plugins/" + PLUGIN + "/partner-edit.jsp", AdminConsole.partnerForm(partner, "required", "optional")),
                        "partner " + partner);
            }
            for (OpenfireServer node : nodes) {
                OpenfireServer.await("the plugin's SIP part on " + node.address(), Lab.TIMEOUT, () -> node.openfireLog().contains("sip=running"));
            }
            return nodes;
        } catch (RuntimeException | Error | java.io.IOException e) {
            for (OpenfireServer node : nodes) {
                if (node != null) {
                    node.close();
                }
            }
            throw e;
        }
    }

    private static void expectRedirect(AdminConsole.Page page, String what) {
        if (page.status() != 302) {
            throw new IllegalStateException("saving " + what + " in the admin console answered " + page.status() + ":\n" + page.body());
        }
    }
}
