package org.federationgateway.readiness;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.Partner;
import org.federationgateway.status.FrontEndView;

/**
 * Lync's planning tables (certificates, ports, DNS) and a probe of each partner, run as live checks. Gathering
 * the inputs is the host's job (Openfire's key stores and settings); this only checks.
 */
public final class Readiness {
    /**
     * @param localDomains   the XMPP domains served: the server's domain and its components' subdomains
     * @param identities     the server-to-server certificate chains, leaf first (one per key in the identity store)
     * @param trusted        the roots of the server-to-server trust store
     * @param ownAddresses   this server's IP addresses, which the local SRV records should point to
     * @param ownS2s         where this server accepts server-to-server connections
     * @param partners       the allowed partners
     * @param sip            the SIP bridge's part status
     * @param sipListening   where the SIP bridge listens, e.g. {@code udp,tcp 10.0.0.2:5060}
     * @param frontEnd       the SIP front end as the heartbeat sees it
     */
    public record Inputs(List<String> localDomains, List<List<X509Certificate>> identities, List<X509Certificate> trusted,
                         Collection<String> ownAddresses, HostPort ownS2s, List<Partner> partners, PartStatus sip, String sipListening,
                         FrontEndView frontEnd) {
        public Inputs {
            localDomains = List.copyOf(localDomains);
            identities = identities.stream().map(List::copyOf).toList();
            trusted = List.copyOf(trusted);
            ownAddresses = List.copyOf(ownAddresses);
            Objects.requireNonNull(ownS2s, "ownS2s");
            partners = List.copyOf(partners);
            Objects.requireNonNull(sip, "sip");
            Objects.requireNonNull(sipListening, "sipListening");
            Objects.requireNonNull(frontEnd, "frontEnd");
        }
    }

    /** The findings of one run, grouped by area in the order of {@link Finding#AREAS}. */
    public record Report(Instant at, List<Finding> findings) {
        public Report {
            Objects.requireNonNull(at, "at");
            findings = List.copyOf(findings);
        }

        public List<Finding> in(String area) {
            return findings.stream().filter(f -> f.area().equals(area)).toList();
        }

        public Verdict worst() {
            return findings.stream().map(Finding::verdict).max(Enum::compareTo).orElse(Verdict.OK);
        }
    }

    private final DnsChecks dns;
    private final StreamProbe probe;
    private final boolean probePresentsCertificate;
    private final Duration timeout;
    private final Clock clock;

    public Readiness(DnsChecks dns, StreamProbe probe, boolean probePresentsCertificate, Duration timeout, Clock clock) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.probePresentsCertificate = probePresentsCertificate;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Report run(Inputs in) {
        Instant now = clock.instant();
        List<Finding> certificates = new ArrayList<>();
        if (in.identities().isEmpty()) {
            certificates.addAll(CertificateChecks.check(List.of(), in.trusted(), in.localDomains(), now));
        }
        for (List<X509Certificate> chain : in.identities()) {
            certificates.addAll(CertificateChecks.check(chain, in.trusted(), in.localDomains(), now));
        }
        List<Finding> ports = new ArrayList<>();
        ports.add(PortChecks.tcp("s2s", in.localDomains().isEmpty() ? "-" : in.localDomains().get(0), in.ownS2s(), timeout));
        ports.addAll(sipFindings(in));
        List<Finding> names = new ArrayList<>();
        for (String domain : in.localDomains()) {
            names.addAll(dns.local(domain, in.ownAddresses()).findings());
        }
        List<Finding> probes = new ArrayList<>();
        String from = in.localDomains().isEmpty() ? "localhost" : in.localDomains().get(0);
        for (Partner partner : in.partners()) {
            String domain = partner.primaryDomain().value();
            DnsChecks.Resolution where = dns.partner(domain, partner.proxyFqdn() == null ? null : partner.proxyFqdn().value());
            names.addAll(where.findings());
            if (where.targets().isEmpty()) {
                continue; // DNS already said why; nothing to connect to
            }
            HostPort target = where.targets().get(0);
            Finding reachable = PortChecks.tcp("partner", domain, target, timeout);
            ports.add(reachable);
            if (reachable.verdict() == Verdict.OK) {
                probes.addAll(ProbeChecks.judge(domain, partner.rules(), probe.probe(target, from, domain), probePresentsCertificate));
            }
        }
        List<Finding> all = new ArrayList<>(certificates);
        all.addAll(ports);
        all.addAll(names);
        all.addAll(probes);
        return new Report(now, all);
    }

    private static List<Finding> sipFindings(Inputs in) {
        List<Finding> f = new ArrayList<>();
        switch (in.sip().state()) {
            case RUNNING -> f.add(Finding.of("ports", in.sipListening(), Verdict.OK, "sip.listening", in.sipListening()));
            case FAILED -> f.add(Finding.of("ports", in.sipListening(), Verdict.FAIL, "sip.failed", in.sipListening(), in.sip().cause()));
            default -> f.add(Finding.of("ports", "-", Verdict.OK, "sip.off"));
        }
        FrontEndView fe = in.frontEnd();
        switch (fe.state()) {
            case "up" -> f.add(Finding.of("ports", fe.target(), Verdict.OK, "frontend.up", fe.target()));
            case "down" -> f.add(Finding.of("ports", fe.target(), Verdict.FAIL, "frontend.down", fe.target(), fe.detail().isEmpty() ? "-" : fe.detail()));
            case "unknown" -> f.add(Finding.of("ports", fe.target(), Verdict.WARNING, "frontend.unknown", fe.target()));
            default -> { } // the bridge is off: no front end to reach
        }
        return f;
    }
}
