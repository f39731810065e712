package org.federationgateway.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The soak's counting: each message once by its sequence number, a repeat as a duplicate, other traffic not at all. */
class SoakHarnessTest {
    @Test
    void eachSequenceNumberCountsOnceAndARepeatIsADuplicate() {
        SoakHarness.Direction d = new SoakHarness.Direction("x2s");
        d.arrived(d.body(0));
        d.arrived(d.body(1));
        d.arrived(d.body(1));
        d.arrived(d.body(7));
        assertEquals(3, d.delivered());
        assertEquals(1, d.duplicates());
    }

    @Test
    void anotherDirectionsMessagesAndOtherBodiesAreNotCounted() {
        SoakHarness.Direction d = new SoakHarness.Direction("x2s");
        d.arrived(new SoakHarness.Direction("s2x").body(0));
        d.arrived("hello");
        d.arrived(null);
        assertEquals(0, d.delivered());
        assertEquals(0, d.duplicates());
    }

    @Test
    void theMinutesLatenciesAreDrainedOnce() {
        SoakHarness.Direction d = new SoakHarness.Direction("s2x");
        d.arrived(d.body(0));
        double[] first = d.drainPercentiles();
        assertTrue(first[0] >= 0 && first[1] >= first[0], "p50 and p99 of one arrival");
        assertTrue(Double.isNaN(d.drainPercentiles()[0]), "nothing arrived since the last drain");
    }

    @Test
    void oneRateServesBothDirectionsAndTwoRatesAreXmppToSipThenSipToXmpp() {
        assertEquals(new SoakHarness.Rates(200, 200), SoakHarness.Rates.parse("200"));
        assertEquals(new SoakHarness.Rates(400, 100), SoakHarness.Rates.parse("400,100"));
        assertEquals("400 XMPP → SIP and 100 SIP → XMPP", SoakHarness.Rates.parse("400,100").label());
        assertThrows(IllegalArgumentException.class, () -> SoakHarness.Rates.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> SoakHarness.Rates.parse("1,2,3"));
        assertThrows(NumberFormatException.class, () -> SoakHarness.Rates.parse("fast"));
    }
}
