package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** RFC 8048 §6.2 (Table 1, XMPP → PIDF) and §6.3 (Table 2, PIDF → XMPP). */
class Rfc8048PresenceMappingTest {
    private static final SipUri JULIET = SipUri.parse("sip:juliet@b.test");

    private static Presence available(String resource, Presence.Show show, String status, int priority) {
        Presence p = new Presence();
        p.setFrom(new JID("juliet@b.test/" + resource));
        if (show != null) {
            p.setShow(show);
        }
        if (status != null) {
            p.setStatus(status);
        }
        p.setPriority(priority);
        return p;
    }

    private static Pidf.Parsed roundTrip(List<Presence> resources, boolean status) {
        return Pidf.parse(PresenceMapping.toPidf(JULIET, resources, status));
    }

    @ParameterizedTest(name = "§6.2 priority {0} -> {1}")
    @CsvSource({"0,0", "1,0.007", "2,0.015", "64,0.503", "126,0.992", "127,1"})
    void table1PriorityScale(int xmpp, String q) {
        assertEquals(q, PresenceMapping.toPidfPriority(xmpp).orElseThrow().stripTrailingZeros().toPlainString());
        assertEquals(xmpp, PresenceMapping.toXmppPriority(Double.parseDouble(q)), "§6.3: the inverse");
    }

    @Test
    void table1NegativePriorityIsNotMapped() {
        assertTrue(PresenceMapping.toPidfPriority(-1).isEmpty());
        Pidf.Tuple t = roundTrip(List.of(available("pc", null, null, -5)), true).tuples().get(0);
        assertNull(t.priority());
    }

    @Test
    void table1AvailableIsOpenWithShowEmbeddedNoteAndGruuContact() {
        byte[] xml = PresenceMapping.toPidf(JULIET, List.of(available("1balcony", Presence.Show.away, "Gone fishing", 1)), true);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("id=\"ID-1balcony\""), "tuple id prefixed: xs:ID cannot start with a digit");
        assertTrue(text.contains("sip:juliet@b.test;gr=1balcony"), text);
        Pidf.Tuple t = Pidf.parse(xml).tuples().get(0);
        assertEquals(Pidf.Basic.OPEN, t.basic());
        assertEquals("away", t.show(), "show embedded as jabber:client");
        assertEquals("Gone fishing", t.note(), "status -> note");
        assertEquals(0.007, t.priority());
    }

    @Test
    void table1UnavailableIsClosed() {
        Presence gone = available("pc", null, "bye", 0);
        gone.setType(Presence.Type.unavailable);
        Pidf.Parsed doc = roundTrip(List.of(gone), true);
        assertEquals(Pidf.Basic.CLOSED, doc.tuples().get(0).basic());
        assertEquals("bye", doc.tuples().get(0).note());
    }

    @Test
    void statusTextIsLeftOutWhenThePartnerTypeForbidsIt() {
        Pidf.Parsed doc = roundTrip(List.of(available("pc", Presence.Show.dnd, "in a meeting with X", 0)), false);
        assertNull(doc.tuples().get(0).note());
        assertEquals("dnd", doc.tuples().get(0).show(), "availability still shown");
    }

    @Test
    void severalResourcesAreOneDocumentWithATupleEach() {
        Pidf.Parsed doc = roundTrip(List.of(available("phone", Presence.Show.away, null, 1), available("desk", null, null, 10)), true);
        assertEquals(2, doc.tuples().size());
        assertEquals("ID-desk", doc.mostAvailable().orElseThrow().id(), "the higher priority open tuple wins");
    }

    @Test
    void table2OpenIsAvailableWithShowStatusPriorityAndLanguage() {
        Pidf.Parsed doc = Pidf.parse("""
                <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:romeo@a.test'>
                  <tuple id='t1'><status><basic>open</basic><show xmlns='jabber:client'>xa</show></status>
                    <contact priority='0.992'>sip:romeo@a.test</contact><note>On holiday</note></tuple>
                </presence>""".getBytes(StandardCharsets.UTF_8));
        Presence p = PresenceMapping.toXmpp(doc, new JID("romeo@a.test"), new JID("juliet@b.test"), "en-GB", true).orElseThrow();
        assertNull(p.getType());
        assertEquals(Presence.Show.xa, p.getShow());
        assertEquals("On holiday", p.getStatus());
        assertEquals(126, p.getPriority());
        assertEquals("en-GB", p.getElement().attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE)));
    }

    @Test
    void table2ClosedIsUnavailable() {
        Pidf.Parsed doc = Pidf.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:r@a.test'><tuple id='a'><status><basic>closed</basic></status></tuple></presence>"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Presence.Type.unavailable, PresenceMapping.toXmpp(doc, new JID("r@a.test"), new JID("j@b.test"), null, true).orElseThrow().getType());
    }

    @Test
    void aDocumentThatSaysNothingDefiniteGivesNoPresence() {
        Pidf.Parsed doc = Pidf.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:r@a.test'/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), PresenceMapping.toXmpp(doc, new JID("r@a.test"), new JID("j@b.test"), null, true));
    }
}
