package org.federationgateway.translate;

import java.util.Map;
import java.util.Optional;

import org.dom4j.Element;

/**
 * The XMPP message extensions the bridge maps or refuses: end-to-end encryption (XEP-0380 names the methods),
 * receipts (XEP-0184), chat markers (XEP-0333), corrections (XEP-0308), out-of-band links (XEP-0066) and the
 * storage hints (XEP-0334) put on chat states.
 */
public final class XmppExtensions {
    public static final String EME_NS = "urn:xmpp:eme:0";
    public static final String RECEIPTS_NS = "urn:xmpp:receipts";
    public static final String MARKERS_NS = "urn:xmpp:chat-markers:0";
    public static final String CORRECTION_NS = "urn:xmpp:message-correct:0";
    public static final String OOB_NS = "jabber:x:oob";
    public static final String HINTS_NS = "urn:xmpp:hints";

    /** XEP-0380 §4: encryption namespaces and their names. */
    static final Map<String, String> ENCRYPTION = Map.of(
            "urn:xmpp:otr:0", "OTR",
            "jabber:x:encrypted", "Legacy OpenPGP",
            "urn:xmpp:openpgp:0", "OpenPGP for XMPP",
            "eu.siacs.conversations.axolotl", "OMEMO",
            "urn:xmpp:omemo:1", "OMEMO",
            "urn:xmpp:omemo:2", "OMEMO");

    /** An XEP-0333 marker or XEP-0184 receipt naming an earlier message. */
    public enum Acknowledgement { RECEIVED, DISPLAYED }

    /** A receipt or marker: which message, how far it got. */
    public record Ack(String id, Acknowledgement kind) {
    }

    private XmppExtensions() {
    }

    /**
     * The end-to-end encryption method of a message, if it uses one: the XEP-0380 {@code <encryption/>} tag, the
     * payload element of OMEMO, OpenPGP for XMPP and legacy OpenPGP, or an OTR body ({@code ?OTR} prefix).
     */
    public static Optional<String> encryption(Element message) {
        for (Element e : message.elements()) {
            String ns = e.getNamespaceURI();
            if (EME_NS.equals(ns) && "encryption".equals(e.getName())) {
                String name = ENCRYPTION.get(e.attributeValue("namespace", ""));
                if (name == null) {
                    name = e.attributeValue("name");
                }
                return Optional.of(name == null || name.isBlank() ? e.attributeValue("namespace", "unknown") : name);
            }
            if (ENCRYPTION.containsKey(ns) && !"urn:xmpp:otr:0".equals(ns)) {
                return Optional.of(ENCRYPTION.get(ns));
            }
        }
        Element body = message.element("body");
        if (body != null && body.getText().startsWith("?OTR")) {
            return Optional.of("OTR");
        }
        return Optional.empty();
    }

    public static boolean receiptRequested(Element message) {
        return child(message, "request", RECEIPTS_NS) != null;
    }

    public static boolean markable(Element message) {
        return child(message, "markable", MARKERS_NS) != null;
    }

    /** A XEP-0184 receipt or a XEP-0333 received/displayed marker (acknowledged adds nothing beyond displayed). */
    public static Optional<Ack> acknowledgement(Element message) {
        Element r = child(message, "received", RECEIPTS_NS);
        if (r != null && r.attributeValue("id") != null) {
            return Optional.of(new Ack(r.attributeValue("id"), Acknowledgement.RECEIVED));
        }
        Element d = child(message, "displayed", MARKERS_NS);
        if (d != null && d.attributeValue("id") != null) {
            return Optional.of(new Ack(d.attributeValue("id"), Acknowledgement.DISPLAYED));
        }
        Element m = child(message, "received", MARKERS_NS);
        if (m != null && m.attributeValue("id") != null) {
            return Optional.of(new Ack(m.attributeValue("id"), Acknowledgement.RECEIVED));
        }
        return Optional.empty();
    }

    /** The id of the message a XEP-0308 correction replaces. */
    public static Optional<String> replaces(Element message) {
        Element r = child(message, "replace", CORRECTION_NS);
        return r == null || r.attributeValue("id") == null ? Optional.empty() : Optional.of(r.attributeValue("id"));
    }

    /** A XEP-0066 link: URL and optional description. */
    public record Link(String url, String description) {
    }

    public static java.util.List<Link> links(Element message) {
        java.util.List<Link> out = new java.util.ArrayList<>();
        for (Element x : message.elements()) {
            if ("x".equals(x.getName()) && OOB_NS.equals(x.getNamespaceURI())) {
                Element url = child(x, "url", OOB_NS);
                if (url != null && !url.getTextTrim().isEmpty()) {
                    Element desc = child(x, "desc", OOB_NS);
                    out.add(new Link(url.getTextTrim(), desc == null || desc.getTextTrim().isEmpty() ? null : desc.getTextTrim()));
                }
            }
        }
        return out;
    }

    static Element child(Element parent, String name, String namespace) {
        return SafeXml.child(parent, name, namespace);
    }
}
