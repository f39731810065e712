package org.federationgateway.translate;

import java.util.Objects;

import org.xmpp.packet.JID;

/**
 * RFC 7247 §6: SIP URI ↔ JID. The local part is percent-decoded and XEP-0106-escaped on the way to XMPP, and
 * unescaped and percent-encoded on the way back; the resourcepart travels as the GRUU {@code gr} parameter
 * (§6.3). A {@code sips:} URI is never translated (§8): XMPP cannot promise TLS on every hop.
 */
public final class AddressMapping {
    /** XEP-0106 escapes, in the order unescaping must check them ({@code \5c} last, see XEP-0106 §4.3). */
    private static final String[][] ESCAPES = {
            {" ", "\\20"}, {"\"", "\\22"}, {"&", "\\26"}, {"'", "\\27"}, {"/", "\\2f"},
            {":", "\\3a"}, {"<", "\\3c"}, {">", "\\3e"}, {"@", "\\40"}};

    private final DomainMap domains;

    public AddressMapping(DomainMap domains) {
        this.domains = Objects.requireNonNull(domains, "domains");
    }

    /** §6.4: SIP → XMPP. The gr parameter becomes the resourcepart. */
    public JID toJid(SipUri uri) {
        if (uri.scheme().equals("sips")) {
            throw new SipsNotTranslatedException(uri);
        }
        String node = escapeNode(uri.user());
        try {
            return new JID(node, domains.xmppDomainFor(uri.host()), uri.gruu());
        } catch (IllegalArgumentException e) {
            throw new TranslationException("'" + uri + "' has no valid XMPP address: " + e.getMessage());
        }
    }

    public JID toJid(String sipUri) {
        return toJid(SipUri.parse(sipUri));
    }

    /** §6.5: XMPP → SIP with the {@code sip:} scheme (local policy, §6.5 step 7); the resource becomes gr. */
    public SipUri toSip(JID jid) {
        if (jid.getNode() == null || jid.getNode().isEmpty()) {
            throw new TranslationException("'" + jid + "' has no localpart and cannot be a SIP user");
        }
        return new SipUri("sip", unescapeNode(jid.getNode()), domains.sipDomainFor(jid.getDomain()), jid.getResource());
    }

    /** XEP-0106 escaping of the characters a localpart may not hold (a superset of §6.4 step 5). */
    static String escapeNode(String user) {
        StringBuilder b = new StringBuilder(user.length() + 8);
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            String escaped = null;
            for (String[] e : ESCAPES) {
                if (e[0].charAt(0) == c) {
                    escaped = e[1];
                    break;
                }
            }
            if (escaped == null && c == '\\' && startsEscape(user, i)) {
                escaped = "\\5c"; // a literal backslash that would read as an escape
            }
            b.append(escaped == null ? String.valueOf(c) : escaped);
        }
        return b.toString();
    }

    static String unescapeNode(String node) {
        StringBuilder b = new StringBuilder(node.length());
        for (int i = 0; i < node.length(); i++) {
            if (node.charAt(i) == '\\' && i + 2 < node.length()) {
                String code = node.substring(i, i + 3).toLowerCase(java.util.Locale.ROOT);
                String plain = code.equals("\\5c") ? "\\" : null;
                for (String[] e : ESCAPES) {
                    if (e[1].equals(code)) {
                        plain = e[0];
                    }
                }
                if (plain != null) {
                    b.append(plain);
                    i += 2;
                    continue;
                }
            }
            b.append(node.charAt(i));
        }
        return b.toString();
    }

    private static boolean startsEscape(String s, int i) {
        if (i + 2 >= s.length()) {
            return false;
        }
        String code = s.substring(i, i + 3).toLowerCase(java.util.Locale.ROOT);
        if (code.equals("\\5c")) {
            return true;
        }
        for (String[] e : ESCAPES) {
            if (e[1].equals(code)) {
                return true;
            }
        }
        return false;
    }
}
