package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.Presence;

/** The cluster task that hands a partner's presence to the node holding the SIP watcher's subscription. */
class ForwardedPresenceTest {
    private static ForwardedPresence roundTrip(ForwardedPresence task) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task); // as the clustering plugin ships it: Java serialization, so writeExternal
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ForwardedPresence) in.readObject(); // the public no-arg constructor, then readExternal
        }
    }

    @Test
    void theKeyAndTheStanzaArriveUnchangedAlsoBeyondTheSixtyFourKibLimitOfWriteUtf() throws Exception {
        Presence p = new Presence();
        p.setFrom("juliet@b.test/balcony");
        p.setTo("benvolio@a.test");
        p.setStatus("Ωmega ".repeat(20_000)); // > 64 KiB in UTF-8 (two bytes a letter Ω)
        ForwardedPresence back = roundTrip(new ForwardedPresence("sx|juliet@b.test|benvolio@a.test", p.toXML()));
        assertEquals("sx|juliet@b.test|benvolio@a.test", back.key());
        assertEquals(p.toXML(), back.stanza());
        Presence parsed = ForwardedPresence.parse(back.stanza());
        assertEquals(p.getStatus(), parsed.getStatus());
        assertEquals("juliet@b.test/balcony", parsed.getFrom().toString());
        assertEquals(null, parsed.getType(), "available");
    }

    @Test
    void aCorruptLengthIsRefusedInsteadOfAllocated() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(Integer.MAX_VALUE);
        }
        ForwardedPresence task = new ForwardedPresence();
        IOException e = assertThrows(IOException.class, () -> task.readExternal(new ObjectInputStream(new ByteArrayInputStream(header(bytes.toByteArray())))));
        assertEquals("forwarded presence: a field of " + Integer.MAX_VALUE + " bytes (at most " + ForwardedPresence.MAX_BYTES + ")", e.getMessage());
    }

    /** An object stream's header followed by a block of data holding {@code data}. */
    private static byte[] header(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void aDoctypeInTheStanzaIsRefused() {
        assertThrows(Exception.class, () -> ForwardedPresence.parse("<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><presence>&x;</presence>"));
    }
}
