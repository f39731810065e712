package org.federationgateway.translate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Node;
import org.dom4j.QName;
import org.dom4j.Text;

/**
 * XEP-0071 XHTML-IM ⇄ SIP {@code text/html} (RFC 7572 §5: text/html SHOULD become XHTML-IM). Both ways keep only
 * XEP-0071 §7's recommended profile (a, blockquote, br, cite, em, img, li, ol, p, span, strong, ul; b and i
 * become strong and em), without style attributes, and links only to http, https, mailto, xmpp, sip and sips
 * URIs: what a client may render safely. Script, style and head content is dropped; other tags are dropped with
 * their text kept. Input is bounded ({@link #MAX_BYTES}) and nesting stops at {@link #MAX_DEPTH}.
 */
public final class XhtmlIm {
    public static final String NS = "http://jabber.org/protocol/xhtml-im";
    public static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    public static final String TEXT_HTML = "text/html;charset=UTF-8";
    public static final int MAX_BYTES = 32 * 1024;
    public static final int MAX_DEPTH = 32;

    private static final Set<String> ELEMENTS = Set.of("a", "blockquote", "br", "cite", "em", "img", "li", "ol", "p", "span", "strong", "ul");
    private static final Set<String> VOID = Set.of("br", "img");
    private static final Set<String> DROP_WITH_CONTENT = Set.of("script", "style", "head", "title", "template", "object", "iframe");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of("a", Set.of("href", "title"), "img", Set.of("src", "alt", "height", "width"));
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto", "xmpp", "sip", "sips");

    private XhtmlIm() {
    }

    /** SIP text/html → the XEP-0071 {@code <html/>} element (its {@code <body/>} in the XHTML namespace). */
    public static Element fromHtml(String html) {
        if (html.length() > MAX_BYTES) {
            throw new TranslationException("the text/html body is larger than " + MAX_BYTES + " characters");
        }
        Element wrapper = DocumentHelper.createElement(QName.get("html", NS));
        Element body = wrapper.addElement(QName.get("body", XHTML_NS));
        Deque<Element> open = new ArrayDeque<>();
        open.push(body);
        String dropUntil = null;
        int i = 0;
        StringBuilder text = new StringBuilder();
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c != '<') {
                if (dropUntil == null) {
                    text.append(c);
                }
                i++;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? html.length() : end + 3;
                continue;
            }
            int close = tagEnd(html, i);
            if (close < 0 || i + 1 >= html.length() || !(Character.isLetter(html.charAt(i + 1)) || html.charAt(i + 1) == '/'
                    || html.charAt(i + 1) == '!')) {
                if (dropUntil == null) {
                    text.append(c); // a lone '<' is text
                }
                i++;
                continue;
            }
            String tag = html.substring(i + 1, close);
            i = close + 1;
            if (tag.startsWith("!")) {
                continue; // doctype and the like
            }
            boolean end = tag.startsWith("/");
            String name = tagName(end ? tag.substring(1) : tag);
            if (dropUntil != null) {
                if (end && name.equals(dropUntil)) {
                    dropUntil = null;
                }
                continue;
            }
            if (!end && DROP_WITH_CONTENT.contains(name) && !tag.endsWith("/")) {
                flush(text, open.peek());
                dropUntil = name;
                continue;
            }
            flush(text, open.peek());
            String mapped = name.equals("b") ? "strong" : name.equals("i") ? "em" : name;
            if (!ELEMENTS.contains(mapped)) {
                if (name.equals("div") || name.equals("tr")) {
                    // block ends are line ends in the plain body; in XHTML-IM a br keeps them
                    if (end && open.peek() != null) {
                        open.peek().addElement(QName.get("br", XHTML_NS));
                    }
                }
                continue;
            }
            if (end) {
                if (open.stream().anyMatch(e -> e.getName().equals(mapped) && e != body)) {
                    while (open.size() > 1) {
                        Element e = open.pop();
                        if (e.getName().equals(mapped)) {
                            break;
                        }
                    }
                }
                continue;
            }
            if (open.size() > MAX_DEPTH) {
                continue;
            }
            Element e = open.peek().addElement(QName.get(mapped, XHTML_NS));
            attributes(tag).forEach((k, v) -> {
                if (allowedAttribute(mapped, k, v)) {
                    e.addAttribute(k, v);
                }
            });
            if (!VOID.contains(mapped) && !tag.endsWith("/")) {
                open.push(e);
            }
        }
        flush(text, open.peek());
        return wrapper;
    }

    /** The XEP-0071 {@code <html/>} child of a message, if present and holding a body. */
    public static Optional<Element> of(Element message) {
        for (Element e : message.elements()) {
            if ("html".equals(e.getName()) && NS.equals(e.getNamespaceURI())) {
                for (Element b : e.elements()) {
                    if ("body".equals(b.getName()) && XHTML_NS.equals(b.getNamespaceURI())) {
                        return Optional.of(b);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** An XHTML-IM body → a text/html document, filtered to the same profile. */
    public static String toHtml(Element xhtmlBody) {
        StringBuilder b = new StringBuilder("<html><body>");
        children(xhtmlBody, b, 0);
        return b.append("</body></html>").toString();
    }

    private static void children(Element parent, StringBuilder b, int depth) {
        for (Node n : parent.content()) {
            if (n instanceof Text || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                escape(n.getText(), b);
            } else if (n instanceof Element e) {
                String name = e.getName().toLowerCase(Locale.ROOT);
                if (DROP_WITH_CONTENT.contains(name)) {
                    continue;
                }
                boolean keep = ELEMENTS.contains(name) && depth < MAX_DEPTH;
                if (keep) {
                    b.append('<').append(name);
                    for (var a : e.attributes()) {
                        if (allowedAttribute(name, a.getName(), a.getValue())) {
                            b.append(' ').append(a.getName()).append("=\"");
                            escape(a.getValue(), b);
                            b.append('"');
                        }
                    }
                    b.append('>');
                }
                if (!VOID.contains(name)) {
                    children(e, b, depth + 1);
                    if (keep) {
                        b.append("</").append(name).append('>');
                    }
                }
            }
        }
    }

    private static boolean allowedAttribute(String element, String name, String value) {
        Set<String> allowed = ATTRIBUTES.getOrDefault(element, Set.of());
        if (!allowed.contains(name.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (name.equalsIgnoreCase("href") || name.equalsIgnoreCase("src")) {
            int colon = value.indexOf(':');
            return colon > 0 && SCHEMES.contains(value.substring(0, colon).strip().toLowerCase(Locale.ROOT));
        }
        return true;
    }

    private static void flush(StringBuilder text, Element into) {
        if (text.length() > 0) {
            into.addText(decodeEntities(text.toString()));
            text.setLength(0);
        }
    }

    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int j = from + 1; j < html.length(); j++) {
            char c = html.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j;
            } else if (c == '<') {
                return -1;
            }
        }
        return -1;
    }

    private static String tagName(String tag) {
        int j = 0;
        while (j < tag.length() && (Character.isLetterOrDigit(tag.charAt(j)) || tag.charAt(j) == '-')) {
            j++;
        }
        return tag.substring(0, j).toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> out = new LinkedHashMap<>();
        int j = tagName(tag).length();
        while (j < tag.length()) {
            while (j < tag.length() && (Character.isWhitespace(tag.charAt(j)) || tag.charAt(j) == '/')) {
                j++;
            }
            int start = j;
            while (j < tag.length() && !Character.isWhitespace(tag.charAt(j)) && tag.charAt(j) != '=' && tag.charAt(j) != '/') {
                j++;
            }
            if (start == j) {
                break;
            }
            String name = tag.substring(start, j).toLowerCase(Locale.ROOT);
            String value = "";
            while (j < tag.length() && Character.isWhitespace(tag.charAt(j))) {
                j++;
            }
            if (j < tag.length() && tag.charAt(j) == '=') {
                j++;
                while (j < tag.length() && Character.isWhitespace(tag.charAt(j))) {
                    j++;
                }
                if (j < tag.length() && (tag.charAt(j) == '"' || tag.charAt(j) == '\'')) {
                    char q = tag.charAt(j);
                    int endQ = tag.indexOf(q, j + 1);
                    endQ = endQ < 0 ? tag.length() : endQ;
                    value = tag.substring(j + 1, endQ);
                    j = Math.min(tag.length(), endQ + 1);
                } else {
                    int s = j;
                    while (j < tag.length() && !Character.isWhitespace(tag.charAt(j))) {
                        j++;
                    }
                    value = tag.substring(s, j);
                }
            }
            out.putIfAbsent(name, decodeEntities(value));
        }
        return out;
    }

    /** The common named entities and numeric references; an unknown entity stays as written. */
    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i + 1 && semi - i <= 10) {
                String name = s.substring(i + 1, semi);
                String decoded = entity(name);
                if (decoded != null) {
                    b.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    private static String entity(String name) {
        switch (name) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return "\u00a0";
            default:
                break;
        }
        try {
            int cp;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                cp = Integer.parseInt(name.substring(2), 16);
            } else if (name.startsWith("#")) {
                cp = Integer.parseInt(name.substring(1));
            } else {
                return null;
            }
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')) {
                return null; // not an XML character: kept as written
            }
            return new String(Character.toChars(cp));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
    }
}
