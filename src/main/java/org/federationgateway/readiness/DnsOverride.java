package org.federationgateway.readiness;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Openfire's DNS override ({@code dnsutil.dnsOverride}: {@code {b.test,10.0.0.3:5269},{*.b.test,10.0.0.3:5269}}),
 * matched as Openfire matches it: the exact domain, then the most specific {@code *.} wildcard (which also covers
 * the domain itself), then {@code *}.
 */
public final class DnsOverride {
    private static final Pattern ENTRY = Pattern.compile("\\{([^,{}]+),([^:{}]+|\\[[^\\]]+\\]):(\\d+)\\}");
    private final Map<String, HostPort> entries;

    private DnsOverride(Map<String, HostPort> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static final DnsOverride NONE = new DnsOverride(Map.of());

    /** @throws IllegalArgumentException naming the part that is not {@code {domain,host:port}} */
    public static DnsOverride parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, HostPort> entries = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(text.replace(" ", ""));
        int end = 0;
        while (m.find()) {
            String between = text.replace(" ", "").substring(end, m.start());
            if (!between.isEmpty() && !between.equals(",")) {
                throw new IllegalArgumentException("not {domain,host:port}: " + between);
            }
            String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            entries.put(m.group(1).toLowerCase(Locale.ROOT), new HostPort(host, Integer.parseInt(m.group(3))));
            end = m.end();
        }
        if (end != text.replace(" ", "").length()) {
            throw new IllegalArgumentException("not {domain,host:port}: " + text.replace(" ", "").substring(end));
        }
        return new DnsOverride(entries);
    }

    public Optional<HostPort> lookup(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (entries.containsKey(d)) {
            return Optional.of(entries.get(d));
        }
        // As DNSUtil.isNameCoveredByPattern: *.b.test covers b.test itself too; the most specific wildcard wins.
        for (String suffix = d; !suffix.isEmpty(); suffix = suffix.contains(".") ? suffix.substring(suffix.indexOf('.') + 1) : "") {
            HostPort wildcard = entries.get("*." + suffix);
            if (wildcard != null) {
                return Optional.of(wildcard);
            }
        }
        return Optional.ofNullable(entries.get("*"));
    }
}
