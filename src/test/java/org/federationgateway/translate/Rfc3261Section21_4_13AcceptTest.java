package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 3261 §21.4.13: a 415 lists, in Accept, the body types the gateway bridges. */
class Rfc3261Section21_4_13AcceptTest {
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);

    @Test
    void acceptListsEveryBridgedType() {
        assertEquals("text/plain, text/html, message/cpim, message/imdn+xml, application/im-iscomposing+xml", SipContent.ACCEPT);
    }

    /** RFC 3261 §20.15: a Content-Type is a media type; one without (";", " ;charset=utf-8") is a bad request. */
    @ParameterizedTest(name = "''{0}'' -> 400")
    @CsvSource(value = {"';'", "' ;charset=utf-8'"}, quoteCharacter = '\'')
    void aContentTypeWithoutAMediaTypeIs400(String type) {
        SipMessage in = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null, type,
                "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, ((MessageMapping.Reject) MAPPING.toXmpp(in)).response().status());
    }

    @ParameterizedTest(name = "{0} -> 415")
    @CsvSource({"application/pkcs7-mime", "image/png", "application/vnd.gsma.rcs-ft-http+xml", "multipart/mixed;boundary=x"})
    void unbridgedTypesAre415NamingWhatIsAccepted(String type) {
        SipMessage in = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null, type,
                "x".getBytes(StandardCharsets.UTF_8));
        ErrorMapping.SipResponse r = ((MessageMapping.Reject) MAPPING.toXmpp(in)).response();
        assertEquals(415, r.status());
        assertTrue(r.reason().contains(SipContent.ACCEPT), r.reason());
    }

    @Test
    void anUnbridgedTypeInsideCpimIs415Too() {
        byte[] cpim = Rfc3862CpimTest.crlf("From: <sip:romeo@a.test>\n\nContent-Type: image/png\n\nPNG");
        SipMessage in = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null, Cpim.CONTENT_TYPE, cpim);
        assertEquals(415, ((MessageMapping.Reject) MAPPING.toXmpp(in)).response().status());
    }
}
