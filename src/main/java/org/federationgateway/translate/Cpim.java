package org.federationgateway.translate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * RFC 3862 Common Presence and Instant Messaging message format ({@code message/cpim}), as Linphone-class user
 * agents wrap each MESSAGE body in it: message headers, an empty line, the MIME headers of the content, an empty
 * line, the content. Namespaced headers ({@code NS: imdn <urn:ietf:params:imdn>} then {@code imdn.Message-ID})
 * are resolved to their namespace URI (RFC 3862 §3.3.3), so a prefix other than {@code imdn} reads the same.
 *
 * <p>The parser is strict and bounded: a header line without a colon, a header name outside RFC 3862's token
 * characters, more than {@link #MAX_HEADERS} headers, a missing empty line, an undeclared prefix, a content
 * without {@code Content-Type} or a {@code Content-Length} that disagrees with the content are refused with a
 * message naming the fault.
 */
public final class Cpim {
    public static final String CONTENT_TYPE = "message/cpim";
    public static final String IMDN_NS = "urn:ietf:params:imdn";
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_HEADERS = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-^_`|~]+(\\.[A-Za-z0-9!#$%&'*+\\-^_`|~]+)?");

    /** One message header: {@code namespace} is null for RFC 3862's own headers, the URI for a prefixed one. */
    public record Header(String namespace, String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A parsed CPIM message.
     *
     * @param headers     the message headers in order (NS declarations excluded)
     * @param contentType the content's media type with its parameters
     * @param mimeHeaders every MIME header of the content, names lower case
     * @param content     the content octets
     */
    public record Message(List<Header> headers, String contentType, Map<String, String> mimeHeaders, byte[] content) {
        public Message {
            headers = List.copyOf(headers);
            mimeHeaders = Map.copyOf(mimeHeaders);
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The first header of that namespace and name (case-insensitive), or null. */
        public String header(String namespace, String name) {
            for (Header h : headers) {
                if (Objects.equals(namespace, h.namespace()) && h.name().equalsIgnoreCase(name)) {
                    return h.value();
                }
            }
            return null;
        }
    }

    private Cpim() {
    }

    /** @throws TranslationException naming what is wrong */
    public static Message parse(byte[] octets) {
        if (octets.length > MAX_BYTES) {
            throw new TranslationException("the message/cpim body is larger than " + MAX_BYTES + " bytes");
        }
        int[] pos = {0};
        Map<String, String> prefixes = new HashMap<>();
        List<String[]> raw = new ArrayList<>();
        List<String> lines = headerBlock(octets, pos, "message headers");
        for (String line : lines) {
            String[] nv = headerLine(line);
            if (nv[0].equalsIgnoreCase("NS")) {
                String v = nv[1];
                int lt = v.indexOf('<');
                if (lt < 0 || !v.endsWith(">")) {
                    throw new TranslationException("CPIM NS header without <uri>: " + line);
                }
                String prefix = v.substring(0, lt).strip();
                prefixes.put(prefix.toLowerCase(Locale.ROOT), v.substring(lt + 1, v.length() - 1).strip());
            } else {
                raw.add(nv);
            }
        }
        List<Header> headers = new ArrayList<>();
        for (String[] nv : raw) {
            int dot = nv[0].indexOf('.');
            if (dot < 0) {
                headers.add(new Header(null, nv[0], nv[1]));
            } else {
                String ns = prefixes.get(nv[0].substring(0, dot).toLowerCase(Locale.ROOT));
                if (ns == null) {
                    throw new TranslationException("CPIM header " + nv[0] + " uses an undeclared namespace prefix (RFC 3862 §3.3.3)");
                }
                headers.add(new Header(ns, nv[0].substring(dot + 1), nv[1]));
            }
        }
        Map<String, String> mime = new HashMap<>();
        for (String line : headerBlock(octets, pos, "content headers")) {
            String[] nv = headerLine(line);
            mime.put(nv[0].toLowerCase(Locale.ROOT), nv[1]);
        }
        String type = mime.get("content-type");
        if (type == null || type.isBlank()) {
            throw new TranslationException("the CPIM content has no Content-Type (RFC 3862 §3.1)");
        }
        byte[] content = java.util.Arrays.copyOfRange(octets, pos[0], octets.length);
        String length = mime.get("content-length");
        if (length != null) {
            int n;
            try {
                n = Integer.parseInt(length.strip());
            } catch (NumberFormatException e) {
                throw new TranslationException("the CPIM Content-Length is not a number: " + length);
            }
            // Some agents end the content with CRLF beyond Content-Length; more content than that is an error.
            if (n < 0 || n > content.length || content.length - n > 2) {
                throw new TranslationException("the CPIM Content-Length " + n + " disagrees with the " + content.length + "-byte content");
            }
            content = java.util.Arrays.copyOf(content, n);
        }
        return new Message(headers, type.strip(), mime, content);
    }

    /** Writes a CPIM message; {@code imdn} headers are declared with the {@code imdn} prefix. */
    public static byte[] write(List<Header> headers, String contentType, Map<String, String> extraMimeHeaders, byte[] content) {
        StringBuilder b = new StringBuilder();
        boolean imdn = headers.stream().anyMatch(h -> IMDN_NS.equals(h.namespace()));
        List<Header> plain = headers.stream().filter(h -> h.namespace() == null).toList();
        for (Header h : plain) {
            line(b, h.name(), h.value());
        }
        if (imdn) {
            line(b, "NS", "imdn <" + IMDN_NS + ">");
        }
        for (Header h : headers) {
            if (h.namespace() != null) {
                if (!IMDN_NS.equals(h.namespace())) {
                    throw new IllegalArgumentException("only the imdn namespace is written: " + h.namespace());
                }
                line(b, "imdn." + h.name(), h.value());
            }
        }
        b.append("\r\n");
        line(b, "Content-Type", contentType);
        extraMimeHeaders.forEach((n, v) -> line(b, n, v));
        line(b, "Content-Length", Integer.toString(content.length));
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, out, head.length, content.length);
        return out;
    }

    private static void line(StringBuilder b, String name, String value) {
        if (!NAME.matcher(name).matches() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a CPIM header: " + name);
        }
        b.append(name).append(": ").append(value).append("\r\n");
    }

    private static String[] headerLine(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new TranslationException("not a CPIM header line: " + abbreviate(line));
        }
        String name = line.substring(0, colon);
        if (!NAME.matcher(name).matches()) {
            throw new TranslationException("not a CPIM header name: " + abbreviate(name));
        }
        return new String[] {name, line.substring(colon + 1).strip()};
    }

    /** Lines up to the next empty line (CRLF or LF); the position moves past it. */
    private static List<String> headerBlock(byte[] octets, int[] pos, String what) {
        List<String> lines = new ArrayList<>();
        int i = pos[0];
        while (true) {
            int end = i;
            while (end < octets.length && octets[end] != '\n') {
                end++;
            }
            if (end >= octets.length) {
                throw new TranslationException("the CPIM " + what + " do not end with an empty line (RFC 3862 §3)");
            }
            int stop = end > i && octets[end - 1] == '\r' ? end - 1 : end;
            String line = new String(octets, i, stop - i, StandardCharsets.UTF_8);
            i = end + 1;
            if (line.isEmpty()) {
                pos[0] = i;
                return lines;
            }
            if (lines.size() >= MAX_HEADERS) {
                throw new TranslationException("the CPIM " + what + " have more than " + MAX_HEADERS + " lines");
            }
            lines.add(line);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
