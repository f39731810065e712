package org.federationgateway.translate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * RFC 8048 §6: XMPP presence ↔ PIDF (Tables 1 and 2). Several XMPP resources become one document with a
 * tuple each; a PIDF document becomes the presence of its most available tuple. Status text travels only
 * when the partner type allows it (Lync: Federated partners only).
 */
public final class PresenceMapping {
    private PresenceMapping() {
    }

    /** Table 1: 0..127 onto 0..1, truncated to three decimals (1 → 0.007, 126 → 0.992, 127 → 1); negative has no mapping. */
    public static Optional<BigDecimal> toPidfPriority(int xmppPriority) {
        if (xmppPriority < 0) {
            return Optional.empty();
        }
        if (xmppPriority >= 127) {
            return Optional.of(BigDecimal.ONE);
        }
        return Optional.of(BigDecimal.valueOf(xmppPriority).divide(BigDecimal.valueOf(127), 3, RoundingMode.DOWN));
    }

    /** Table 2: the inverse of {@link #toPidfPriority}. */
    public static int toXmppPriority(double q) {
        return (int) Math.round(Math.max(0, Math.min(1, q)) * 127);
    }

    /**
     * Table 2: SIP → XMPP. Empty when the document says nothing definite (no tuple, or no {@code <basic>} and no
     * activity): RFC 8048 treats that as unknown, and the gateway then sends nothing rather than guess.
     */
    public static Optional<Presence> toXmpp(Pidf.Parsed doc, JID from, JID to, String contentLanguage, boolean includeStatus) {
        Optional<Pidf.Tuple> best = doc.mostAvailable();
        if (best.isEmpty() || best.get().basic() == Pidf.Basic.UNKNOWN && best.get().show() == null) {
            return Optional.empty();
        }
        Pidf.Tuple t = best.get();
        Presence p = new Presence();
        p.setFrom(from);
        p.setTo(to);
        if (t.basic() == Pidf.Basic.CLOSED) {
            p.setType(Presence.Type.unavailable);
        } else {
            Presence.Show show = show(t.show());
            if (show != null) {
                p.setShow(show);
            }
            if (t.priority() != null) {
                p.setPriority(toXmppPriority(t.priority()));
            }
            // XEP-0115: what the partner's client may send this SIP user (receipts, chat states, ...), see EntityCaps
            p.getElement().add(EntityCaps.SIP_USER.caps());
        }
        if (includeStatus && t.note() != null) {
            p.setStatus(t.note());
        }
        if (contentLanguage != null && !contentLanguage.isBlank()) {
            p.getElement().addAttribute(QName.get("lang", Namespace.XML_NAMESPACE), contentLanguage.split(",")[0].strip());
        }
        return Optional.of(p);
    }

    /**
     * Table 1: XMPP → SIP. One tuple per available resource (id {@code ID-<resource>}); no available resource
     * gives one closed tuple.
     *
     * @param entity the XMPP user's address as SIP sees it
     */
    public static byte[] toPidf(SipUri entity, List<Presence> resources, boolean includeStatus) {
        Objects.requireNonNull(entity, "entity");
        Element root = DocumentHelper.createElement(QName.get("presence", Pidf.NS));
        root.addAttribute("entity", entity.withoutGruu().toString());
        List<Presence> available = resources.stream().filter(p -> p.getType() == null).toList();
        if (available.isEmpty()) {
            Element tuple = root.addElement(QName.get("tuple", Pidf.NS)).addAttribute("id", "ID-offline");
            tuple.addElement(QName.get("status", Pidf.NS)).addElement(QName.get("basic", Pidf.NS)).setText("closed");
            Presence last = resources.isEmpty() ? null : resources.get(resources.size() - 1);
            if (includeStatus && last != null && last.getStatus() != null) {
                tuple.addElement(QName.get("note", Pidf.NS)).setText(last.getStatus());
            }
        }
        // RFC 4480: SIP user agents read away and busy from the person's activities, so the most available
        // resource's show is written there too (RFC 8048's jabber:client show stays in each tuple).
        available.stream().min(java.util.Comparator.comparingInt((Presence p) -> Rpid.rank(p.getShow()))
                        .thenComparing(p -> -p.getPriority()))
                .flatMap(p -> Rpid.activityFor(p.getShow()))
                .ifPresent(activity -> {
                    root.addNamespace("dm", Rpid.DATA_MODEL_NS);
                    root.addNamespace("rpid", Rpid.NS);
                    Element person = root.addElement(QName.get("person", Namespace.get("dm", Rpid.DATA_MODEL_NS)))
                            .addAttribute("id", "p-" + tupleId(entity.user() == null ? "" : entity.user()).substring(3));
                    person.addElement(QName.get("activities", Namespace.get("rpid", Rpid.NS)))
                            .addElement(QName.get(activity, Namespace.get("rpid", Rpid.NS)));
                });
        for (Presence p : available) {
            String resource = p.getFrom() == null ? null : p.getFrom().getResource();
            Element tuple = root.addElement(QName.get("tuple", Pidf.NS)).addAttribute("id", tupleId(resource));
            Element status = tuple.addElement(QName.get("status", Pidf.NS));
            status.addElement(QName.get("basic", Pidf.NS)).setText("open");
            if (p.getShow() != null) {
                // RFC 8048 §6.2: show has no PIDF equivalent; it is embedded in jabber:client.
                status.addElement(QName.get("show", Pidf.JABBER_CLIENT)).setText(p.getShow().name());
            }
            Optional<BigDecimal> q = toPidfPriority(p.getPriority());
            Element contact = tuple.addElement(QName.get("contact", Pidf.NS));
            contact.setText(entity.withGruu(resource).toString());
            q.ifPresent(v -> contact.addAttribute("priority", v.stripTrailingZeros().toPlainString()));
            if (includeStatus && p.getStatus() != null) {
                tuple.addElement(QName.get("note", Pidf.NS)).setText(p.getStatus());
            }
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.asXML();
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Table 1: the resource as tuple id, prefixed because xs:ID cannot start with a digit; non-NCName characters hex-escaped. */
    static String tupleId(String resource) {
        if (resource == null || resource.isEmpty()) {
            return "ID-";
        }
        StringBuilder b = new StringBuilder("ID-");
        for (byte x : resource.getBytes(StandardCharsets.UTF_8)) {
            int u = x & 0xff;
            if (u < 0x80 && (Character.isLetterOrDigit(u) || u == '-' || u == '.')) {
                b.append((char) u);
            } else {
                b.append('_').append(String.format("%02x", u));
            }
        }
        return b.toString();
    }

    private static Presence.Show show(String value) {
        if (value == null) {
            return null;
        }
        for (Presence.Show s : Presence.Show.values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
