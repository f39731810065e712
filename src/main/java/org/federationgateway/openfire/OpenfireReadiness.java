package org.federationgateway.openfire;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.readiness.DnsChecks;
import org.federationgateway.readiness.DnsOverride;
import org.federationgateway.readiness.HostPort;
import org.federationgateway.readiness.Readiness;
import org.federationgateway.readiness.StreamProbe;
import org.federationgateway.status.FrontEndView;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.keystore.CertificateStore;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Gathers what the readiness checks need from Openfire (its server-to-server key and trust stores, DNS override,
 * ports and domain) and runs them. The probe presents Openfire's own certificate, as Openfire would.
 */
final class OpenfireReadiness implements Supplier<Readiness.Report> {
    private static final Logger LOG = NodeLog.getLogger(OpenfireReadiness.class);
    static final String DNS_SERVER = OpenfireSettings.PREFIX + "readiness.dnsServer";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<PolicySnapshot> policy;
    private final Supplier<List<PartStatus>> parts;
    private final Supplier<FrontEndView> frontEnd;
    private final Supplier<Map<String, String>> sipSettings;
    private final SystemProperty<String> dnsServer;

    OpenfireReadiness(String plugin, Supplier<PolicySnapshot> policy, Supplier<List<PartStatus>> parts, Supplier<FrontEndView> frontEnd,
                      Supplier<Map<String, String>> sipSettings) {
        this.policy = policy;
        this.parts = parts;
        this.frontEnd = frontEnd;
        this.sipSettings = sipSettings;
        this.dnsServer = SystemProperty.Builder.ofType(String.class).setKey(DNS_SERVER).setDefaultValue("").setDynamic(true).setPlugin(plugin).build();
    }

    @Override
    public Readiness.Report get() {
        String domain = XMPPServer.getInstance().getServerInfo().getXMPPDomain();
        Map<String, String> sip = sipSettings.get();
        List<String> domains = new ArrayList<>(List.of(domain));
        if ("true".equals(sip.get("enabled")) && "component".equals(sip.get("addressing"))) {
            domains.add(sip.get("component.subdomain") + "." + domain);
        }
        CertificateStore identity = XMPPServer.getInstance().getCertificateStoreManager().getIdentityStore(ConnectionType.SOCKET_S2S);
        CertificateStore trust = XMPPServer.getInstance().getCertificateStoreManager().getTrustStore(ConnectionType.SOCKET_S2S);
        PartStatus sipPart = parts.get().stream().filter(p -> p.part().equals("sip")).findFirst().orElse(PartStatus.disabled("sip"));
        // Openfire reads the listening interface from openfire.xml only (ConnectionManagerImpl).
        String networkInterface = JiveGlobals.getXMLProperty("network.interface");
        String s2sAddress = networkInterface == null || networkInterface.isBlank() ? "127.0.0.1" : networkInterface.trim();
        Readiness.Inputs inputs = new Readiness.Inputs(domains, chains(identity.getStore()), roots(trust.getStore()), ownAddresses(networkInterface),
                new HostPort(s2sAddress, port(JiveGlobals.getProperty("xmpp.server.socket.port", "5269"))), policy.get().partners(), sipPart,
                sip.getOrDefault("listen.transports", "") + " " + sip.getOrDefault("listen.address", "") + ":" + sip.getOrDefault("listen.port", ""),
                frontEnd.get());
        KeyManagerFactory keys = inputs.identities().isEmpty() ? null : keys(identity);
        return new Readiness(new DnsChecks(resolver(), dnsOverride()), new StreamProbe(probeContext(keys), TIMEOUT), keys != null,
                TIMEOUT, Clock.systemUTC()).run(inputs);
    }

    private Resolver resolver() {
        String server = dnsServer.getValue();
        if (server == null || server.isBlank()) {
            return null; // the system's resolver, as Openfire's own lookups use
        }
        try {
            String[] hostPort = server.trim().split(":(?=\\d+$)");
            SimpleResolver r = new SimpleResolver(hostPort[0]);
            if (hostPort.length == 2) {
                r.setPort(Integer.parseInt(hostPort[1]));
            }
            r.setTimeout(Duration.ofSeconds(3));
            return r;
        } catch (UnknownHostException | NumberFormatException e) {
            LOG.warn("Federation Gateway: {} is not a DNS server address ({}); using the system's resolver", server, e.getMessage());
            return null;
        }
    }

    private static DnsOverride dnsOverride() {
        try {
            return DnsOverride.parse(JiveGlobals.getProperty("dnsutil.dnsOverride", ""));
        } catch (IllegalArgumentException e) {
            LOG.warn("Federation Gateway: Openfire's DNS override cannot be read, so the readiness checks ignore it: {}", e.getMessage());
            return DnsOverride.NONE;
        }
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return DnsChecks.DEFAULT_S2S_PORT;
        }
    }

    private static List<List<X509Certificate>> chains(KeyStore store) {
        List<List<X509Certificate>> chains = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    List<X509Certificate> x509 = new ArrayList<>();
                    for (Certificate c : chain == null ? new Certificate[0] : chain) {
                        if (c instanceof X509Certificate x) {
                            x509.add(x);
                        }
                    }
                    if (!x509.isEmpty()) {
                        chains.add(x509);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            LOG.warn("Federation Gateway: cannot read Openfire's server-to-server identity store: {}", e.getMessage());
        }
        return chains;
    }

    private static List<X509Certificate> roots(KeyStore store) {
        List<X509Certificate> roots = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate x) {
                    roots.add(x);
                }
            }
        } catch (GeneralSecurityException e) {
            LOG.warn("Federation Gateway: cannot read Openfire's server-to-server trust store: {}", e.getMessage());
        }
        return roots;
    }

    private static Set<String> ownAddresses(String networkInterface) {
        Set<String> own = new LinkedHashSet<>();
        if (networkInterface != null && !networkInterface.isBlank()) {
            own.add(networkInterface.trim());
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    own.add(a.getHostAddress().replaceAll("%.*$", ""));
                }
            }
        } catch (SocketException e) {
            LOG.debug("network interfaces: {}", e.toString());
        }
        return own;
    }

    /** Openfire's own key, so partners that authenticate by certificate offer SASL EXTERNAL to the probe; null if it cannot be used. */
    private static KeyManagerFactory keys(CertificateStore identity) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity.getStore(), identity.getConfiguration().getPassword());
            return keys;
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.warn("Federation Gateway: the readiness probe cannot use Openfire's server-to-server key, so it presents none: {}", e.toString());
            return null;
        }
    }

    private static SSLContext probeContext(KeyManagerFactory keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {StreamProbe.readOnlyTrust()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }
}
