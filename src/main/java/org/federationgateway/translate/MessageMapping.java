package org.federationgateway.translate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** RFC 7572 page-mode IM: {@code <message/>} ↔ SIP MESSAGE, Tables 1 and 2 and the rules after them. */
public final class MessageMapping {
    public static final String TEXT_PLAIN = "text/plain;charset=UTF-8";

    /** What to do with a message bound for SIP. */
    public sealed interface ToSip permits Send, NothingToSend, Refuse {
    }

    public record Send(SipMessage message) implements ToSip {
    }

    /** No body: chat states and receipts have no page-mode equivalent (RFC 7572 §4). */
    public record NothingToSend() implements ToSip {
    }

    /** The sender gets this error. */
    public record Refuse(StanzaCondition condition, String text) implements ToSip {
    }

    /** What to do with a MESSAGE bound for XMPP. */
    public sealed interface ToXmpp permits Deliver, Reject {
    }

    public record Deliver(Message message) implements ToXmpp {
    }

    public record Reject(ErrorMapping.SipResponse response) implements ToXmpp {
    }

    /** The XMPP type of translated messages: the RFC's {@code normal}, or {@code chat} for clients that expect it. */
    public enum InboundType { NORMAL, CHAT }

    private final AddressMapping addresses;
    private final InboundType inboundType;

    public MessageMapping(AddressMapping addresses, InboundType inboundType) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.inboundType = Objects.requireNonNull(inboundType, "inboundType");
    }

    /**
     * Table 1: XMPP → SIP.
     *
     * @param congestionControlled the MESSAGE can go over TCP or TLS, so the 1300-byte limit does not apply (RFC 3428 §7)
     */
    public ToSip toSip(Message m, boolean congestionControlled) {
        if (m.getType() == Message.Type.error) {
            throw new IllegalArgumentException("errors are mapped to SIP responses, not to MESSAGE");
        }
        if (m.getType() == Message.Type.groupchat) {
            return new Refuse(StanzaCondition.FEATURE_NOT_IMPLEMENTED, "group chat is not bridged to SIP");
        }
        String body = m.getBody();
        if (body == null) {
            return new NothingToSend();
        }
        SipUri from;
        SipUri to;
        try {
            from = addresses.toSip(m.getFrom());
            to = addresses.toSip(new JID(m.getTo().toBareJID())).withGruu(m.getTo().getResource());
        } catch (TranslationException e) {
            return new Refuse(StanzaCondition.JID_MALFORMED, e.getMessage());
        }
        byte[] octets = body.getBytes(StandardCharsets.UTF_8);
        if (octets.length > SipMessage.PAGE_MODE_LIMIT && !congestionControlled) {
            return new Refuse(StanzaCondition.POLICY_VIOLATION, "the message is " + octets.length
                    + " bytes; SIP page mode over UDP allows " + SipMessage.PAGE_MODE_LIMIT + " (RFC 7572 §7)");
        }
        String lang = m.getElement().attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE));
        return new Send(new SipMessage(to, from, m.getThread(), m.getSubject(), lang, TEXT_PLAIN, octets));
    }

    /** Table 2: SIP → XMPP, with no type or {@code normal} (§5) unless configured to {@code chat}. */
    public ToXmpp toXmpp(SipMessage in) {
        JID from;
        JID to;
        try {
            from = addresses.toJid(in.from());
            to = addresses.toJid(in.requestUri());
        } catch (SipsNotTranslatedException e) {
            return new Reject(new ErrorMapping.SipResponse(403, "sips: is not translated to XMPP"));
        } catch (TranslationException e) {
            return new Reject(new ErrorMapping.SipResponse(404, "No XMPP address for this URI"));
        }
        String body;
        try {
            body = bodyText(in.contentType(), in.body());
        } catch (TranslationException e) {
            return new Reject(new ErrorMapping.SipResponse(415, e.getMessage()));
        }
        Message m = new Message();
        m.setType(inboundType == InboundType.CHAT ? Message.Type.chat : Message.Type.normal);
        m.setFrom(from);
        m.setTo(to);
        m.setBody(body);
        if (in.subject() != null && !in.subject().isBlank()) {
            m.setSubject(in.subject());
        }
        if (in.callId() != null) {
            m.setThread(in.callId());
        }
        if (in.contentLanguage() != null && !in.contentLanguage().isBlank()) {
            m.getElement().addAttribute(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE), firstLanguage(in.contentLanguage()));
        }
        return new Deliver(m);
    }

    /** text/plain becomes the body; text/html its text (§5: SHOULD become XHTML-IM; the text is what every client shows). */
    static String bodyText(String contentType, byte[] body) {
        String[] parts = contentType.split(";");
        String media = parts[0].strip().toLowerCase(Locale.ROOT);
        Charset charset = StandardCharsets.UTF_8;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    charset = Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new TranslationException("unsupported charset " + name);
                }
            }
        }
        if (!media.equals("text/plain") && !media.equals("text/html")) {
            throw new TranslationException("only text/plain and text/html are bridged, not " + media);
        }
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new TranslationException("the body is not valid " + charset.name());
        }
        return media.equals("text/html") ? HtmlText.of(text) : text;
    }

    private static String firstLanguage(String contentLanguage) {
        return contentLanguage.split(",")[0].strip();
    }
}
