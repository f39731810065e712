package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Oversized and hostile bodies from SIP: refused with a text naming the limit, before they are parsed or bridged. */
class OversizedInputTest {
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);

    @Test
    void aTenMegabytePidfDocumentIsRefusedUnread() {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) ' ');
        TranslationException e = assertThrows(TranslationException.class, () -> Pidf.parse(tenMegabytes));
        assertEquals("the PIDF document is larger than " + Pidf.MAX_BYTES + " bytes", e.getMessage());
    }

    @Test
    void entityExpansionInPidfIsRefused() {
        String lol = "<?xml version='1.0'?><!DOCTYPE p [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                + "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:a@b.test'><note>&b;</note></presence>";
        TranslationException e = assertThrows(TranslationException.class, () -> Pidf.parse(lol.getBytes(StandardCharsets.UTF_8)));
        assertEquals("the PIDF document holds a document type declaration (DOCTYPE), which the gateway does not accept: no entity is "
                + "expanded and nothing is fetched", e.getMessage());
    }

    /** RFC 3261 §21.4.11 413 Request Entity Too Large. */
    @Test
    void aOneMegabyteMessageBodyIsAnswered413() {
        byte[] body = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
        SipMessage in = new SipMessage(SipUri.parse("sip:romeo@a.test"), SipUri.parse("sip:juliet@b.test"), "c1", null, null, "text/plain", body);
        MessageMapping.Reject r = assertInstanceOf(MessageMapping.Reject.class, MAPPING.toXmpp(in));
        assertEquals(413, r.response().status());
        assertEquals("the MESSAGE body is 1000000 bytes; the gateway bridges at most " + MessageMapping.MAX_INBOUND_BODY, r.response().reason());
    }

    @Test
    void aBodyAtTheLimitIsBridged() {
        byte[] body = "x".repeat(MessageMapping.MAX_INBOUND_BODY).getBytes(StandardCharsets.UTF_8);
        SipMessage in = new SipMessage(SipUri.parse("sip:romeo@a.test"), SipUri.parse("sip:juliet@b.test"), "c1", null, null, "text/plain", body);
        MessageMapping.Deliver d = assertInstanceOf(MessageMapping.Deliver.class, MAPPING.toXmpp(in));
        assertEquals(MessageMapping.MAX_INBOUND_BODY, d.message().getBody().length());
    }

    @Test
    void controlCharactersXmppCannotCarryAreAnswered400NamingTheField() {
        SipMessage in = new SipMessage(SipUri.parse("sip:romeo@a.test"), SipUri.parse("sip:juliet@b.test"), "c1", "hi\u001a", null, "text/plain",
                "fine".getBytes(StandardCharsets.UTF_8));
        MessageMapping.Reject r = assertInstanceOf(MessageMapping.Reject.class, MAPPING.toXmpp(in));
        assertEquals(400, r.response().status());
        assertEquals("the Subject holds U+001A, which XMPP cannot carry", r.response().reason());
    }
}
