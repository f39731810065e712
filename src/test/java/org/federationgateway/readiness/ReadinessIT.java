package org.federationgateway.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.testing.peers.DnsPeer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;

/**
 * The readiness checks against real peers on 127.0.79.x: dnsmasq serving the SRV and A records, and a Prosody
 * partner in each TLS mode (TLS required with SASL EXTERNAL; TLS with dialback; plain dialback), probed the way
 * Openfire would connect.
 */
class ReadinessIT {
    private static final String PREFIX = "127.0.79";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestCertificates ca;
    private static DnsPeer dns;
    private static ProsodyPeer secure;
    private static ProsodyPeer dialback;
    private static ProsodyPeer plain;
    private static ServerSocket ownS2s;
    private static Readiness readiness;
    private static Readiness withoutCertificate;
    private static IssuedCertificate own;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.create(PeerDirectories.fresh("readiness/certs"));
        TestHosts hosts = TestHosts.builder().add("a.test", ip(1)).add("b.test", ip(2)).add("c.test", ip(3)).add("d.test", ip(4)).build();
        dns = DnsPeer.builder(ip(53))
                .srv("_xmpp-server._tcp.a.test", "xmpp.a.test", 5269, 0, 1).host("xmpp.a.test", ip(1))
                .srv("_xmpp-server._tcp.elsewhere.test", "xmpp.elsewhere.test", 5269, 0, 1).host("xmpp.elsewhere.test", ip(99))
                .srv("_xmpp-server._tcp.b.test", "xmpp.b.test", 5269, 0, 1).host("xmpp.b.test", ip(2))
                .host("c.test", ip(3)) // no SRV: the RFC 6120 §3.2.2 fallback
                .srv("_xmpp-server._tcp.d.test", "xmpp.d.test", 5269, 0, 1).host("xmpp.d.test", ip(4))
                .srv("_xmpp-server._tcp.dangling.test", "gone.dangling.test", 5269, 0, 1)
                .localDomains("test")
                .start();
        secure = ProsodyPeer.builder("b.test", ip(2)).mode(S2sMode.SECURE).tls(ca, ca.issue("b.test")).hosts(hosts)
                .directory(PeerDirectories.fresh("readiness/b.test")).start();
        dialback = ProsodyPeer.builder("c.test", ip(3)).mode(S2sMode.DIALBACK).tls(ca, ca.issue("c.test")).hosts(hosts)
                .directory(PeerDirectories.fresh("readiness/c.test")).start();
        plain = ProsodyPeer.builder("d.test", ip(4)).mode(S2sMode.PLAIN).tls(ca, ca.issue("d.test")).hosts(hosts).directory(PeerDirectories.fresh("readiness/d.test")).start();
        ownS2s = new ServerSocket();
        ownS2s.bind(new InetSocketAddress(ip(1), 5269));
        SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(dns.address()));
        resolver.setPort(dns.port());
        resolver.setTimeout(Duration.ofSeconds(3));
        own = ca.issue("a.test");
        DnsChecks checks = new DnsChecks(resolver, DnsOverride.parse("{e.test," + ip(5) + ":5269}"));
        readiness = new Readiness(checks, new StreamProbe(tls(own), TIMEOUT), true, TIMEOUT, Clock.systemUTC());
        withoutCertificate = new Readiness(checks, new StreamProbe(tls(null), TIMEOUT), false, TIMEOUT, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {plain, dialback, secure, dns, ownS2s}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String ip(int host) {
        return PREFIX + "." + host;
    }

    /** This server's side of STARTTLS: its certificate (or none), accepting any partner certificate since the probe only reads features. */
    private static SSLContext tls(IssuedCertificate certificate) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (certificate != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(certificate.pkcs12())) {
                store.load(in, certificate.pkcs12Password());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, certificate.pkcs12Password());
        }
        context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {StreamProbe.readOnlyTrust()}, null);
        return context;
    }

    private static Partner partner(String domain, Negotiation tls, Negotiation sasl, boolean dialback) {
        return Partner.withDefaults(Domain.parse(domain)).withRules(new NegotiationRules(tls, sasl, dialback));
    }

    private static Readiness.Inputs inputs(List<String> localDomains, Partner... partners) {
        return new Readiness.Inputs(localDomains, List.of(List.of(own.certificate())), List.of(ca.caCertificate()), List.of(ip(1)),
                new HostPort(ip(1), 5269), List.of(partners), PartStatus.disabled("sip"), "", FrontEndView.OFF);
    }

    private static Finding find(Readiness.Report report, String area, String subject, String key) {
        return report.in(area).stream().filter(f -> f.subject().equals(subject) && f.key().equals("readiness." + area + "." + key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + area + "." + key + " about " + subject + " in\n" + report.findings()));
    }

    @Test
    void aPartnerRequiringTlsAndSaslOffersStartTlsThenSaslExternalToAServerWithATrustedCertificate() {
        Readiness.Report r = readiness.run(inputs(List.of("a.test"), partner("b.test", Negotiation.REQUIRED, Negotiation.REQUIRED, true)));
        assertEquals(Verdict.OK, find(r, "dns", "b.test", "srv").verdict());
        assertEquals(Verdict.OK, find(r, "ports", ip(2) + ":5269", "partner.open").verdict());
        Finding tls = find(r, "probe", "b.test", "tls");
        assertTrue(tls.args().get(1).startsWith("TLSv1."), tls.args().toString());
        assertTrue(tls.args().get(3).contains("b.test"), "the partner's certificate subject: " + tls.args());
        assertEquals(List.of("b.test", "SASL EXTERNAL"), find(r, "probe", "b.test", "auth").args());
        assertEquals(Verdict.OK, r.worst(), "everything is ready:\n" + r.findings());
    }

    @Test
    void withoutACertificateTheSameProbeIsToldWhySaslExternalIsMissing() {
        Readiness.Report r = withoutCertificate.run(inputs(List.of("a.test"), partner("b.test", Negotiation.REQUIRED, Negotiation.REQUIRED, true)));
        assertEquals(Verdict.OK, find(r, "probe", "b.test", "tls").verdict(), "TLS itself works");
        assertEquals(List.of("b.test", "not-authorized"), find(r, "probe", "b.test", "refused.nocert").args(),
                "b.test closes the stream on a server that shows no certificate, and the line says a certificate is what is missing");
    }

    @Test
    void aDialbackPartnerIsReachedOverTlsWithDialbackAndFailsWhereSaslIsRequired() {
        Readiness.Report ok = readiness.run(inputs(List.of("a.test"), partner("c.test", Negotiation.REQUIRED, Negotiation.OPTIONAL, true)));
        assertEquals(Verdict.WARNING, find(ok, "dns", "c.test", "nosrv").verdict(), "c.test has only an A record");
        assertEquals(List.of("c.test", "Server Dialback"), find(ok, "probe", "c.test", "auth").args());

        Readiness.Report strict = readiness.run(inputs(List.of("a.test"), partner("c.test", Negotiation.REQUIRED, Negotiation.REQUIRED, true)));
        assertEquals(Verdict.FAIL, find(strict, "probe", "c.test", "auth.none").verdict(),
                "with TLS and SASL required, dialback does not operate and c.test offers no SASL EXTERNAL");
    }

    @Test
    void aPlainPartnerFailsARuleRequiringTlsAndPassesOneThatDoesNot() {
        Readiness.Report required = readiness.run(inputs(List.of("a.test"), partner("d.test", Negotiation.REQUIRED, Negotiation.OPTIONAL, true)));
        assertEquals(Verdict.FAIL, find(required, "probe", "d.test", "tls.missing").verdict());
        Readiness.Report none = readiness.run(inputs(List.of("a.test"), partner("d.test", Negotiation.NOT_SUPPORTED, Negotiation.NOT_SUPPORTED, true)));
        assertEquals(Verdict.OK, find(none, "probe", "d.test", "tls.none").verdict());
        assertEquals(List.of("d.test", "Server Dialback"), find(none, "probe", "d.test", "auth").args());
    }

    @Test
    void localDnsAndPortsAndTheDnsOverride() {
        Readiness.Report r = readiness.run(inputs(List.of("a.test", "elsewhere.test", "nowhere.test"),
                partner("e.test", Negotiation.REQUIRED, Negotiation.REQUIRED, true), partner("dangling.test", Negotiation.REQUIRED, Negotiation.REQUIRED, true)));
        assertEquals(Verdict.OK, find(r, "ports", ip(1) + ":5269", "s2s.open").verdict());
        assertEquals(Verdict.OK, find(r, "dns", "a.test", "srv").verdict());
        Finding mismatch = find(r, "dns", "elsewhere.test", "mismatch");
        assertEquals(List.of("elsewhere.test", ip(99), ip(1)), mismatch.args());
        assertEquals(Verdict.FAIL, find(r, "dns", "nowhere.test", "none.local").verdict());
        assertEquals(Verdict.OK, find(r, "dns", "e.test", "override").verdict(), "Openfire's DNS override replaces DNS for e.test");
        assertEquals(Verdict.FAIL, find(r, "ports", ip(5) + ":5269", "partner.closed").verdict(), "nothing listens where the override points");
        assertEquals(Verdict.FAIL, find(r, "dns", "dangling.test", "srv.target.unresolved").verdict());
        assertEquals(Verdict.FAIL, r.worst());
    }
}
