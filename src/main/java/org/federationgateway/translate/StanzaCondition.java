package org.federationgateway.translate;

import java.util.Locale;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.PacketError;

/**
 * RFC 6120 §8.3.3 stanza error conditions with their usual error types. Tinder's own enum predates RFC 6120
 * and lacks {@code policy-violation}, which RFC 7247 and RFC 7572 need, so the gateway names conditions here.
 */
public enum StanzaCondition {
    BAD_REQUEST("modify"), CONFLICT("cancel"), FEATURE_NOT_IMPLEMENTED("cancel"), FORBIDDEN("auth"), GONE("cancel"),
    INTERNAL_SERVER_ERROR("cancel"), ITEM_NOT_FOUND("cancel"), JID_MALFORMED("modify"), NOT_ACCEPTABLE("modify"),
    NOT_ALLOWED("cancel"), NOT_AUTHORIZED("auth"), POLICY_VIOLATION("modify"), RECIPIENT_UNAVAILABLE("wait"),
    REDIRECT("modify"), REGISTRATION_REQUIRED("auth"), REMOTE_SERVER_NOT_FOUND("cancel"), REMOTE_SERVER_TIMEOUT("wait"),
    RESOURCE_CONSTRAINT("wait"), SERVICE_UNAVAILABLE("cancel"), SUBSCRIPTION_REQUIRED("auth"),
    UNDEFINED_CONDITION("cancel"), UNEXPECTED_REQUEST("wait");

    static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private final String type;

    StanzaCondition(String type) {
        this.type = type;
    }

    /** The element name, e.g. {@code policy-violation}. */
    public String xmpp() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String defaultType() {
        return type;
    }

    /** The condition named by an error element's child, or UNDEFINED_CONDITION for anything unknown. */
    public static StanzaCondition of(PacketError error) {
        for (Element child : error.getElement().elements()) {
            if (STANZAS_NS.equals(child.getNamespaceURI()) && !"text".equals(child.getName())) {
                return fromXmpp(child.getName());
            }
        }
        return UNDEFINED_CONDITION;
    }

    public static StanzaCondition fromXmpp(String name) {
        for (StanzaCondition c : values()) {
            if (c.xmpp().equals(name)) {
                return c;
            }
        }
        return UNDEFINED_CONDITION;
    }

    /** A tinder error carrying this condition and text, built from XML so every RFC 6120 condition fits. */
    public PacketError toPacketError(String text, String lang) {
        Element error = DocumentHelper.createElement("error");
        error.addAttribute("type", type);
        error.addElement(xmpp(), STANZAS_NS);
        if (text != null && !text.isBlank()) {
            Element t = error.addElement("text", STANZAS_NS);
            t.setText(text);
            if (lang != null) {
                t.addAttribute(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE), lang);
            }
        }
        return new PacketError(error);
    }
}
