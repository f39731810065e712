package org.federationgateway.readiness;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.federationgateway.dns.DnsLookup;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Lync's DNS planning table as checks (RFC 6120 §3.2): the {@code _xmpp-server._tcp} SRV record of every local
 * domain and partner, its targets' A/AAAA records, a local record that points elsewhere than this server, and
 * Openfire's DNS override, which replaces DNS for the domains it names.
 */
public final class DnsChecks {
    public static final int DEFAULT_S2S_PORT = 5269;
    private static final String AREA = "dns";

    /** Where a domain's server-to-server traffic goes (resolved addresses, most preferred first), and what was found on the way. */
    public record Resolution(List<HostPort> targets, List<Finding> findings) {
        public Resolution {
            targets = List.copyOf(targets);
            findings = List.copyOf(findings);
        }
    }

    private final DnsLookup dns;
    private final DnsOverride override;

    /** @param resolver the DNS server to ask, or null for the system's */
    public DnsChecks(Resolver resolver, DnsOverride override) {
        this.dns = new DnsLookup(resolver);
        this.override = override;
    }

    /** A local domain: its SRV record must exist and point to this server ({@code ownAddresses}). */
    public Resolution local(String domain, Collection<String> ownAddresses) {
        Resolution r = viaDns(domain, false);
        List<Finding> findings = new ArrayList<>(r.findings());
        if (!r.targets().isEmpty() && !ownAddresses.isEmpty()) {
            List<String> pointed = new ArrayList<>();
            boolean ours = false;
            for (HostPort t : r.targets()) {
                pointed.add(t.host());
                ours |= ownAddresses.contains(t.host());
            }
            if (!ours) {
                findings.add(Finding.of(AREA, domain, Verdict.FAIL, "mismatch", domain, String.join(", ", pointed), String.join(", ", ownAddresses)));
            }
        }
        return new Resolution(r.targets(), findings);
    }

    /** A partner: the DNS override or the proxy FQDN, when set, take the place of its SRV record. */
    public Resolution partner(String domain, String proxyFqdn) {
        Optional<HostPort> overridden = override.lookup(domain);
        if (overridden.isPresent()) {
            List<String> a = addresses(overridden.get().host());
            return a.isEmpty()
                    ? new Resolution(List.of(), List.of(Finding.of(AREA, domain, Verdict.FAIL, "override.unresolved", domain, overridden.get())))
                    : new Resolution(List.of(new HostPort(a.get(0), overridden.get().port())),
                            List.of(Finding.of(AREA, domain, Verdict.OK, "override", domain, overridden.get())));
        }
        if (proxyFqdn != null && !proxyFqdn.isBlank()) {
            List<String> a = addresses(proxyFqdn);
            return a.isEmpty()
                    ? new Resolution(List.of(), List.of(Finding.of(AREA, domain, Verdict.FAIL, "proxy.unresolved", domain, proxyFqdn)))
                    : new Resolution(List.of(new HostPort(a.get(0), DEFAULT_S2S_PORT)),
                            List.of(Finding.of(AREA, domain, Verdict.OK, "proxy", domain, proxyFqdn, String.join(", ", a))));
        }
        return viaDns(domain, true);
    }

    private Resolution viaDns(String domain, boolean remote) {
        List<SRVRecord> srv = lookup("_xmpp-server._tcp." + domain, Type.SRV).stream().map(r -> (SRVRecord) r)
                .sorted(Comparator.comparingInt(SRVRecord::getPriority).thenComparing(r -> -r.getWeight())).toList();
        List<Finding> findings = new ArrayList<>();
        List<HostPort> targets = new ArrayList<>();
        if (srv.size() == 1 && srv.get(0).getTarget().toString(true).equals(".")) {
            // RFC 2782: a target of "." says the service is decidedly not available at this domain.
            return new Resolution(List.of(), List.of(Finding.of(AREA, domain, Verdict.FAIL, "srv.decline", domain)));
        }
        for (SRVRecord r : srv) {
            String host = r.getTarget().toString(true).toLowerCase(Locale.ROOT);
            List<String> a = addresses(host);
            HostPort target = new HostPort(host, r.getPort());
            if (a.isEmpty()) {
                findings.add(Finding.of(AREA, domain, Verdict.FAIL, "srv.target.unresolved", domain, target));
            } else {
                targets.add(new HostPort(a.get(0), r.getPort()));
                findings.add(Finding.of(AREA, domain, Verdict.OK, "srv", domain, target, String.join(", ", a)));
            }
        }
        if (!srv.isEmpty()) {
            return new Resolution(targets, findings);
        }
        List<String> a = addresses(domain);
        if (a.isEmpty()) {
            return new Resolution(List.of(), List.of(Finding.of(AREA, domain, Verdict.FAIL, remote ? "none.remote" : "none.local", domain)));
        }
        // RFC 6120 §3.2.2: without SRV, servers fall back to the domain's own address on 5269; it works, but Lync's
        // planning guide and most operators publish the SRV record.
        return new Resolution(List.of(new HostPort(a.get(0), DEFAULT_S2S_PORT)),
                List.of(Finding.of(AREA, domain, Verdict.WARNING, "nosrv", domain, String.join(", ", a))));
    }

    /** A and AAAA addresses of a host (an IP literal is its own address). */
    List<String> addresses(String host) {
        if (DnsLookup.isIpLiteral(host)) {
            return List.of(host);
        }
        List<String> out = new ArrayList<>();
        for (Record r : lookup(host, Type.A)) {
            out.add(((ARecord) r).getAddress().getHostAddress());
        }
        for (Record r : lookup(host, Type.AAAA)) {
            InetAddress a = ((AAAARecord) r).getAddress();
            out.add(a.getHostAddress());
        }
        return out;
    }

    private List<Record> lookup(String name, int type) {
        return dns.records(name, type);
    }
}
