package org.federationgateway.testing.fuzz;

import java.io.StringReader;

import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/** Fuzz properties shared by the targets: what the gateway writes must be XML a strict peer can read. */
public final class WellFormed {
    private static final SAXParserFactory FACTORY = factory();

    private WellFormed() {
    }

    private static SAXParserFactory factory() {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    /** Fails with the parser's reason when {@code xml} (one stanza or document) is not well-formed XML 1.0. */
    public static void require(String xml, String what) {
        try {
            FACTORY.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
        } catch (Exception e) {
            throw new AssertionError(what + " is not well-formed XML (" + e.getMessage() + "): " + abbreviate(xml), e);
        }
    }

    public static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }
}
