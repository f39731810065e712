package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * RFC 4480 §3.2 activities (and §3.6 user input) in PIDF, both ways, beside RFC 8048 §6.2's embedded show. The
 * written form is the one baresip matches literally ({@code <basic>open</basic>}, {@code <rpid:away/>},
 * {@code <rpid:busy/>}) and Linphone reads through the data-model person.
 */
class Rfc4480RpidActivitiesTest {
    private static final SipUri JULIET = SipUri.parse("sip:juliet@b.test");

    private static Presence available(String resource, Presence.Show show, int priority) {
        Presence p = new Presence();
        p.setFrom(new JID("juliet@b.test/" + resource));
        if (show != null) {
            p.setShow(show);
        }
        p.setPriority(priority);
        return p;
    }

    @ParameterizedTest(name = "RFC 4480 §3.2 written: show {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "away, <rpid:activities><rpid:away/></rpid:activities>",
            "xa,   <rpid:activities><rpid:away/></rpid:activities>",
            "dnd,  <rpid:activities><rpid:busy/></rpid:activities>",
    })
    void section3_2ShowBecomesAnActivityOfThePerson(Presence.Show show, String expected) {
        String xml = new String(PresenceMapping.toPidf(JULIET, List.of(available("balcony", show, 0)), true), StandardCharsets.UTF_8);
        assertTrue(xml.contains(expected), xml);
        assertTrue(xml.contains("<basic>open</basic>"), "RFC 8048 §6.2: available is basic open: " + xml);
        assertTrue(xml.contains("<dm:person") && xml.contains("xmlns:dm=\"" + Rpid.DATA_MODEL_NS + "\""), xml);
        assertTrue(xml.contains("<show xmlns=\"jabber:client\">" + show.name() + "</show>"), "RFC 8048 §6.2 show kept: " + xml);
    }

    @ParameterizedTest(name = "RFC 4480 §3.2 written: show {0} has no activity")
    @CsvSource(nullValues = "none", value = {"chat", "none"})
    void section3_2AvailableAndChatCarryNoActivity(Presence.Show show) {
        String xml = new String(PresenceMapping.toPidf(JULIET, List.of(available("balcony", show, 0)), true), StandardCharsets.UTF_8);
        assertFalse(xml.contains("activities"), xml);
    }

    @Test
    void section3_2TheMostAvailableResourceDecidesThePersonsActivity() {
        String xml = new String(PresenceMapping.toPidf(JULIET, List.of(available("phone", Presence.Show.dnd, 5),
                available("laptop", Presence.Show.away, 1)), true), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<rpid:away/>") && !xml.contains("<rpid:busy/>"), xml);
    }

    @Test
    void section3_2UnavailableIsClosedWithoutActivity() {
        Presence gone = new Presence(Presence.Type.unavailable);
        gone.setFrom(new JID("juliet@b.test/balcony"));
        String xml = new String(PresenceMapping.toPidf(JULIET, List.of(gone), true), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<basic>closed</basic>") && !xml.contains("activities"), xml);
    }

    @ParameterizedTest(name = "RFC 4480 §3.2 read: {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "away, away", "breakfast, away", "dinner, away", "meal, away", "shopping, away", "in-transit, away", "travel, away",
            "steering, away", "vacation, xa", "holiday, xa", "sleeping, xa", "permanent-absence, xa", "looking-for-work, xa",
            "busy, dnd", "on-the-phone, dnd", "meeting, dnd", "appointment, dnd", "performance, dnd", "presentation, dnd",
            "spectator, dnd", "worship, dnd", "working, none", "playing, none", "tv, none", "unknown, none",
    })
    void section3_2ActivityFromAPhoneBecomesShow(String activity, Presence.Show expected) {
        String pidf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\""
                + " xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\""
                + " entity=\"sip:romeo@a.test\"><tuple id=\"t1\"><status><basic>open</basic></status></tuple>"
                + "<dm:person id=\"p1\"><rpid:activities><rpid:" + activity + "/></rpid:activities></dm:person></presence>";
        Presence p = PresenceMapping.toXmpp(Pidf.parse(pidf.getBytes(StandardCharsets.UTF_8)), new JID("romeo@sip.a.test"),
                new JID("juliet@b.test"), null, true).orElseThrow();
        assertEquals(null, p.getType(), "basic open stays available");
        assertEquals(expected, p.getShow());
    }

    @Test
    void section3_2TheLeastAvailableOfSeveralActivitiesWins() {
        assertEquals(Optional.of(Presence.Show.dnd), Rpid.showFor(List.of("away", "on-the-phone"), null));
        assertEquals(Optional.of(Presence.Show.xa), Rpid.showFor(List.of("meal", "vacation", "working"), null));
    }

    @Test
    void section3_6IdleUserInputAloneMeansAway() {
        assertEquals(Optional.of(Presence.Show.away), Rpid.showFor(List.of(), "idle"));
        assertEquals(Optional.empty(), Rpid.showFor(List.of(), "active"));
        assertEquals(Optional.of(Presence.Show.dnd), Rpid.showFor(List.of("busy"), "idle"), "an activity says more than idleness");
    }

    @Test
    void linphoneShapeWithPersonNoteIsReadAsBusyWithItsNote() {
        // liblinphone's document: tuple without note, the person's activity and a dm:note.
        String pidf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\""
                + " xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:romeo@a.test\">"
                + "<tuple id=\"qmbcde\"><status><basic>open</basic></status><contact>sip:romeo@127.0.71.2</contact>"
                + "<timestamp>2026-12-01T21:00:00Z</timestamp></tuple>"
                + "<dm:person id=\"romeo\"><rpid:activities><rpid:busy/></rpid:activities><dm:note>In a call</dm:note></dm:person></presence>";
        Presence p = PresenceMapping.toXmpp(Pidf.parse(pidf.getBytes(StandardCharsets.UTF_8)), new JID("romeo@sip.a.test"),
                new JID("juliet@b.test"), null, true).orElseThrow();
        assertEquals(Presence.Show.dnd, p.getShow());
        assertEquals("In a call", p.getStatus());
    }

    @Test
    void writtenDocumentReadsBackToTheSameShow() {
        for (Presence.Show show : List.of(Presence.Show.away, Presence.Show.dnd)) {
            byte[] pidf = PresenceMapping.toPidf(JULIET, List.of(available("balcony", show, 0)), true);
            Presence p = PresenceMapping.toXmpp(Pidf.parse(pidf), new JID("juliet@b.test"), new JID("romeo@sip.a.test"), null, true).orElseThrow();
            assertEquals(show, p.getShow());
        }
    }
}
