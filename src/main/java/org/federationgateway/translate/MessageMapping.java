package org.federationgateway.translate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * RFC 7572 page-mode IM: {@code <message/>} ↔ SIP MESSAGE, Tables 1 and 2 and the rules after them, with what
 * Linphone-class user agents add: CPIM wrapping (RFC 3862), disposition notifications (RFC 5438) for XEP-0184
 * receipts and XEP-0333 markers, isComposing (RFC 3994) for XEP-0085 chat states, and text/html for XHTML-IM
 * (RFC 7572 §5). What has no SIP equivalent gets a readable one (corrections, links, subject-only messages, see
 * {@link Labels}); end-to-end encrypted messages are refused with an error saying why.
 */
public final class MessageMapping {
    public static final String TEXT_PLAIN = "text/plain;charset=UTF-8";

    /** What the SIP user's agent has shown it reads (learnt from what it sent); plain text is always read. */
    public record SipPeer(boolean cpim, boolean isComposing, boolean html) {
        public static final SipPeer PLAIN = new SipPeer(false, false, false);

        /** This peer, plus what another observation showed. */
        public SipPeer with(SipPeer more) {
            return new SipPeer(cpim || more.cpim, isComposing || more.isComposing, html || more.html);
        }
    }

    /** The readable texts for what SIP has no element for, in the gateway's language. */
    public interface Labels {
        /** A XEP-0308 correction: the SIP user sees the new text marked as a correction of the previous one. */
        String correction(String text);

        /** A message with a subject and no body. */
        String subject(String subject);

        /** A XEP-0066 link whose URL is not in the body. */
        String link(String url, String description);

        /** The error text for an end-to-end encrypted message, naming its method. */
        default String encrypted(String method) {
            return "this message is end-to-end encrypted (" + method
                    + "): the gateway cannot decrypt it for a SIP user, and forwards no fallback text; send it unencrypted";
        }

        /** Labels from message texts keyed {@code bridge.sip.*}, as the bundles have them. */
        static Labels of(java.util.function.BinaryOperator<String> text) {
            return new Labels() {
                @Override
                public String correction(String t) {
                    return text.apply("bridge.sip.correction", t);
                }

                @Override
                public String subject(String subject) {
                    return text.apply("bridge.sip.subject", subject);
                }

                @Override
                public String link(String url, String description) {
                    return description == null ? url : text.apply("bridge.sip.link-described", description) + " " + url;
                }

                @Override
                public String encrypted(String method) {
                    return text.apply("bridge.refused.encrypted", method);
                }
            };
        }

        Labels ENGLISH = new Labels() {
            @Override
            public String correction(String text) {
                return "[correction] " + text;
            }

            @Override
            public String subject(String subject) {
                return "[subject] " + subject;
            }

            @Override
            public String link(String url, String description) {
                return description == null ? url : description + ": " + url;
            }
        };
    }

    /** What to do with a message bound for SIP. */
    public sealed interface ToSip permits Send, NothingToSend, Refuse {
    }

    /**
     * Send this MESSAGE.
     *
     * @param ack  the receipt or marker the XMPP sender asked for, to answer once the SIP user has it; empty if none
     * @param imdn whether the MESSAGE itself asks the SIP agent for IMDN (then the agent's notification answers
     *             {@code ack}; otherwise the agent's 200 answers the delivery part of it)
     */
    public record Send(SipMessage message, Optional<BridgedIds.XmppRequest> ack, boolean imdn) implements ToSip {
        public Send(SipMessage message) {
            this(message, Optional.empty(), false);
        }
    }

    /** Nothing to send, and nothing lost: {@code why} says what the stanza was (for the log). */
    public record NothingToSend(String why) implements ToSip {
        public NothingToSend() {
            this("no body");
        }
    }

    /** The sender gets this error. */
    public record Refuse(StanzaCondition condition, String text) implements ToSip {
    }

    /** What to do with a MESSAGE bound for XMPP. */
    public sealed interface ToXmpp permits Deliver, Reject, Absorb {
    }

    /** Deliver this stanza; {@code learnt} is what the SIP agent showed it reads. */
    public record Deliver(Message message, SipPeer learnt) implements ToXmpp {
        public Deliver(Message message) {
            this(message, SipPeer.PLAIN);
        }
    }

    public record Reject(ErrorMapping.SipResponse response) implements ToXmpp {
    }

    /** Answer 200 and send nothing: a notification about a message XMPP asked nothing for ({@code why} for the log). */
    public record Absorb(String why, SipPeer learnt) implements ToXmpp {
    }

    /** The XMPP type of translated messages: the RFC's {@code normal}, or {@code chat} for clients that expect it. */
    public enum InboundType { NORMAL, CHAT }

    private final AddressMapping addresses;
    private final InboundType inboundType;
    private final Labels labels;

    public MessageMapping(AddressMapping addresses, InboundType inboundType) {
        this(addresses, inboundType, Labels.ENGLISH);
    }

    public MessageMapping(AddressMapping addresses, InboundType inboundType, Labels labels) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.inboundType = Objects.requireNonNull(inboundType, "inboundType");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    public ToSip toSip(Message m, boolean congestionControlled) {
        return toSip(m, congestionControlled, SipPeer.PLAIN);
    }

    /**
     * Table 1: XMPP → SIP.
     *
     * @param congestionControlled the MESSAGE can go over TCP or TLS, so the 1300-byte limit does not apply (RFC 3428 §7)
     * @param peer                 what the SIP user's agent reads besides text/plain
     */
    public ToSip toSip(Message m, boolean congestionControlled, SipPeer peer) {
        if (m.getType() == Message.Type.error) {
            throw new IllegalArgumentException("errors are mapped to SIP responses, not to MESSAGE");
        }
        if (m.getType() == Message.Type.groupchat) {
            return new Refuse(StanzaCondition.FEATURE_NOT_IMPLEMENTED, "group chat is not bridged to SIP");
        }
        Element x = m.getElement();
        Optional<String> encrypted = XmppExtensions.encryption(x);
        if (encrypted.isPresent()) {
            return new Refuse(StanzaCondition.NOT_ACCEPTABLE, labels.encrypted(encrypted.get()));
        }
        SipUri from;
        SipUri to;
        try {
            // The bare address: SIP agents file conversations by the From URI, and a gr per XMPP resource split one
            // partner into one conversation per resource. Replies to the bare JID reach the partner's best resource.
            from = addresses.toSip(new JID(m.getFrom().toBareJID()));
            to = addresses.toSip(new JID(m.getTo().toBareJID())).withGruu(m.getTo().getResource());
        } catch (TranslationException e) {
            return new Refuse(StanzaCondition.JID_MALFORMED, e.getMessage());
        }
        String lang = x.attributeValue(QName.get("lang", Namespace.XML_NAMESPACE));
        String body = m.getBody();
        Optional<XmppExtensions.Ack> ack = XmppExtensions.acknowledgement(x);
        if (body == null && ack.isPresent()) {
            return notification(ack.get(), from, to, lang, congestionControlled);
        }
        String text = readableText(m, x);
        if (text == null) {
            Optional<IsComposing.ChatState> state = IsComposing.ChatState.of(x);
            if (state.isPresent()) {
                if (!peer.isComposing()) {
                    return new NothingToSend("chat state " + state.get().element() + ": the SIP agent has not shown it reads RFC 3994");
                }
                byte[] doc = IsComposing.write(IsComposing.toState(state.get()));
                return send(new SipMessage(to, from, m.getThread(), null, lang, IsComposing.CONTENT_TYPE, doc), peer.cpim(), from, to,
                        null, Set.of(), Optional.empty(), false, congestionControlled);
            }
            return new NothingToSend();
        }
        String contentType = TEXT_PLAIN;
        byte[] octets = text.getBytes(StandardCharsets.UTF_8);
        Optional<Element> xhtml = XhtmlIm.of(x);
        if (peer.html() && xhtml.isPresent() && XmppExtensions.replaces(x).isEmpty() && XmppExtensions.links(x).isEmpty()) {
            contentType = XhtmlIm.TEXT_HTML;
            octets = XhtmlIm.toHtml(xhtml.get()).getBytes(StandardCharsets.UTF_8);
        }
        boolean receipt = XmppExtensions.receiptRequested(x);
        boolean markable = XmppExtensions.markable(x);
        Optional<BridgedIds.XmppRequest> wanted = (receipt || markable) && m.getID() != null
                ? Optional.of(new BridgedIds.XmppRequest(m.getID(), receipt, markable)) : Optional.empty();
        Set<Imdn.Request> requests = EnumSet.noneOf(Imdn.Request.class);
        if (wanted.isPresent()) {
            requests.add(Imdn.Request.POSITIVE_DELIVERY);
            if (markable) {
                requests.add(Imdn.Request.DISPLAY);
            }
        }
        String subject = m.getBody() == null ? null : m.getSubject();
        return send(new SipMessage(to, from, m.getThread(), subject, lang, contentType, octets), peer.cpim(), from, to,
                wanted.map(BridgedIds::toImdnId).orElse(null), requests, wanted, peer.cpim() && wanted.isPresent(), congestionControlled);
    }

    /**
     * The text a SIP user reads: the body, marked when it corrects an earlier message (XEP-0308), followed by every
     * XEP-0066 link not already in it; a subject-only message shows its subject. Null when there is no text at all.
     */
    private String readableText(Message m, Element x) {
        String body = m.getBody();
        List<String> lines = new ArrayList<>();
        if (body != null && !body.isEmpty()) {
            lines.add(XmppExtensions.replaces(x).isPresent() ? labels.correction(body) : body);
        }
        for (XmppExtensions.Link link : XmppExtensions.links(x)) {
            if (body == null || !body.contains(link.url())) {
                lines.add(labels.link(link.url(), link.description()));
            }
        }
        if (lines.isEmpty() && m.getSubject() != null && !m.getSubject().isBlank()) {
            lines.add(labels.subject(m.getSubject()));
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** A XEP-0184 receipt or XEP-0333 marker for a message that came from SIP and asked for that notification. */
    private ToSip notification(XmppExtensions.Ack ack, SipUri from, SipUri to, String lang, boolean congestionControlled) {
        Optional<BridgedIds.SipRequest> asked = BridgedIds.fromStanzaId(ack.id());
        if (asked.isEmpty()) {
            return new NothingToSend("receipt for " + ack.id() + ", which no SIP sender asked a notification for");
        }
        Imdn.Request needed = ack.kind() == XmppExtensions.Acknowledgement.DISPLAYED ? Imdn.Request.DISPLAY : Imdn.Request.POSITIVE_DELIVERY;
        if (!asked.get().requests().contains(needed)) {
            return new NothingToSend("the SIP sender did not ask for " + needed.token());
        }
        Imdn.Notification n = new Imdn.Notification(asked.get().imdnMessageId(), null, from.toString(),
                needed == Imdn.Request.DISPLAY ? Imdn.Kind.DISPLAY : Imdn.Kind.DELIVERY,
                needed == Imdn.Request.DISPLAY ? Imdn.Status.DISPLAYED : Imdn.Status.DELIVERED);
        // RFC 5438 §7.1.1: a notification is itself a CPIM message with Content-Disposition: notification.
        Map<String, String> mime = Map.of("Content-Disposition", "notification");
        byte[] cpim = Cpim.write(cpimHeaders(from, to, "n" + Long.toHexString(System.nanoTime()), Set.of()), Imdn.CONTENT_TYPE, mime,
                Imdn.write(n));
        return sized(new Send(new SipMessage(to, from, null, null, lang, Cpim.CONTENT_TYPE, cpim)), congestionControlled);
    }

    private ToSip send(SipMessage plain, boolean cpim, SipUri from, SipUri to, String imdnId, Set<Imdn.Request> requests,
                       Optional<BridgedIds.XmppRequest> ack, boolean imdn, boolean congestionControlled) {
        SipMessage out = plain;
        if (cpim) {
            List<Cpim.Header> headers = cpimHeaders(from, to, imdnId, requests);
            byte[] wrapped = Cpim.write(headers, plain.contentType(), Map.of(), plain.body());
            out = new SipMessage(plain.requestUri(), plain.from(), plain.callId(), plain.subject(), plain.contentLanguage(), Cpim.CONTENT_TYPE, wrapped);
        }
        return sized(new Send(out, ack, imdn), congestionControlled);
    }

    private static List<Cpim.Header> cpimHeaders(SipUri from, SipUri to, String imdnId, Set<Imdn.Request> requests) {
        List<Cpim.Header> headers = new ArrayList<>();
        headers.add(new Cpim.Header(null, "From", "<" + from + ">"));
        headers.add(new Cpim.Header(null, "To", "<" + to.withoutGruu() + ">"));
        headers.add(new Cpim.Header(null, "DateTime", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        if (imdnId != null) {
            headers.add(new Cpim.Header(Cpim.IMDN_NS, "Message-ID", imdnId));
            if (!requests.isEmpty()) {
                headers.add(new Cpim.Header(Cpim.IMDN_NS, "Disposition-Notification", Imdn.header(requests)));
            }
        }
        return headers;
    }

    private static ToSip sized(Send s, boolean congestionControlled) {
        int length = s.message().bodyLength();
        if (length > SipMessage.PAGE_MODE_LIMIT && !congestionControlled) {
            return new Refuse(StanzaCondition.POLICY_VIOLATION, "the message is " + length
                    + " bytes; SIP page mode over UDP allows " + SipMessage.PAGE_MODE_LIMIT + " (RFC 7572 §7)");
        }
        return s;
    }

    /** The largest MESSAGE body bridged to XMPP (as for message/cpim); larger ones are answered 413. */
    public static final int MAX_INBOUND_BODY = 64 * 1024;

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
        if (in.bodyLength() > MAX_INBOUND_BODY) {
            // RFC 3261 §21.4.11; a stanza this large would be refused by partners' servers, closing their stream.
            return new Reject(new ErrorMapping.SipResponse(413, "the MESSAGE body is " + in.bodyLength() + " bytes; the gateway bridges at most "
                    + MAX_INBOUND_BODY));
        }
        SipContent.Parsed parsed;
        try {
            parsed = SipContent.parse(in.contentType(), in.body());
        } catch (SipContent.Refused e) {
            return new Reject(new ErrorMapping.SipResponse(e.status(), e.getMessage()));
        }
        SipPeer learnt = new SipPeer(parsed.cpim(), parsed.body() instanceof SipContent.Composing,
                parsed.body() instanceof SipContent.Text t && t.html() != null);
        Message m = new Message();
        m.setFrom(from);
        m.setTo(to);
        if (parsed.body() instanceof SipContent.Notification n) {
            return notificationToXmpp(n.imdn(), m, learnt);
        }
        if (parsed.body() instanceof SipContent.Composing c) {
            // XEP-0085 §5.5 and XEP-0334: a chat state belongs to a chat and is not worth storing.
            m.setType(Message.Type.chat);
            m.getElement().addElement(QName.get(IsComposing.toChatState(c.state()).element(), IsComposing.CHAT_STATES_NS));
            m.getElement().addElement(QName.get("no-store", XmppExtensions.HINTS_NS));
            return new Deliver(m, learnt);
        }
        SipContent.Text text = (SipContent.Text) parsed.body();
        // White space is text (an XMPP client may send a line break alone, and the gateway sends it on): only an
        // empty text with no Subject is refused.
        if (text.text().isEmpty() && (in.subject() == null || in.subject().isBlank())) {
            return new Reject(new ErrorMapping.SipResponse(400, "the MESSAGE has no text"));
        }
        String unsendable = firstNonXml(text.text(), "body", text.html(), "body", in.subject(), "Subject", in.callId(), "Call-ID",
                in.contentLanguage(), "Content-Language");
        if (unsendable != null) {
            // XML 1.0 §2.2: no XMPP stream can carry it, and a partner's server would close the stream on it.
            return new Reject(new ErrorMapping.SipResponse(400, unsendable));
        }
        m.setType(inboundType == InboundType.CHAT ? Message.Type.chat : Message.Type.normal);
        m.setBody(text.text());
        if (text.html() != null) {
            try {
                m.getElement().add(XhtmlIm.fromHtml(text.html()));
            } catch (TranslationException e) {
                return new Reject(new ErrorMapping.SipResponse(413, e.getMessage()));
            }
        }
        if (in.subject() != null && !in.subject().isBlank()) {
            m.setSubject(in.subject());
        }
        if (in.callId() != null) {
            m.setThread(in.callId());
        }
        String language = in.contentLanguage() == null ? "" : firstLanguage(in.contentLanguage());
        if (!language.isEmpty()) {
            m.getElement().addAttribute(QName.get("lang", Namespace.XML_NAMESPACE), language);
        }
        if (parsed.imdnMessageId() != null && !parsed.requests().isEmpty()) {
            m.setID(BridgedIds.toStanzaId(new BridgedIds.SipRequest(parsed.imdnMessageId(), parsed.requests())));
            if (parsed.requests().contains(Imdn.Request.POSITIVE_DELIVERY)) {
                m.getElement().addElement(QName.get("request", XmppExtensions.RECEIPTS_NS));
            }
            if (parsed.requests().contains(Imdn.Request.DISPLAY)) {
                m.getElement().addElement(QName.get("markable", XmppExtensions.MARKERS_NS));
            }
        }
        return new Deliver(m, learnt);
    }

    /** The first value (text, name pairs) holding a character XML 1.0 cannot carry, described; null when all can. */
    static String firstNonXml(String... textAndName) {
        for (int i = 0; i < textAndName.length; i += 2) {
            String text = textAndName[i];
            if (text == null) {
                continue;
            }
            for (int j = 0; j < text.length(); ) {
                int c = text.codePointAt(j);
                if (!isXmlChar(c)) {
                    return String.format("the %s holds U+%04X, which XMPP cannot carry", textAndName[i + 1], c);
                }
                j += Character.charCount(c);
            }
        }
        return null;
    }

    /** XML 1.0 §2.2 Char (a lone surrogate is none). */
    static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }

    /** An IMDN about a message that came from XMPP: a receipt, a marker, or an error to its sender. */
    private static ToXmpp notificationToXmpp(Imdn.Notification n, Message m, SipPeer learnt) {
        Optional<BridgedIds.XmppRequest> original = BridgedIds.fromImdnId(n.messageId());
        if (original.isEmpty()) {
            return new Absorb("IMDN for " + n.messageId() + ", which did not come from XMPP", learnt);
        }
        BridgedIds.XmppRequest r = original.get();
        switch (n.status()) {
            case DELIVERED -> {
                if (!r.receipt() && !r.markable()) {
                    return new Absorb("delivery notification nobody asked for", learnt);
                }
                m.setType(Message.Type.chat);
                if (r.receipt()) {
                    m.getElement().addElement(QName.get("received", XmppExtensions.RECEIPTS_NS)).addAttribute("id", r.stanzaId());
                }
                if (r.markable()) {
                    m.getElement().addElement(QName.get("received", XmppExtensions.MARKERS_NS)).addAttribute("id", r.stanzaId());
                }
                return new Deliver(m, learnt);
            }
            case DISPLAYED -> {
                if (!r.markable()) {
                    return new Absorb("display notification for a message that was not markable", learnt);
                }
                m.setType(Message.Type.chat);
                m.getElement().addElement(QName.get("displayed", XmppExtensions.MARKERS_NS)).addAttribute("id", r.stanzaId());
                return new Deliver(m, learnt);
            }
            default -> {
                // negative notification: the XMPP sender learns its message did not arrive (RFC 5438 §7.2.1.1)
                m.setType(Message.Type.error);
                m.setID(r.stanzaId());
                StanzaCondition c = n.status() == Imdn.Status.FORBIDDEN ? StanzaCondition.FORBIDDEN
                        : n.status() == Imdn.Status.FAILED ? StanzaCondition.RECIPIENT_UNAVAILABLE : StanzaCondition.UNDEFINED_CONDITION;
                PacketError error = c.toPacketError("the SIP user's agent reported the message as "
                        + n.status().name().toLowerCase(java.util.Locale.ROOT) + " (RFC 5438 " + n.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " notification)", "en");
                m.setError(error);
                return new Deliver(m, learnt);
            }
        }
    }

    /** The first language of a Content-Language list, or "" when it names none (e.g. only commas). */
    private static String firstLanguage(String contentLanguage) {
        for (String tag : contentLanguage.split(",")) {
            if (!tag.isBlank()) {
                return tag.strip();
            }
        }
        return "";
    }
}
