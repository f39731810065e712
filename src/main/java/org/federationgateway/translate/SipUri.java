package org.federationgateway.translate;

import java.util.Locale;
import java.util.Objects;

/**
 * The parts of a SIP address of record the gateway translates: scheme, user (percent-decoded), host and
 * the GRUU {@code gr} parameter (RFC 7247 §6.3). Other parameters and headers are not carried across.
 *
 * @param scheme {@code sip}, {@code sips}, {@code im} or {@code pres}, lower case
 * @param user   the user part, decoded to Unicode; never empty
 * @param host   the host, lower case, without port
 * @param gruu   the decoded {@code gr} parameter, or null
 */
public record SipUri(String scheme, String user, String host, String gruu) {
    /** RFC 3261 §25.1 host: a name (letters of any script for IDN names), IPv4, or an IPv6 reference in brackets. */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("\\[[0-9a-f:.]+\\]|[\\p{L}\\p{N}_-]+(\\.[\\p{L}\\p{N}_-]+)*\\.?");

    public SipUri {
        Objects.requireNonNull(scheme, "scheme");
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips") && !scheme.equals("im") && !scheme.equals("pres")) {
            throw new TranslationException("unsupported URI scheme '" + scheme + "'");
        }
        if (user == null || user.isEmpty()) {
            throw new TranslationException("the URI has no user part");
        }
        if (host == null || host.isBlank()) {
            throw new TranslationException("the URI has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            throw new TranslationException("'" + host + "' is not a host name or IP address");
        }
        if (gruu != null && gruu.isEmpty()) {
            gruu = null;
        }
    }

    /**
     * Parses {@code sip:user@host[:port][;params][?headers]}, with or without angle brackets.
     *
     * @throws TranslationException naming what is wrong
     */
    public static SipUri parse(String text) {
        if (text == null) {
            throw new TranslationException("no URI");
        }
        String s = text.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new TranslationException("'" + text + "' is not a URI: no scheme");
        }
        String scheme = s.substring(0, colon);
        String rest = s.substring(colon + 1);
        // The user part may itself contain ';' and '?' (RFC 3261 user-unreserved), and headers after the host hold
        // no unescaped '@': so split at the last '@' first, and take headers ('?') only after it.
        int at = rest.lastIndexOf('@');
        int question = rest.indexOf('?', Math.max(at, 0));
        if (question >= 0) {
            rest = rest.substring(0, question);
        }
        if (at <= 0) {
            throw new TranslationException("'" + text + "' has no user part");
        }
        String user = PercentCoding.decode(rest.substring(0, at), "user part of '" + text + "'");
        String[] hostAndParams = rest.substring(at + 1).split(";", -1);
        String host = stripPort(hostAndParams[0]);
        String gruu = null;
        for (int i = 1; i < hostAndParams.length; i++) {
            String p = hostAndParams[i];
            if (p.regionMatches(true, 0, "gr=", 0, 3)) {
                gruu = PercentCoding.decode(p.substring(3), "gr parameter of '" + text + "'");
            }
        }
        return new SipUri(scheme, user, host, gruu);
    }

    /** The host of any SIP URI, with or without a user part (a Contact often has none), lower case, without port. */
    public static String hostOf(String text) {
        if (text == null) {
            throw new TranslationException("no URI");
        }
        String s = text.strip();
        int lt = s.indexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            s = gt < 0 ? s.substring(lt + 1) : s.substring(lt + 1, gt);
        }
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new TranslationException("'" + text + "' is not a URI: no scheme");
        }
        String rest = s.substring(colon + 1);
        int end = rest.length();
        for (char c : new char[] {';', '?'}) {
            int i = rest.indexOf(c, rest.lastIndexOf('@') + 1);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hostPort = rest.substring(rest.lastIndexOf('@', end - 1) + 1, end);
        String host = stripPort(hostPort).toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new TranslationException("'" + text + "' has no host");
        }
        return host;
    }

    private static String stripPort(String hostPort) {
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** The address of record without the GRUU. */
    public SipUri withoutGruu() {
        return new SipUri(scheme, user, host, null);
    }

    public SipUri withGruu(String value) {
        return new SipUri(scheme, user, host, value);
    }

    /** The URI as text, percent-encoding the user part and {@code gr} value per RFC 7247 §6.5 step 5. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(scheme).append(':');
        b.append(scheme.equals("sip") || scheme.equals("sips") ? PercentCoding.encodeSipUser(user) : PercentCoding.encodeImUser(user));
        b.append('@').append(host);
        if (gruu != null) {
            b.append(";gr=").append(PercentCoding.encodeParam(gruu));
        }
        return b.toString();
    }
}
