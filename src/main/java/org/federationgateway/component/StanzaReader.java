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
 * as dom4j elements. DTDs and external entities are refused (RFC 6120 §11.1); so is a stanza deeper, with
 * more elements or with more text than any the bridge handles, before it is held in memory whole.
 */
final class StanzaReader implements AutoCloseable {
    static final String STREAM_NS = "http://etherx.jabber.org/streams";
    static final String CONTENT_NS = "jabber:component:accept";
    /** Nesting levels within one stanza (a message with XHTML-IM and extensions needs well under 20). */
    static final int MAX_DEPTH = 64;
    /** Elements in one stanza. */
    static final int MAX_ELEMENTS = 2_000;
    /** Characters of text and attribute values in one stanza (Openfire's own default stanza limit is 1 MiB). */
    static final int MAX_CHARS = 1024 * 1024;
    private static final XMLInputFactory FACTORY = newFactory();

    /** Bytes read for one stanza, whatever they hold (a huge attribute value too); the parser reads ahead by a few KB. */
    static final long MAX_BYTES = 2L * MAX_CHARS;

    private final XMLStreamReader reader;
    private final BoundedInput input;

    StanzaReader(InputStream in) throws XMLStreamException {
        this.input = new BoundedInput(in);
        this.reader = FACTORY.createXMLStreamReader(input, "UTF-8");
    }

    /** Counts the bytes since the current stanza began and refuses to read past {@link #MAX_BYTES}. */
    private static final class BoundedInput extends java.io.FilterInputStream {
        private long sinceStart;

        BoundedInput(InputStream in) {
            super(in);
        }

        void startStanza() {
            sinceStart = 0;
        }

        private void check() throws java.io.IOException {
            if (sinceStart > MAX_BYTES) {
                throw new java.io.IOException("policy-violation: a stanza is larger than " + MAX_BYTES + " bytes");
            }
        }

        @Override
        public int read() throws java.io.IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                sinceStart++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            check();
            int n = super.read(b, off, len);
            if (n > 0) {
                sinceStart += n;
            }
            return n;
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Text arrives in parts, so a huge text is refused by the character limit before it is held whole.
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** Reads up to the server's stream header and returns its id attribute. */
    String readStreamHeader() throws XMLStreamException {
        try {
            return header();
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
    }

    /**
     * The JDK's parser lets some errors out as unchecked exceptions (seen: MissingResourceException for a message
     * key it lacks, on bytes in a DTD); they are the server's bad XML like any other.
     */
    private static XMLStreamException unreadable(RuntimeException e) {
        XMLStreamException x = new XMLStreamException("unreadable XML from the server (" + e + ")");
        x.initCause(e);
        return x;
    }

    private String header() throws XMLStreamException {
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
        try {
            return nextElement();
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
    }

    private Optional<Element> nextElement() throws XMLStreamException {
        input.startStanza();
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
        Limits limits = new Limits();
        Element root = startElement(null, limits);
        Element current = root;
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        throw new XMLStreamException("policy-violation: <" + root.getName() + "> is nested deeper than " + MAX_DEPTH + " levels");
                    }
                    current = startElement(current, limits);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    current = current.getParent();
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (current != null) {
                        String text = reader.getText();
                        limits.chars(root, text.length());
                        current.addText(text);
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("stream ended inside <" + root.getName() + ">");
                default -> { /* comments and processing instructions carry nothing for us */ }
            }
        }
        return root;
    }

    /** What one stanza has used so far of {@link #MAX_ELEMENTS} and {@link #MAX_CHARS}. */
    private static final class Limits {
        private int elements;
        private long chars;

        void element(String name) throws XMLStreamException {
            if (++elements > MAX_ELEMENTS) {
                throw new XMLStreamException("policy-violation: a stanza has more than " + MAX_ELEMENTS + " elements (at <" + name + ">)");
            }
        }

        void chars(Element root, int count) throws XMLStreamException {
            chars += count;
            if (chars > MAX_CHARS) {
                throw new XMLStreamException("policy-violation: <" + root.getName() + "> holds more than " + MAX_CHARS + " characters");
            }
        }
    }

    private Element startElement(Element parent, Limits limits) throws XMLStreamException {
        limits.element(reader.getLocalName());
        refuseReservedNamespaces();
        String ns = reader.getNamespaceURI();
        // Stanzas and their children in the stream's content namespace become namespace-less, as tinder builds them.
        QName name = ns == null || ns.isEmpty() || CONTENT_NS.equals(ns)
                ? QName.get(reader.getLocalName())
                : QName.get(reader.getLocalName(), Namespace.get(reader.getPrefix() == null ? "" : reader.getPrefix(), ns));
        Element element = parent == null ? DocumentHelper.createElement(name) : parent.addElement(name);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attrNs = reader.getAttributeNamespace(i);
            String prefix = reader.getAttributePrefix(i);
            limits.chars(parent == null ? element : parent, reader.getAttributeValue(i).length());
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

    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    /**
     * Namespaces in XML 1.0 §3: the prefixes xmlns and xml and their namespaces are reserved. The JDK's parser lets
     * a declaration binding them pass; copied into a stanza it would make XML that no peer can read.
     */
    private void refuseReservedNamespaces() throws XMLStreamException {
        boolean reservedName = XMLNS_NS.equals(reader.getNamespaceURI()) || "xmlns".equals(reader.getPrefix());
        for (int i = 0; i < reader.getAttributeCount() && !reservedName; i++) {
            reservedName = XMLNS_NS.equals(reader.getAttributeNamespace(i)) || "xmlns".equals(reader.getAttributePrefix(i));
        }
        if (reservedName) {
            throw new XMLStreamException("<" + reader.getLocalName() + "> uses the reserved xmlns namespace (Namespaces in XML §3)");
        }
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i) == null ? "" : reader.getNamespacePrefix(i);
            String uri = reader.getNamespaceURI(i) == null ? "" : reader.getNamespaceURI(i);
            boolean xmlPrefixElsewhere = prefix.equals("xml") != uri.equals(XML_NS);
            if (prefix.equals("xmlns") || uri.equals(XMLNS_NS) || xmlPrefixElsewhere) {
                throw new XMLStreamException("<" + reader.getLocalName() + "> declares the reserved namespace prefix '" + prefix + "' or URI '"
                        + uri + "' (Namespaces in XML §3)");
            }
            // A namespace name is a URI reference (Namespaces in XML §2.2, RFC 3986), which holds none of these; dom4j
            // writes a declaration's URI unescaped, so one of them would make the stanza passed on no longer XML.
            refuseNoUri(uri);
        }
        // also a namespace in scope from an ancestor (the stream header's default namespace, say)
        refuseNoUri(reader.getNamespaceURI());
    }

    private void refuseNoUri(String uri) throws XMLStreamException {
        if (uri != null && uri.chars().anyMatch(c -> c == '"' || c == '<' || c == '>' || c == '&' || c < 0x20)) {
            throw new XMLStreamException("<" + reader.getLocalName() + "> is in a namespace that is no URI: '" + uri + "'");
        }
    }

    @Override
    public void close() throws XMLStreamException {
        reader.close();
    }
}
