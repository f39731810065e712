package org.federationgateway.translate;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * XMPP domain ↔ SIP domain pairs (RFC 7247 leaves domain mapping to local policy). A domain without a pair
 * keeps its name on the other side, which is right for partner domains and for SIP users sharing the
 * Openfire domain.
 */
public final class DomainMap {
    /** One pair; both names lower case. */
    public record Pair(String xmppDomain, String sipDomain) {
        public Pair {
            xmppDomain = requireDomain(xmppDomain, "xmppDomain");
            sipDomain = requireDomain(sipDomain, "sipDomain");
        }
    }

    public static final DomainMap IDENTITY = new DomainMap(List.of());

    private final Map<String, String> toSip = new HashMap<>();
    private final Map<String, String> toXmpp = new HashMap<>();
    private final List<Pair> pairs;

    public DomainMap(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
        for (Pair p : this.pairs) {
            if (toSip.putIfAbsent(p.xmppDomain(), p.sipDomain()) != null) {
                throw new TranslationException("the XMPP domain " + p.xmppDomain() + " is mapped twice");
            }
            if (toXmpp.putIfAbsent(p.sipDomain(), p.xmppDomain()) != null) {
                throw new TranslationException("the SIP domain " + p.sipDomain() + " is mapped twice");
            }
        }
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public String sipDomainFor(String xmppDomain) {
        String d = xmppDomain.toLowerCase(Locale.ROOT);
        return toSip.getOrDefault(d, d);
    }

    public String xmppDomainFor(String sipDomain) {
        String d = sipDomain.toLowerCase(Locale.ROOT);
        return toXmpp.getOrDefault(d, d);
    }

    /** True if this SIP domain is one of the configured SIP sides. */
    public boolean isMappedSipDomain(String sipDomain) {
        return toXmpp.containsKey(sipDomain.toLowerCase(Locale.ROOT));
    }

    private static String requireDomain(String domain, String field) {
        Objects.requireNonNull(domain, field);
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new TranslationException("'" + domain + "' is not a domain name (" + field + ")");
        }
        return d;
    }
}
