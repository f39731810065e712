package org.federationgateway.dns;

import java.util.List;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;

/** One DNS question through dnsjava, asked of a given server (uncached) or of the system's resolver. */
public final class DnsLookup {
    private final Resolver resolver;

    /** @param resolver the DNS server to ask, or null for the system's */
    public DnsLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    /** The records of {@code type} at {@code name}; none when there are none or the name is not a DNS name. */
    public List<Record> records(String name, int type) {
        try {
            Lookup l = new Lookup(name, type);
            if (resolver != null) {
                l.setResolver(resolver);
                l.setCache(null); // a given server is asked afresh: checks must see what it says now
            }
            Record[] records = l.run();
            return records == null ? List.of() : List.of(records);
        } catch (TextParseException e) {
            return List.of();
        }
    }

    public static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }
}
