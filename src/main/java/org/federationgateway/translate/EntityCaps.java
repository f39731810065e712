package org.federationgateway.translate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * What a SIP user can receive through the gateway, as XEP-0030 service discovery and XEP-0115 entity capabilities
 * describe it: the extensions the bridge maps (receipts, chat markers, chat states, XHTML-IM, corrections, links),
 * so a partner's client knows what to send. The verification string is XEP-0115 §5.1's, SHA-1.
 */
public final class EntityCaps {
    public static final String DISCO_INFO_NS = "http://jabber.org/protocol/disco#info";
    public static final String CAPS_NS = "http://jabber.org/protocol/caps";
    public static final String GATEWAY_NS = "jabber:iq:gateway";
    public static final String PING_NS = "urn:xmpp:ping";
    /** The caps node: names the software behind the SIP users' addresses. */
    public static final String NODE = "urn:federationgateway:sip-user";

    /** An XEP-0030 identity. */
    public record Identity(String category, String type, String name) {
        public Identity {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Identities and features of one entity. */
    public record Info(List<Identity> identities, List<String> features) {
        public Info {
            identities = List.copyOf(identities);
            features = features.stream().sorted().distinct().toList();
        }

        /** XEP-0115 §5.1: identities by category, type, lang, name; then features; each followed by '<'. */
        public String ver() {
            StringBuilder s = new StringBuilder();
            List<Identity> sorted = new ArrayList<>(identities);
            sorted.sort(Comparator.comparing(Identity::category).thenComparing(Identity::type)
                    .thenComparing(i -> i.name() == null ? "" : i.name()));
            for (Identity i : sorted) {
                s.append(i.category()).append('/').append(i.type()).append("//").append(i.name() == null ? "" : i.name()).append('<');
            }
            for (String f : features) {
                s.append(f).append('<');
            }
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required of every Java platform", e);
            }
        }

        /** The {@code <query xmlns='disco#info'/>} answer, with {@code node} echoed when asked for. */
        public Element query(String node) {
            Element q = DocumentHelper.createElement(QName.get("query", DISCO_INFO_NS));
            if (node != null) {
                q.addAttribute("node", node);
            }
            for (Identity i : identities) {
                Element e = q.addElement(QName.get("identity", DISCO_INFO_NS)).addAttribute("category", i.category()).addAttribute("type", i.type());
                if (i.name() != null) {
                    e.addAttribute("name", i.name());
                }
            }
            for (String f : features) {
                q.addElement(QName.get("feature", DISCO_INFO_NS)).addAttribute("var", f);
            }
            return q;
        }

        /** The XEP-0115 {@code <c/>} element for presence. */
        public Element caps() {
            return DocumentHelper.createElement(QName.get("c", CAPS_NS)).addAttribute("hash", "sha-1").addAttribute("node", NODE)
                    .addAttribute("ver", ver());
        }
    }

    /** A SIP user as the partner's client sees it. */
    public static final Info SIP_USER = new Info(List.of(new Identity("client", "phone", null)), List.of(DISCO_INFO_NS, CAPS_NS,
            XmppExtensions.RECEIPTS_NS, XmppExtensions.MARKERS_NS, IsComposing.CHAT_STATES_NS, XhtmlIm.NS, XmppExtensions.CORRECTION_NS,
            XmppExtensions.OOB_NS));

    /** The gateway's own address (the component domain), XEP-0100 §4. */
    public static final Info GATEWAY = new Info(List.of(new Identity("gateway", "sip", null)), List.of(DISCO_INFO_NS, GATEWAY_NS, PING_NS));

    private EntityCaps() {
    }
}
