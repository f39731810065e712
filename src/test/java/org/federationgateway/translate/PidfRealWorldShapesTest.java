package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PIDF as front ends and softphones send it (RFC 3863 with RFC 4479/4480 extensions), one row per shape:
 * the aggregate basic status and show the gateway derives.
 */
class PidfRealWorldShapesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RFC 3863 minimal open | <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@x'><tuple id='t'><status><basic>open</basic></status></tuple></presence> | OPEN | -
            no basic (RFC 4479 style, Linphone) with an RPID activity | <presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:dm='urn:ietf:params:xml:ns:pidf:data-model' xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid' entity='sip:a@x'><tuple id='t'><status/></tuple><dm:person id='p'><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person></presence> | UNKNOWN | dnd
            several tuples: one closed phone, one open desk | <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:a@x'><tuple id='phone'><status><basic>closed</basic></status></tuple><tuple id='desk'><status><basic>open</basic></status><contact priority='0.8'>sip:a@x</contact></tuple></presence> | OPEN | -
            unknown namespaces are ignored (Skype for Business, Jitsi) | <presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:c='urn:ietf:params:xml:ns:pidf:cipid' xmlns:z='urn:example:vendor' entity='sip:a@x'><tuple id='t'><status><basic>open</basic><z:mood>good</z:mood></status><z:extra/></tuple><c:card>x</c:card></presence> | OPEN | -
            RPID away on the person, basic open (Kamailio PUBLISH from a softphone) | <presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:dm='urn:ietf:params:xml:ns:pidf:data-model' xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid' entity='sip:a@x'><tuple id='t'><status><basic>open</basic></status></tuple><dm:person id='p'><rpid:activities><rpid:away/></rpid:activities></dm:person></presence> | OPEN | away
            all tuples closed | <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:a@x'><tuple id='a'><status><basic>closed</basic></status></tuple><tuple id='b'><status><basic>closed</basic></status></tuple></presence> | CLOSED | -
            basic in upper case and surrounding whitespace | <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:a@x'><tuple id='t'><status><basic> OPEN </basic></status></tuple></presence> | OPEN | -
            out-of-range priority ignored | <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:a@x'><tuple id='t'><status><basic>open</basic></status><contact priority='7'>sip:a@x</contact></tuple></presence> | OPEN | -
            """)
    void aggregate(String shape, String xml, String basic, String show) {
        Pidf.Tuple best = Pidf.parse(xml.getBytes(StandardCharsets.UTF_8)).mostAvailable().orElseThrow();
        assertEquals(Pidf.Basic.valueOf(basic), best.basic(), shape);
        assertEquals(show.equals("-") ? null : show, best.show(), shape);
    }

    @ParameterizedTest(name = "refused: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            not XML                         | open                                                                                                   | is not well-formed XML
            another root element            | <presence xmlns='jabber:client'/>                                                                      | not a PIDF document
            a DTD (entity expansion attack) | <?xml version='1.0'?><!DOCTYPE p [<!ENTITY e 'x'>]><presence xmlns='urn:ietf:params:xml:ns:pidf'>&e;</presence> | holds a document type declaration
            an external entity              | <?xml version='1.0'?><!DOCTYPE p [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><presence xmlns='urn:ietf:params:xml:ns:pidf'>&e;</presence> | holds a document type declaration
            an external DTD                 | <?xml version='1.0'?><!DOCTYPE presence SYSTEM 'http://127.0.0.1:1/pidf.dtd'><presence xmlns='urn:ietf:params:xml:ns:pidf'/> | holds a document type declaration
            a DTD after a comment           | <?xml version='1.0'?><!-- x --><!DOCTYPE p [<!ENTITY e 'x'>]><presence xmlns='urn:ietf:params:xml:ns:pidf'>&e;</presence> | holds a document type declaration
            """)
    void badDocumentsAreRefusedWithAReason(String what, String xml, String reason) {
        TranslationException e = assertThrows(TranslationException.class, () -> Pidf.parse(xml.getBytes(StandardCharsets.UTF_8)), what);
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }
}
