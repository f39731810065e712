package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * RFC 5438 IMDN ⇄ XEP-0184 receipts and XEP-0333 chat markers (no standard maps them; the gateway's mapping:
 * request ⇄ positive-delivery, markable ⇄ display, delivered ⇄ received, displayed ⇄ displayed, failed/forbidden/error
 * ⇄ an error to the XMPP sender).
 */
class Rfc5438ImdnTest {
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);
    private static final MessageMapping.SipPeer LINPHONE = new MessageMapping.SipPeer(true, true, false);

    private static String imdn(String messageId, String kind, String status) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>" + messageId
                + "</message-id><datetime>2026-12-01T21:00:00Z</datetime><recipient-uri>sip:romeo@a.test</recipient-uri><" + kind
                + "><status><" + status + "/></status></" + kind + "></imdn>";
    }

    @ParameterizedTest(name = "§7.2.1 {0}/{1}")
    @CsvSource({
            "delivery-notification, delivered, DELIVERY, DELIVERED",
            "delivery-notification, failed, DELIVERY, FAILED",
            "delivery-notification, forbidden, DELIVERY, FORBIDDEN",
            "display-notification, displayed, DISPLAY, DISPLAYED",
            "display-notification, error, DISPLAY, ERROR",
    })
    void section7_2_1NotificationsParse(String element, String status, Imdn.Kind kind, Imdn.Status expected) {
        Imdn.Notification n = Imdn.parse(imdn("34jk324j", element, status).getBytes(StandardCharsets.UTF_8));
        assertEquals("34jk324j", n.messageId());
        assertEquals(kind, n.kind());
        assertEquals(expected, n.status());
        assertEquals("sip:romeo@a.test", n.recipientUri());
    }

    @ParameterizedTest(name = "§7.2.1 refused: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            no message-id       | <imdn xmlns="urn:ietf:params:xml:ns:imdn"><delivery-notification><status><delivered/></status></delivery-notification></imdn> | no message-id
            no notification     | <imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>1</message-id></imdn>                                                  | no delivery-notification
            displayed as delivery | <imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>1</message-id><delivery-notification><status><displayed/></status></delivery-notification></imdn> | not a delivery-notification status
            unknown status      | <imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>1</message-id><delivery-notification><status><lost/></status></delivery-notification></imdn> | unknown IMDN status
            wrong root          | <imdn xmlns="urn:x"><message-id>1</message-id></imdn>                                                                        | not an IMDN document
            a DTD               | <!DOCTYPE imdn [<!ENTITY x "y">]><imdn xmlns="urn:ietf:params:xml:ns:imdn"/>                                                 | holds a document type declaration
            bad datetime        | <imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>1</message-id><datetime>today</datetime><delivery-notification><status><delivered/></status></delivery-notification></imdn> | not RFC 3339
            """)
    void section7_2_1MalformedNotificationsAreRefused(String what, String xml, String reason) {
        TranslationException e = assertThrows(TranslationException.class, () -> Imdn.parse(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "§6.2 Disposition-Notification: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            positive-delivery, display                   | POSITIVE_DELIVERY,DISPLAY
            Negative-Delivery                            | NEGATIVE_DELIVERY
            positive-delivery,negative-delivery,processing | POSITIVE_DELIVERY,NEGATIVE_DELIVERY
            """)
    void section6_2RequestsAreRead(String header, String expected) {
        Set<Imdn.Request> want = EnumSet.noneOf(Imdn.Request.class);
        for (String s : expected.split(",")) {
            want.add(Imdn.Request.valueOf(s));
        }
        assertEquals(want, Imdn.requests(header));
    }

    private static Message fromPartner(String id, boolean receipt, boolean markable) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID(id);
        m.setFrom(new JID("juliet@b.test/balcony"));
        m.setTo(new JID("romeo@a.test"));
        m.setBody("Wherefore art thou?");
        if (receipt) {
            m.getElement().addElement(QName.get("request", XmppExtensions.RECEIPTS_NS));
        }
        if (markable) {
            m.getElement().addElement(QName.get("markable", XmppExtensions.MARKERS_NS));
        }
        return m;
    }

    @Test
    void xep0184RequestBecomesImdnMessageIdAndDispositionInCpimForACpimAgent() {
        MessageMapping.Send s = (MessageMapping.Send) MAPPING.toSip(fromPartner("m-42", true, true), true, LINPHONE);
        assertEquals(Cpim.CONTENT_TYPE, s.message().contentType());
        Cpim.Message c = Cpim.parse(s.message().body());
        assertEquals("positive-delivery, display", c.header(Cpim.IMDN_NS, "Disposition-Notification"));
        assertEquals(Optional.of(new BridgedIds.XmppRequest("m-42", true, true)), BridgedIds.fromImdnId(c.header(Cpim.IMDN_NS, "Message-ID")));
        assertEquals("Wherefore art thou?", new String(c.content(), StandardCharsets.UTF_8));
        assertTrue(s.imdn(), "the agent's IMDN will answer the receipt");
        assertEquals(Optional.of(new BridgedIds.XmppRequest("m-42", true, true)), s.ack());
    }

    @Test
    void xep0184RequestToAPlainAgentIsAnsweredFromItsFinalResponse() {
        MessageMapping.Send s = (MessageMapping.Send) MAPPING.toSip(fromPartner("m-43", true, false), true, MessageMapping.SipPeer.PLAIN);
        assertEquals(MessageMapping.TEXT_PLAIN, s.message().contentType(), "no CPIM for an agent that has not shown it reads it");
        assertFalse(s.imdn());
        assertEquals(Optional.of(new BridgedIds.XmppRequest("m-43", true, false)), s.ack());
    }

    private static SipMessage fromPhone(String contentType, byte[] body) {
        return new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null, contentType, body);
    }

    private static byte[] notification(String messageId, String kind, String status) {
        return Cpim.write(java.util.List.of(new Cpim.Header(null, "From", "<sip:romeo@a.test>"), new Cpim.Header(null, "To", "<sip:juliet@b.test>"),
                new Cpim.Header(Cpim.IMDN_NS, "Message-ID", "n1")), Imdn.CONTENT_TYPE, java.util.Map.of("Content-Disposition", "notification"),
                imdn(messageId, kind, status).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "IMDN {1} -> {2}")
    @CsvSource({
            "xr-, delivered, urn:xmpp:receipts, received",
            "xm-, delivered, urn:xmpp:chat-markers:0, received",
    })
    void deliveredBecomesTheReceiptOrMarkerTheSenderAskedFor(String prefix, String status, String ns, String element) {
        String id = prefix + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("m-42".getBytes(StandardCharsets.UTF_8));
        Message m = ((MessageMapping.Deliver) MAPPING.toXmpp(fromPhone(Cpim.CONTENT_TYPE, notification(id, "delivery-notification", status)))).message();
        Element ack = m.getElement().element(QName.get(element, ns));
        assertEquals("m-42", ack.attributeValue("id"));
        assertEquals(null, m.getBody());
        assertEquals(new JID("romeo@a.test"), m.getFrom());
        assertEquals(new JID("juliet@b.test"), m.getTo());
    }

    @Test
    void displayedBecomesXep0333Displayed() {
        String id = BridgedIds.toImdnId(new BridgedIds.XmppRequest("m-9", false, true));
        Message m = ((MessageMapping.Deliver) MAPPING.toXmpp(fromPhone(Imdn.CONTENT_TYPE,
                imdn(id, "display-notification", "displayed").getBytes(StandardCharsets.UTF_8)))).message();
        assertEquals("m-9", m.getElement().element(QName.get("displayed", XmppExtensions.MARKERS_NS)).attributeValue("id"),
                "message/imdn+xml without CPIM is read too");
    }

    @Test
    void failedBecomesAnErrorToTheXmppSender() {
        String id = BridgedIds.toImdnId(new BridgedIds.XmppRequest("m-7", true, false));
        Message m = ((MessageMapping.Deliver) MAPPING.toXmpp(fromPhone(Cpim.CONTENT_TYPE, notification(id, "delivery-notification", "failed")))).message();
        assertEquals(Message.Type.error, m.getType());
        assertEquals("m-7", m.getID());
        assertEquals(StanzaCondition.RECIPIENT_UNAVAILABLE, StanzaCondition.of(m.getError()));
        assertTrue(m.getError().getText().contains("failed"), m.getError().getText());
    }

    @Test
    void aNotificationAboutAMessageXmppDidNotSendIsAnsweredWithoutAStanza() {
        assertInstanceOf(MessageMapping.Absorb.class, MAPPING.toXmpp(fromPhone(Imdn.CONTENT_TYPE,
                imdn("linphone-own-id", "delivery-notification", "delivered").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void cpimMessageAskingForNotificationsCarriesReceiptRequestAndMarkableToXmpp() {
        Message m = ((MessageMapping.Deliver) MAPPING.toXmpp(fromPhone(Cpim.CONTENT_TYPE, Rfc3862CpimTest.crlf(Rfc3862CpimTest.LINPHONE)))).message();
        assertEquals("Hello!", m.getBody());
        assertTrue(m.getElement().element(QName.get("request", XmppExtensions.RECEIPTS_NS)) != null);
        assertTrue(m.getElement().element(QName.get("markable", XmppExtensions.MARKERS_NS)) != null);
        assertEquals(Optional.of(new BridgedIds.SipRequest("AbCdEf123", EnumSet.of(Imdn.Request.POSITIVE_DELIVERY, Imdn.Request.DISPLAY))),
                BridgedIds.fromStanzaId(m.getID() + ".suffix-the-bridge-adds"));
    }

    @ParameterizedTest(name = "XMPP {0} -> IMDN {2}")
    @CsvSource({
            "urn:xmpp:receipts, received, delivered",
            "urn:xmpp:chat-markers:0, received, delivered",
            "urn:xmpp:chat-markers:0, displayed, displayed",
    })
    void receiptOrMarkerFromXmppBecomesTheImdnTheSipSenderAskedFor(String ns, String element, String status) {
        String id = BridgedIds.toStanzaId(new BridgedIds.SipRequest("AbCdEf123", EnumSet.of(Imdn.Request.POSITIVE_DELIVERY, Imdn.Request.DISPLAY)));
        Message ack = new Message();
        ack.setType(Message.Type.chat);
        ack.setFrom(new JID("juliet@b.test/balcony"));
        ack.setTo(new JID("romeo@a.test"));
        ack.getElement().addElement(QName.get(element, ns)).addAttribute("id", id);
        MessageMapping.Send s = (MessageMapping.Send) MAPPING.toSip(ack, true, MessageMapping.SipPeer.PLAIN);
        Cpim.Message c = Cpim.parse(s.message().body());
        assertEquals(Imdn.CONTENT_TYPE, c.contentType());
        assertEquals("notification", c.mimeHeaders().get("content-disposition"));
        Imdn.Notification n = Imdn.parse(c.content());
        assertEquals("AbCdEf123", n.messageId());
        assertEquals(status, n.status().name().toLowerCase(java.util.Locale.ROOT));
        assertEquals("sip:romeo@a.test", s.message().requestUri().toString());
    }

    @Test
    void aReceiptNobodyOnSipAskedForSendsNothing() {
        Message ack = new Message();
        ack.setFrom(new JID("juliet@b.test/balcony"));
        ack.setTo(new JID("romeo@a.test"));
        ack.getElement().addElement(QName.get("received", XmppExtensions.RECEIPTS_NS)).addAttribute("id", "some-client-id");
        assertInstanceOf(MessageMapping.NothingToSend.class, MAPPING.toSip(ack, true, LINPHONE));
    }

    @Test
    void writtenNotificationParsesBack() {
        Imdn.Notification n = new Imdn.Notification("abc", java.time.OffsetDateTime.parse("2026-12-01T21:00:00Z"), "sip:juliet@b.test",
                Imdn.Kind.DISPLAY, Imdn.Status.DISPLAYED);
        assertEquals(n, Imdn.parse(Imdn.write(n)));
    }
}
