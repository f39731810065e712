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
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * One XEP-0114 connection: opens the stream, authenticates with the handshake, then reads stanzas on
 * its own thread and hands them to a consumer until the stream or socket ends.
 */
final class ComponentConnection implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(ComponentConnection.class);
    private static final int CONNECT_TIMEOUT_MS = 5000;
    /** Reason code in the log for a stanza whose to or from is no JID (RFC 6120 §8.3.3.8). */
    static final String JID_MALFORMED = "jid-malformed";

    /**
     * A stanza whose {@code to} or {@code from} is not a JID (such as {@code @domain/r}): refused on its own, the
     * stream stays open. {@link #reply} is the error to send back, when there is an address it can go to.
     */
    static final class MalformedStanzaException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Packet reply;

        MalformedStanzaException(String message, Packet reply) {
            super(message);
            this.reply = reply;
        }

        Optional<Packet> reply() {
            return Optional.ofNullable(reply);
        }
    }

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
            // Each stanza is written and flushed whole: Nagle's algorithm would hold a stanza back until the server
            // acknowledged the previous one, which a delayed ACK makes up to 40 ms on the message's way.
            socket.setTcpNoDelay(true);
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
                Optional<Packet> packet;
                try {
                    packet = toPacket(next.get(), settings.componentDomain());
                } catch (MalformedStanzaException e) {
                    LOG.warn("Federation Gateway: refused a {} on the component link from {}: reason={} ({}); the link stays open",
                            next.get().getName(), settings.serverHost(), JID_MALFORMED, e.getMessage());
                    if (e.reply().isPresent()) {
                        send(e.reply().get());
                    }
                    continue;
                }
                packet.ifPresent(onStanza);
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

    /** Whether stanzas leave at once, without waiting for the server's acknowledgement of the previous segment. */
    boolean sendsWithoutDelay() throws IOException {
        return socket.getTcpNoDelay();
    }

    /**
     * The stanza as a packet, or empty for what carries no stanza (stream features, errors).
     *
     * @throws MalformedStanzaException when its {@code to} or {@code from} is no JID; the error reply goes to
     *                                  the sender when its address is one, else to its domain when that is one
     */
    static Optional<Packet> toPacket(Element element, String componentDomain) throws MalformedStanzaException {
        String name = element.getName();
        if (!name.equals("message") && !name.equals("presence") && !name.equals("iq")) {
            return Optional.empty(); // stream features or errors carry no stanza for the gateway
        }
        String from = element.attributeValue("from");
        String to = element.attributeValue("to");
        String badFrom = malformed(from);
        String badTo = malformed(to);
        if (badFrom != null || badTo != null) {
            String what = badFrom != null ? "the from address '" + from + "' is not a JID: " + badFrom
                    : "the to address '" + to + "' is not a JID: " + badTo;
            JID replyTo = badFrom == null ? (from == null ? null : new JID(from)) : domainOf(from);
            JID replyFrom = badTo == null && to != null ? new JID(to) : domainOf(componentDomain);
            throw new MalformedStanzaException(what, errorReply(element, replyFrom, replyTo, what));
        }
        return Optional.of(switch (name) {
            case "message" -> new Message(element, true);
            case "presence" -> new Presence(element, true);
            default -> new IQ(element, true);
        });
    }

    /** Why the address is no JID, or null when it is one (or absent). */
    private static String malformed(String address) {
        if (address == null) {
            return null;
        }
        try {
            new JID(address);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** The domain part of an address that is no JID, when that part is a domain; else null. */
    private static JID domainOf(String address) {
        String rest = address;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        int at = rest.lastIndexOf('@');
        String domain = at >= 0 ? rest.substring(at + 1) : rest;
        if (domain.isEmpty() || malformed(domain) != null) {
            return null;
        }
        return new JID(domain);
    }

    /** RFC 6120 §8.3: an error of the stanza's own kind, never for an error or an IQ response, never to nowhere. */
    private static Packet errorReply(Element element, JID from, JID to, String text) {
        String type = element.attributeValue("type");
        if (to == null || "error".equals(type) || (element.getName().equals("iq") && !"get".equals(type) && !"set".equals(type))) {
            return null;
        }
        Packet reply = switch (element.getName()) {
            case "message" -> {
                Message m = new Message();
                m.setType(Message.Type.error);
                yield m;
            }
            case "presence" -> {
                Presence p = new Presence();
                p.setType(Presence.Type.error);
                yield p;
            }
            default -> {
                IQ iq = new IQ(IQ.Type.error);
                yield iq;
            }
        };
        String id = element.attributeValue("id");
        if (id != null) {
            reply.setID(id);
        }
        reply.setFrom(from);
        reply.setTo(to);
        reply.setError(new PacketError(PacketError.Condition.jid_malformed, PacketError.Type.modify, text, "en"));
        return reply;
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
