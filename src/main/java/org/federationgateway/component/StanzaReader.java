package org.federationgateway.component;

import java.io.InputStream;
import java.util.Optional;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

/**
 * Reads an XMPP stream incrementally: the opening stream header, then one top-level element at a time,
 * as dom4j elements. DTDs and external entities are refused (RFC 6120 §11.1).
 */
final class StanzaReader implements AutoCloseable {
    static final String STREAM_NS = "http://etherx.jabber.org/streams";
    static final String CONTENT_NS = "jabber:component:accept";
    private static final XMLInputFactory FACTORY = newFactory();

    private final XMLStreamReader reader;

    StanzaReader(InputStream in) throws XMLStreamException {
        this.reader = FACTORY.createXMLStreamReader(in, "UTF-8");
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Reads up to the server's stream header and returns its id attribute. */
    String readStreamHeader() throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!"stream".equals(reader.getLocalName()) || !STREAM_NS.equals(reader.getNamespaceURI())) {
                    throw new XMLStreamException("expected a stream header, got <" + reader.getLocalName() + ">");
                }
                String id = reader.getAttributeValue(null, "id");
                if (id == null || id.isEmpty()) {
                    throw new XMLStreamException("the server's stream header has no id");
                }
                return id;
            }
        }
        throw new XMLStreamException("the server closed the connection before its stream header");
    }

    /** The next top-level element, or empty when the server closed the stream. */
    Optional<Element> next() throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return Optional.of(readElement());
            }
            if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Element readElement() throws XMLStreamException {
        Element root = startElement(null);
        Element current = root;
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    current = startElement(current);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    current = current.getParent();
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (current != null) {
                        current.addText(reader.getText());
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("stream ended inside <" + root.getName() + ">");
                default -> { /* comments and processing instructions carry nothing for us */ }
            }
        }
        return root;
    }

    private Element startElement(Element parent) {
        String ns = reader.getNamespaceURI();
        // Stanzas and their children in the stream's content namespace become namespace-less, as tinder builds them.
        QName name = ns == null || ns.isEmpty() || CONTENT_NS.equals(ns)
                ? QName.get(reader.getLocalName())
                : QName.get(reader.getLocalName(), Namespace.get(reader.getPrefix() == null ? "" : reader.getPrefix(), ns));
        Element element = parent == null ? DocumentHelper.createElement(name) : parent.addElement(name);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attrNs = reader.getAttributeNamespace(i);
            String prefix = reader.getAttributePrefix(i);
            if (attrNs != null && !attrNs.isEmpty()) {
                element.addAttribute(QName.get(reader.getAttributeLocalName(i), Namespace.get(prefix == null ? "" : prefix, attrNs)), reader.getAttributeValue(i));
            } else {
                element.addAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
        }
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (prefix != null && !prefix.isEmpty()) {
                element.addNamespace(prefix, reader.getNamespaceURI(i));
            }
        }
        return element;
    }

    @Override
    public void close() throws XMLStreamException {
        reader.close();
    }
}
