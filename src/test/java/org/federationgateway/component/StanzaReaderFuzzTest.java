package org.federationgateway.component;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.xml.stream.XMLStreamException;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dom4j.Element;
import org.federationgateway.testing.fuzz.WellFormed;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.Packet;

/**
 * Fuzz target for the XEP-0114 stream as a hostile or broken XMPP server sends it. Properties: any byte
 * sequence ends in stanzas, a clean close, or {@link XMLStreamException} (the connection then reconnects);
 * nothing else escapes; every stanza read becomes a packet whose XML a strict reader accepts (so relaying it
 * cannot break another stream); a stanza whose to or from is no JID is refused on its own with an error that is
 * itself well-formed; DTDs, entity expansion, depth and size beyond the reader's limits are refused.
 */
class StanzaReaderFuzzTest {
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void streamIsReadOrRefused(byte[] stream) {
        try (StanzaReader reader = new StanzaReader(new ByteArrayInputStream(stream))) {
            assertNotNull(reader.readStreamHeader());
            for (Optional<Element> next = reader.next(); next.isPresent(); next = reader.next()) {
                try {
                    Optional<Packet> packet = ComponentConnection.toPacket(next.get(), "sip.xmpp.test");
                    packet.ifPresent(p -> WellFormed.require(p.toXML(), "a stanza read from the component stream"));
                } catch (ComponentConnection.MalformedStanzaException refusedStanza) {
                    // that one stanza is refused, the stream goes on; its error reply must be a stanza another server reads
                    assertNotNull(refusedStanza.getMessage(), "a refused stanza says why");
                    refusedStanza.reply().ifPresent(p -> WellFormed.require(p.toXML(), "the error for a stanza with a malformed address"));
                }
            }
        } catch (XMLStreamException refused) {
            assertNotNull(refused.getMessage(), "a refused stream says why");
        }
    }
}
