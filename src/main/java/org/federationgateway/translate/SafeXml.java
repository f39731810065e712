package org.federationgateway.translate;

import java.io.ByteArrayInputStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXException;

/**
 * Parsing of the small XML bodies SIP carries (PIDF, IMDN, isComposing): never a DTD or an external entity, a size
 * limit checked before parsing, and parsers reused: making and configuring one was most of the cost of a parse (JMH
 * median 47 µs and 47 KB per PIDF document with a new parser each time, 16 µs and 11 KB reused). A small pool
 * rather than a ThreadLocal, so nothing of the plugin stays on Openfire's threads after it is unloaded.
 */
final class SafeXml {
    private static final Queue<SAXReader> READERS = new ConcurrentLinkedQueue<>();
    private static final int POOLED_READERS = 8;
    private static final SAXParserFactory PARSERS = safeFactory();

    private SafeXml() {
    }

    /**
     * @param what names the document in error messages, e.g. "the PIDF document"
     * @throws TranslationException when it is too large or not well-formed
     */
    static Document read(byte[] xml, int maxBytes, String what) {
        if (xml.length > maxBytes) {
            throw new TranslationException(what + " is larger than " + maxBytes + " bytes");
        }
        SAXReader reader = READERS.poll();
        if (reader == null) {
            reader = newReader();
        }
        try {
            return reader.read(new ByteArrayInputStream(xml));
        } catch (DocumentException e) {
            if (declaresDocumentType(xml)) {
                // The parser refused it at the declaration, before any entity: the sender learns what is not accepted.
                throw new TranslationException(what + " " + DOCUMENT_TYPE_REFUSED);
            }
            throw new TranslationException(what + " is not well-formed XML: " + e.getMessage());
        } finally {
            if (READERS.size() < POOLED_READERS) {
                READERS.offer(reader);
            }
        }
    }

    /** Why a document with a DTD is refused, after the name of the document. */
    static final String DOCUMENT_TYPE_REFUSED = "holds a document type declaration (DOCTYPE), which the gateway does not accept: no entity is expanded and nothing is fetched";

    /** Whether the bytes hold a DOCTYPE (in any ASCII-compatible encoding); only chooses the message of a refusal. */
    private static boolean declaresDocumentType(byte[] xml) {
        return new String(xml, java.nio.charset.StandardCharsets.ISO_8859_1).contains("<!DOCTYPE");
    }

    /** The first child of that name and namespace, or null. */
    static Element child(Element parent, String name, String namespace) {
        for (Element e : parent.elements()) {
            if (name.equals(e.getName()) && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static SAXParserFactory safeFactory() {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            // No DTD at all: no entity expansion, no external entities.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
        return f;
    }

    private static SAXReader newReader() {
        try {
            synchronized (PARSERS) { // a factory is not promised to be thread-safe
                return new SAXReader(PARSERS.newSAXParser().getXMLReader());
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
    }
}
