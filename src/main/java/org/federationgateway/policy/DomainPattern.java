package org.federationgateway.policy;

import java.util.Objects;

/**
 * An additional domain of a partner: either one exact domain, or {@code *.example.com}, which matches every
 * domain below example.com at any depth but not example.com itself. Subdomains are never implied: a
 * partner's users on {@code chat.example.com} are that partner's only if listed, exactly or by a wildcard.
 */
public record DomainPattern(Domain base, boolean wildcard) implements Comparable<DomainPattern> {
    public DomainPattern {
        Objects.requireNonNull(base, "base");
    }

    public static DomainPattern parse(String input, String field) {
        if (input == null || input.isBlank()) {
            throw new InvalidFieldException(field, "policy.error.domain.required", "a domain is required");
        }
        String s = input.strip();
        if (s.startsWith("*.")) {
            return new DomainPattern(Domain.parse(s.substring(2), field), true);
        }
        if (s.contains("*")) {
            throw new InvalidFieldException(field, "policy.error.domain.wildcard",
                    "'" + input + "': a wildcard may only be a leading '*.', as in *.example.com", input);
        }
        return new DomainPattern(Domain.parse(s, field), false);
    }

    public boolean matches(String domain) {
        if (!wildcard) {
            return base.value().equals(domain);
        }
        String b = base.value();
        return domain.length() > b.length() && domain.endsWith(b) && domain.charAt(domain.length() - b.length() - 1) == '.';
    }

    @Override
    public int compareTo(DomainPattern o) {
        int byBase = base.compareTo(o.base);
        return byBase != 0 ? byBase : Boolean.compare(wildcard, o.wildcard);
    }

    @Override
    public String toString() {
        return wildcard ? "*." + base.value() : base.value();
    }
}
