package org.federationgateway.policy;

import java.net.IDN;
import java.util.Locale;

/**
 * An XMPP domain in its canonical form: IDNA A-labels, lower case, no trailing dot (RFC 7622 §3.2, RFC 5890).
 * Two spellings of one domain ({@code Bücher.Example.}, {@code xn--bcher-kva.example}) are equal.
 */
public record Domain(String value) implements Comparable<Domain> {
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    public Domain {
        if (value == null || !value.equals(canonical(value, "domain"))) {
            throw new IllegalArgumentException("not a canonical domain: " + value + " (use Domain.parse)");
        }
    }

    /** Validates and normalises what an administrator typed; {@code field} names the form field in errors. */
    public static Domain parse(String input, String field) {
        return new Domain(canonical(input, field));
    }

    public static Domain parse(String input) {
        return parse(input, "domain");
    }

    /** True for this domain or any domain below it. */
    public boolean isSameOrParentOf(String other) {
        return other.equals(value) || (other.endsWith(value) && other.charAt(other.length() - value.length() - 1) == '.');
    }

    @Override
    public int compareTo(Domain o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    static String canonical(String input, String field) {
        if (input == null || input.isBlank()) {
            throw new InvalidFieldException(field, "policy.error.domain.required", "a domain is required");
        }
        String s = input.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "policy.error.domain.invalid", "'" + input + "' is not a valid domain name", input);
        }
        if (ascii.isEmpty() || ascii.length() > MAX_LENGTH || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
            throw new InvalidFieldException(field, "policy.error.domain.invalid", "'" + input + "' is not a valid domain name", input);
        }
        for (String label : ascii.split("\\.")) {
            if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
                throw new InvalidFieldException(field, "policy.error.domain.invalid", "'" + input + "' is not a valid domain name", input);
            }
        }
        if (ascii.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw new InvalidFieldException(field, "policy.error.domain.ip", "'" + input + "' is an IP address, not a domain", input);
        }
        return ascii;
    }
}
