package org.federationgateway.gateway;

import java.util.Objects;
import java.util.Optional;

import org.dom4j.Element;
import org.dom4j.QName;
import org.federationgateway.i18n.Messages;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.EntityCaps;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.StanzaCondition;
import org.federationgateway.translate.TranslationException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The IQs a partner's client asks the bridge's addresses: XEP-0030 disco#info for the gateway (identity gateway/sip,
 * XEP-0100) and for every SIP user (what the bridge maps, with the XEP-0115 node#ver form), and XEP-0100's
 * jabber:iq:gateway, which turns a SIP address into the JID to write to.
 */
public final class Discovery {
    private final AddressMapping addresses;
    private final SipHoming homing;
    private final Messages texts;

    public Discovery(AddressMapping addresses, SipHoming homing, Messages texts) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.homing = Objects.requireNonNull(homing, "homing");
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /** The answer to {@code iq} (a get or set to the bridge), or empty when it is not a discovery request. */
    public Optional<IQ> answer(IQ iq) {
        Element child = iq.getChildElement();
        if (child == null || iq.getTo() == null) {
            return Optional.empty();
        }
        String ns = child.getNamespaceURI();
        boolean toGateway = iq.getTo().getNode() == null && homing.componentDomain().filter(iq.getTo().getDomain()::equals).isPresent();
        if (EntityCaps.DISCO_INFO_NS.equals(ns) && iq.getType() == IQ.Type.get) {
            return Optional.of(info(iq, child.attributeValue("node"), toGateway ? EntityCaps.GATEWAY : EntityCaps.SIP_USER));
        }
        if (EntityCaps.GATEWAY_NS.equals(ns) && toGateway) {
            return Optional.of(iq.getType() == IQ.Type.get ? prompt(iq) : translate(iq, child));
        }
        return Optional.empty();
    }

    private static IQ info(IQ iq, String node, EntityCaps.Info info) {
        IQ reply = IQ.createResultIQ(iq);
        if (node != null && !node.equals(EntityCaps.NODE + "#" + info.ver())) {
            reply.setChildElement(iq.getChildElement().createCopy());
            reply.setError(StanzaCondition.ITEM_NOT_FOUND.toPacketError("no such node: " + node, null));
            return reply;
        }
        reply.setChildElement(info.query(node));
        return reply;
    }

    /** XEP-0100 §6.3.1: what to enter. */
    private IQ prompt(IQ iq) {
        IQ reply = IQ.createResultIQ(iq);
        Element q = reply.setChildElement("query", EntityCaps.GATEWAY_NS);
        q.addElement("desc").setText(texts.get("bridge.gateway.desc"));
        q.addElement("prompt").setText(texts.get("bridge.gateway.prompt"));
        return reply;
    }

    /** XEP-0100 §6.3.2: the SIP address entered → the JID. */
    private IQ translate(IQ iq, Element query) {
        Element prompt = query.element(QName.get("prompt", EntityCaps.GATEWAY_NS));
        String text = prompt == null ? "" : prompt.getTextTrim();
        IQ reply = IQ.createResultIQ(iq);
        try {
            if (text.isEmpty()) {
                throw new TranslationException("no SIP address given");
            }
            String uri = text.regionMatches(true, 0, "sip:", 0, 4) || text.regionMatches(true, 0, "sips:", 0, 5) ? text : "sip:" + text;
            JID jid = addresses.toJid(SipUri.parse(uri).withoutGruu());
            if (!homing.isSipHomed(jid)) {
                throw new TranslationException(text + " is not an address of this SIP platform");
            }
            reply.setChildElement("query", EntityCaps.GATEWAY_NS).addElement("jid").setText(jid.toBareJID());
        } catch (TranslationException e) {
            reply.setChildElement(query.createCopy());
            reply.setError(new PacketError(PacketError.Condition.bad_request, PacketError.Type.modify,
                    texts.get("bridge.gateway.bad-address", text) + " (" + e.getMessage() + ")"));
        }
        return reply;
    }
}
