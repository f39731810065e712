package org.federationgateway.component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

import javax.xml.stream.XMLStreamException;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * One XEP-0114 connection: opens the stream, authenticates with the handshake, then reads stanzas on
 * its own thread and hands them to a consumer until the stream or socket ends.
 */
final class ComponentConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final ComponentSettings settings;
    private final Socket socket;
    private final Writer writer;
    private final StanzaReader reader;

    private ComponentConnection(ComponentSettings settings, Socket socket, Writer writer, StanzaReader reader) {
        this.settings = settings;
        this.socket = socket;
        this.writer = writer;
        this.reader = reader;
    }

    /** Connects and authenticates; throws with the server's reason when the handshake is refused. */
    static ComponentConnection open(ComponentSettings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(settings.serverHost(), settings.serverPort()), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write("<?xml version='1.0'?><stream:stream xmlns='" + StanzaReader.CONTENT_NS
                    + "' xmlns:stream='" + StanzaReader.STREAM_NS + "' to='" + xmlEscape(settings.componentDomain()) + "'>");
            writer.flush();
            StanzaReader reader = new StanzaReader(socket.getInputStream());
            String streamId = reader.readStreamHeader();
            writer.write("<handshake>" + Handshake.digest(streamId, settings.secret()) + "</handshake>");
            writer.flush();
            Element answer = reader.next().orElseThrow(() -> new IOException("the server closed the stream during the handshake"));
            if (!"handshake".equals(answer.getName())) {
                throw new IOException("the server refused the component handshake for " + settings.componentDomain() + ": " + answer.asXML());
            }
            socket.setSoTimeout(0);
            return new ComponentConnection(settings, socket, writer, reader);
        } catch (XMLStreamException e) {
            closeQuietly(socket);
            throw new IOException("bad XML from " + settings.serverHost() + ":" + settings.serverPort() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Blocks reading stanzas until the stream ends; returns normally on a clean close, throws on an error. */
    void readUntilClosed(Consumer<Packet> onStanza) throws IOException {
        try {
            for (Optional<Element> next = reader.next(); next.isPresent(); next = reader.next()) {
                toPacket(next.get()).ifPresent(onStanza);
            }
        } catch (XMLStreamException e) {
            if (socket.isClosed()) {
                return;
            }
            throw new IOException("component stream to " + settings.serverHost() + " broke: " + e.getMessage(), e);
        }
    }

    synchronized void send(Packet packet) throws IOException {
        writer.write(packet.toXML());
        writer.flush();
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    static Optional<Packet> toPacket(Element element) {
        return switch (element.getName()) {
            case "message" -> Optional.of(new Message(element, true));
            case "presence" -> Optional.of(new Presence(element, true));
            case "iq" -> Optional.of(new IQ(element, true));
            default -> Optional.empty(); // stream features or errors carry no stanza for the gateway
        };
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                writer.write("</stream:stream>");
                writer.flush();
            }
        } catch (IOException ignored) {
            // the peer may already be gone; closing the socket below is what matters
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that will not close
        }
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }
}
