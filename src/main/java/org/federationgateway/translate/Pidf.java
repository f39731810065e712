package org.federationgateway.translate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dom4j.Element;

/**
 * RFC 3863 presence documents as SIP front ends really send them: several tuples, no {@code <basic>},
 * RPID activities in a {@code <person>} element, {@code <show>} embedded per RFC 8048, other namespaces
 * ignored. Parsing never loads a DTD or an external entity.
 */
public final class Pidf {
    public static final String CONTENT_TYPE = "application/pidf+xml";
    static final String NS = "urn:ietf:params:xml:ns:pidf";
    static final String RPID = "urn:ietf:params:xml:ns:pidf:rpid";
    static final String JABBER_CLIENT = "jabber:client";
    /** Upper bound on a document the gateway will parse; PIDF documents are small. */
    public static final int MAX_BYTES = 64 * 1024;

    /** RFC 3863 basic status; UNKNOWN when a tuple has none. */
    public enum Basic { OPEN, CLOSED, UNKNOWN }

    /** One tuple: {@code priority} is the contact's q value (0..1) or null. */
    public record Tuple(String id, Basic basic, String show, String note, Double priority) {
    }

    /** A parsed document: the tuples, plus what the {@code <person>} element and document-level notes say. */
    public record Parsed(String entity, List<Tuple> tuples, String personShow, String note) {
        public Parsed {
            tuples = List.copyOf(tuples);
        }

        /**
         * The most available tuple, as SIP user agents show it (RFC 8048 §6): open before unknown before closed,
         * then by priority; its show and note fall back to the person's and the document's.
         */
        public Optional<Tuple> mostAvailable() {
            return tuples.stream()
                    .min(Comparator.comparingInt((Tuple t) -> t.basic() == Basic.OPEN ? 0 : t.basic() == Basic.UNKNOWN ? 1 : 2)
                            .thenComparing(t -> t.priority() == null ? 0.0 : -t.priority()))
                    .map(t -> new Tuple(t.id(), t.basic(), t.show() != null ? t.show() : personShow,
                            t.note() != null ? t.note() : note, t.priority()));
        }
    }

    private Pidf() {
    }

    /** @throws TranslationException if the body is not a PIDF document */
    public static Parsed parse(byte[] xml) {
        org.dom4j.Document doc = read(xml);
        Element root = doc.getRootElement();
        if (!"presence".equals(root.getName()) || !NS.equals(root.getNamespaceURI())) {
            throw new TranslationException("not a PIDF document: root is {" + root.getNamespaceURI() + "}" + root.getName());
        }
        List<Tuple> tuples = new ArrayList<>();
        for (Element t : root.elements()) {
            if ("tuple".equals(t.getName()) && NS.equals(t.getNamespaceURI())) {
                tuples.add(tuple(t));
            }
        }
        String personShow = null;
        String personNote = null;
        for (Element e : root.elements()) {
            if ("person".equals(e.getName())) {
                String show = rpidShow(e);
                if (show != null && (personShow == null || rank(show) > rank(personShow))) {
                    personShow = show;
                }
                if (personNote == null) {
                    personNote = note(e, Rpid.DATA_MODEL_NS);
                }
            }
        }
        String note = note(root);
        return new Parsed(root.attributeValue("entity"), tuples, personShow, note != null ? note : personNote);
    }

    private static Tuple tuple(Element t) {
        Element status = child(t, "status", NS);
        Basic basic = Basic.UNKNOWN;
        String show = null;
        if (status != null) {
            Element b = child(status, "basic", NS);
            if (b != null) {
                String v = b.getTextTrim().toLowerCase(Locale.ROOT);
                basic = v.equals("open") ? Basic.OPEN : v.equals("closed") ? Basic.CLOSED : Basic.UNKNOWN;
            }
            Element s = child(status, "show", JABBER_CLIENT);
            if (s != null && !s.getTextTrim().isEmpty()) {
                show = s.getTextTrim();
            }
        }
        Double priority = null;
        Element contact = child(t, "contact", NS);
        if (contact != null && contact.attributeValue("priority") != null) {
            try {
                double q = Double.parseDouble(contact.attributeValue("priority"));
                if (q >= 0 && q <= 1) {
                    priority = q;
                }
            } catch (NumberFormatException ignored) {
                // an unreadable priority is treated as absent, as RFC 3863 readers do
            }
        }
        return new Tuple(t.attributeValue("id"), basic, show, note(t), priority);
    }

    /** RPID activities and user input (RFC 4480 §3.2, §3.6) as an XMPP show value; see {@link Rpid}. */
    private static String rpidShow(Element person) {
        List<String> names = new ArrayList<>();
        String userInput = null;
        for (Element e : person.elements()) {
            if (!RPID.equals(e.getNamespaceURI())) {
                continue;
            }
            if ("activities".equals(e.getName())) {
                for (Element a : e.elements()) {
                    if (RPID.equals(a.getNamespaceURI())) {
                        names.add(a.getName());
                    }
                }
            } else if ("user-input".equals(e.getName())) {
                userInput = e.getTextTrim();
            }
        }
        return Rpid.showFor(names, userInput).map(Enum::name).orElse(null);
    }

    private static int rank(String show) {
        return Rpid.rank(org.xmpp.packet.Presence.Show.valueOf(show));
    }

    private static String note(Element parent) {
        return note(parent, NS);
    }

    private static String note(Element parent, String namespace) {
        Element n = child(parent, "note", namespace);
        return n == null || n.getTextTrim().isEmpty() ? null : n.getTextTrim();
    }

    private static Element child(Element parent, String name, String namespace) {
        for (Element e : parent.elements()) {
            if (name.equals(e.getName()) && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static org.dom4j.Document read(byte[] xml) {
        return SafeXml.read(xml, MAX_BYTES, "the PIDF document");
    }
}
