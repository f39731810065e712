package org.federationgateway.sip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.federationgateway.dns.DnsLookup;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Finds the SIP front end as RFC 3263 §4 says: an IP address is used as it is; a name with an explicit port is
 * looked up for A records; a name without port goes through NAPTR (SIP+D2U, SIP+D2T), then SRV
 * ({@code _sip._udp}, {@code _sip._tcp}), then A with port 5060.
 */
public final class FrontEndLocator {
    /** Where to send: an IP address, a port and a transport. */
    public record Target(String address, int port, String transport) {
    }

    private final DnsLookup dns;

    /** @param resolver the DNS resolver to ask, or null for the system's */
    public FrontEndLocator(Resolver resolver) {
        this.dns = new DnsLookup(resolver);
    }

    /**
     * @param port      0 to locate the port (and transport) by DNS
     * @param transport the configured transport, preferred when DNS offers several
     * @param supported the transports the gateway listens on
     * @throws IllegalStateException naming what was looked up, when nothing answers
     */
    public Target locate(String host, int port, String transport, Set<String> supported) {
        if (isIpLiteral(host)) {
            return new Target(host, port == 0 ? 5060 : port, transport);
        }
        if (port != 0) {
            return new Target(address(host), port, transport);
        }
        Optional<Target> viaNaptr = naptr(host, transport, supported);
        if (viaNaptr.isPresent()) {
            return viaNaptr.get();
        }
        List<String> order = new ArrayList<>(List.of(transport));
        supported.stream().filter(t -> !t.equals(transport)).sorted().forEach(order::add);
        for (String t : order) {
            Optional<Target> viaSrv = srv("_sip._" + t + "." + host, t);
            if (viaSrv.isPresent()) {
                return viaSrv.get();
            }
        }
        return new Target(address(host), 5060, transport);
    }

    private Optional<Target> naptr(String host, String preferred, Set<String> supported) {
        List<NAPTRRecord> records = new ArrayList<>();
        for (Record r : lookup(host, Type.NAPTR)) {
            records.add((NAPTRRecord) r);
        }
        records.sort(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference)
                .thenComparing(r -> transportOf(r.getService()).equals(preferred) ? 0 : 1));
        for (NAPTRRecord r : records) {
            String t = transportOf(r.getService());
            if (!supported.contains(t) || !"s".equalsIgnoreCase(r.getFlags())) {
                continue;
            }
            Optional<Target> target = srv(r.getReplacement().toString(true), t);
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }

    private Optional<Target> srv(String name, String transport) {
        return lookup(name, Type.SRV).stream().map(r -> (SRVRecord) r)
                .min(Comparator.comparingInt(SRVRecord::getPriority).thenComparing(r -> -r.getWeight()))
                .map(r -> new Target(address(r.getTarget().toString(true)), r.getPort(), transport));
    }

    private String address(String host) {
        List<Record> a = lookup(host, Type.A);
        if (a.isEmpty()) {
            throw new IllegalStateException("the SIP front end " + host + " has no A record");
        }
        InetAddress address = ((ARecord) a.get(0)).getAddress();
        return address.getHostAddress();
    }

    private List<Record> lookup(String name, int type) {
        return dns.records(name, type);
    }

    private static String transportOf(String service) {
        String s = service.toUpperCase(Locale.ROOT);
        return s.equals("SIP+D2T") ? "tcp" : s.equals("SIP+D2U") ? "udp" : s.equals("SIPS+D2T") ? "tls" : "";
    }

    static boolean isIpLiteral(String host) {
        return DnsLookup.isIpLiteral(host);
    }
}
