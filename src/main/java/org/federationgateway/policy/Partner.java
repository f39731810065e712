package org.federationgateway.policy;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An allowed XMPP partner (Lync New-CsXmppAllowedPartner), validated at construction.
 *
 * @param primaryDomain     the partner's domain, its identity
 * @param additionalDomains further domains of the same partner; subdomains are never implied
 * @param type              trust level, default PublicUnverified
 * @param rules             TLS / SASL / dialback rules, default Required / Required / true
 * @param keepAlive         whether the gateway pings this partner (XEP-0199), default true
 * @param connectionLimit   sessions at once with this partner, or null for the gateway's per-partner limit
 * @param proxyFqdn         host to connect to instead of resolving the partner's SRV record, or null
 * @param description       free text for the admin, possibly empty
 */
public record Partner(Domain primaryDomain, List<DomainPattern> additionalDomains, PartnerType type,
                      NegotiationRules rules, boolean keepAlive, Integer connectionLimit, Domain proxyFqdn,
                      String description) {
    public static final int MAX_DESCRIPTION = 1024;

    public Partner {
        Objects.requireNonNull(primaryDomain, "primaryDomain");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rules, "rules");
        additionalDomains = List.copyOf(new TreeSet<>(additionalDomains == null ? List.of() : additionalDomains));
        for (DomainPattern p : additionalDomains) {
            if (!p.wildcard() && p.base().equals(primaryDomain)) {
                throw new InvalidFieldException("additionalDomains", "policy.error.partner.primaryRepeated",
                        "the primary domain " + primaryDomain + " is listed again as an additional domain", primaryDomain.value());
            }
        }
        if (connectionLimit != null && connectionLimit < 1) {
            throw new InvalidFieldException("connectionLimit", "policy.error.partner.connectionLimit",
                    "the connection limit must be at least 1, or empty for the gateway's limit", connectionLimit);
        }
        description = description == null ? "" : description.strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidFieldException("description", "policy.error.partner.description",
                    "the description is longer than " + MAX_DESCRIPTION + " characters", MAX_DESCRIPTION);
        }
        requireStorableText(description, "description");
    }

    /**
     * Refuses text with a character that no database column and no XML page can carry faithfully: C0 controls other
     * than tab and line breaks (U+0000 is refused by PostgreSQL outright), U+FFFE, U+FFFF and unpaired surrogates.
     */
    public static void requireStorableText(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairedSurrogate) {
                i++;
                continue;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
                String code = String.format("U+%04X", (int) c);
                throw new InvalidFieldException(field, "policy.error.text.character", "the text holds " + code + ", which cannot be stored", code);
            }
        }
    }

    /** A partner with Lync's defaults: PublicUnverified, TLS and SASL required, dialback and keep-alive on. */
    public static Partner withDefaults(Domain primaryDomain) {
        return new Partner(primaryDomain, List.of(), PartnerType.PUBLIC_UNVERIFIED, NegotiationRules.DEFAULT, true, null, null, "");
    }

    public Partner withType(PartnerType newType) {
        return new Partner(primaryDomain, additionalDomains, newType, rules, keepAlive, connectionLimit, proxyFqdn, description);
    }

    public Partner withRules(NegotiationRules newRules) {
        return new Partner(primaryDomain, additionalDomains, type, newRules, keepAlive, connectionLimit, proxyFqdn, description);
    }

    public Partner withAdditionalDomains(List<DomainPattern> domains) {
        return new Partner(primaryDomain, domains, type, rules, keepAlive, connectionLimit, proxyFqdn, description);
    }

    public Partner withConnectionLimit(Integer limit) {
        return new Partner(primaryDomain, additionalDomains, type, rules, keepAlive, limit, proxyFqdn, description);
    }

    public Partner withKeepAlive(boolean on) {
        return new Partner(primaryDomain, additionalDomains, type, rules, on, connectionLimit, proxyFqdn, description);
    }

    public Partner withProxyFqdn(Domain proxy) {
        return new Partner(primaryDomain, additionalDomains, type, rules, keepAlive, connectionLimit, proxy, description);
    }

    public Partner withDescription(String text) {
        return new Partner(primaryDomain, additionalDomains, type, rules, keepAlive, connectionLimit, proxyFqdn, text);
    }

    /** The limit in force for this partner, given the gateway's per-partner default. */
    public int effectiveConnectionLimit(int gatewayPartnerLimit) {
        return connectionLimit == null ? gatewayPartnerLimit : connectionLimit;
    }
}
