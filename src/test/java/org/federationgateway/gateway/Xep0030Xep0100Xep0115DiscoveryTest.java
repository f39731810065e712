package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dom4j.Element;
import org.dom4j.QName;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.EntityCaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** XEP-0030 disco#info for the gateway and its SIP users, XEP-0115's verification string, XEP-0100 address lookup. */
class Xep0030Xep0100Xep0115DiscoveryTest {
    private final Discovery discovery = new Discovery(new AddressMapping(new DomainMap(List.of(new DomainMap.Pair("sip.a.test", "a.test")))),
            SipHoming.componentDomain("sip.a.test"), (key, args) -> key + (args.length == 0 ? "" : " " + args[0]));

    private static IQ get(String to, String ns) {
        IQ iq = new IQ(IQ.Type.get, "q1");
        iq.setFrom(new JID("juliet@b.test/x"));
        iq.setTo(new JID(to));
        iq.setChildElement("query", ns);
        return iq;
    }

    private static List<String> features(IQ reply) {
        return reply.getChildElement().elements("feature").stream().map(e -> e.attributeValue("var")).toList();
    }

    @Test
    void xep0115Section5_2TheSimpleExampleVerificationString() {
        EntityCaps.Info exodus = new EntityCaps.Info(List.of(new EntityCaps.Identity("client", "pc", "Exodus 0.9.1")), List.of(
                "http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                "http://jabber.org/protocol/muc"));
        assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", exodus.ver());
    }

    @Test
    void xep0030TheGatewayIsAGatewayOfTypeSipAndOffersXep0100() {
        IQ reply = discovery.answer(get("sip.a.test", EntityCaps.DISCO_INFO_NS)).orElseThrow();
        assertEquals(IQ.Type.result, reply.getType());
        Element identity = reply.getChildElement().element("identity");
        assertEquals("gateway", identity.attributeValue("category"));
        assertEquals("sip", identity.attributeValue("type"));
        assertTrue(features(reply).contains("jabber:iq:gateway"), features(reply).toString());
    }

    @ParameterizedTest(name = "XEP-0030: a SIP user offers {0}")
    @CsvSource({"urn:xmpp:receipts", "urn:xmpp:chat-markers:0", "http://jabber.org/protocol/chatstates", "http://jabber.org/protocol/xhtml-im",
            "urn:xmpp:message-correct:0", "jabber:x:oob"})
    void xep0030ASipUserOffersWhatTheBridgeMaps(String feature) {
        IQ reply = discovery.answer(get("romeo@sip.a.test", EntityCaps.DISCO_INFO_NS)).orElseThrow();
        assertTrue(features(reply).contains(feature), features(reply).toString());
    }

    @Test
    void xep0115Section6_2TheNodeFromPresenceIsAnsweredAndAnUnknownOneIsNot() {
        IQ ask = get("romeo@sip.a.test", EntityCaps.DISCO_INFO_NS);
        String node = EntityCaps.NODE + "#" + EntityCaps.SIP_USER.ver();
        ask.getChildElement().addAttribute("node", node);
        IQ reply = discovery.answer(ask).orElseThrow();
        assertEquals(node, reply.getChildElement().attributeValue("node"));
        assertEquals(EntityCaps.SIP_USER.ver(), EntityCaps.SIP_USER.caps().attributeValue("ver"));
        ask.getChildElement().addAttribute("node", EntityCaps.NODE + "#other");
        assertEquals(PacketError.Condition.item_not_found, discovery.answer(ask).orElseThrow().getError().getCondition());
    }

    @Test
    void xep0100Section6_3_1ThePromptIsLocalised() {
        IQ reply = discovery.answer(get("sip.a.test", "jabber:iq:gateway")).orElseThrow();
        assertEquals("bridge.gateway.prompt", reply.getChildElement().elementText("prompt"));
        assertEquals("bridge.gateway.desc", reply.getChildElement().elementText("desc"));
    }

    @ParameterizedTest(name = "XEP-0100 §6.3.2: {0} -> {1}")
    @CsvSource({"sip:romeo@a.test, romeo@sip.a.test", "romeo@a.test, romeo@sip.a.test", "sip:o'malley@a.test;gr=desk, o\\27malley@sip.a.test"})
    void xep0100Section6_3_2ASipAddressBecomesItsJid(String address, String jid) {
        IQ set = get("sip.a.test", "jabber:iq:gateway");
        set.setType(IQ.Type.set);
        set.getChildElement().addElement("prompt").setText(address);
        IQ reply = discovery.answer(set).orElseThrow();
        assertEquals(IQ.Type.result, reply.getType(), String.valueOf(reply.getError()));
        assertEquals(jid, reply.getChildElement().element(QName.get("jid", "jabber:iq:gateway")).getText());
    }

    @ParameterizedTest(name = "XEP-0100 §6.3.2 refused: {0}")
    @CsvSource({"sip:juliet@b.test", "not an address", "''"})
    void xep0100Section6_3_2WhatIsNoAddressOfThePlatformIsABadRequest(String address) {
        IQ set = get("sip.a.test", "jabber:iq:gateway");
        set.setType(IQ.Type.set);
        set.getChildElement().addElement("prompt").setText(address);
        IQ reply = discovery.answer(set).orElseThrow();
        assertEquals(PacketError.Condition.bad_request, reply.getError().getCondition());
        assertTrue(reply.getError().getText().startsWith("bridge.gateway.bad-address"), reply.getError().getText());
    }

    @Test
    void otherIqsAreLeftToTheBridge() {
        assertTrue(discovery.answer(get("romeo@sip.a.test", "jabber:iq:version")).isEmpty());
    }
}
