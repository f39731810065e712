package org.federationgateway.translate;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * RFC 5438 Instant Message Disposition Notification: the {@code imdn.Disposition-Notification} request (§6.2) and
 * the {@code message/imdn+xml} notification document (§7.2.1). The parser is strict: one {@code <message-id>},
 * exactly one notification element, and a status RFC 5438 defines for it; anything else is refused naming the
 * fault.
 */
public final class Imdn {
    public static final String CONTENT_TYPE = "message/imdn+xml";
    public static final String NS = "urn:ietf:params:xml:ns:imdn";
    public static final int MAX_BYTES = 16 * 1024;

    /** §6.2 Disposition-Notification values the gateway understands (processing is for intermediaries only). */
    public enum Request {
        POSITIVE_DELIVERY("positive-delivery"), NEGATIVE_DELIVERY("negative-delivery"), DISPLAY("display");

        private final String token;

        Request(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** §7.2.1: which notification. */
    public enum Kind {
        DELIVERY("delivery-notification"), DISPLAY("display-notification");

        private final String element;

        Kind(String element) {
            this.element = element;
        }
    }

    /** §7.2.1.1, §7.2.1.2 statuses. */
    public enum Status {
        DELIVERED, FAILED, DISPLAYED, FORBIDDEN, ERROR;

        String element() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean allowedIn(Kind kind) {
            return switch (this) {
                case DELIVERED, FAILED -> kind == Kind.DELIVERY;
                case DISPLAYED -> kind == Kind.DISPLAY;
                case FORBIDDEN, ERROR -> true;
            };
        }
    }

    /** A notification: about {@code messageId}, sent at {@code dateTime}. */
    public record Notification(String messageId, OffsetDateTime dateTime, String recipientUri, Kind kind, Status status) {
        public Notification {
            if (messageId == null || messageId.isBlank()) {
                throw new TranslationException("the IMDN has no message-id (RFC 5438 §7.2.1)");
            }
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
            if (!status.allowedIn(kind)) {
                throw new TranslationException("status " + status.element() + " is not a " + kind.element + " status (RFC 5438 §7.2.1)");
            }
        }
    }

    private Imdn() {
    }

    /** The requests in a Disposition-Notification header value; unknown values are ignored (§6.2: extensible). */
    public static Set<Request> requests(String headerValue) {
        Set<Request> out = EnumSet.noneOf(Request.class);
        if (headerValue == null) {
            return out;
        }
        for (String part : headerValue.split(",")) {
            String t = part.strip().toLowerCase(Locale.ROOT);
            for (Request r : Request.values()) {
                if (r.token.equals(t)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** A Disposition-Notification header value. */
    public static String header(Set<Request> requests) {
        return String.join(", ", requests.stream().map(Request::token).toList());
    }

    /** @throws TranslationException naming what is wrong */
    public static Notification parse(byte[] xml) {
        Element root = SafeXml.read(xml, MAX_BYTES, "the IMDN document").getRootElement();
        if (!"imdn".equals(root.getName()) || !NS.equals(root.getNamespaceURI())) {
            throw new TranslationException("not an IMDN document: root is {" + root.getNamespaceURI() + "}" + root.getName());
        }
        Element id = SafeXml.child(root, "message-id", NS);
        if (id == null || id.getTextTrim().isEmpty()) {
            throw new TranslationException("the IMDN has no message-id (RFC 5438 §7.2.1)");
        }
        OffsetDateTime when = null;
        Element dt = SafeXml.child(root, "datetime", NS);
        if (dt != null) {
            try {
                when = OffsetDateTime.parse(dt.getTextTrim());
            } catch (DateTimeParseException e) {
                throw new TranslationException("the IMDN datetime is not RFC 3339: " + dt.getTextTrim());
            }
        }
        Element recipient = SafeXml.child(root, "recipient-uri", NS);
        Kind kind = null;
        Element notification = null;
        for (Kind k : Kind.values()) {
            Element e = SafeXml.child(root, k.element, NS);
            if (e != null) {
                if (notification != null) {
                    throw new TranslationException("the IMDN holds more than one notification");
                }
                kind = k;
                notification = e;
            }
        }
        if (notification == null) {
            throw new TranslationException("the IMDN has no delivery-notification or display-notification (processing is not bridged)");
        }
        Element status = SafeXml.child(notification, "status", NS);
        if (status == null || status.elements().isEmpty()) {
            throw new TranslationException("the IMDN " + kind.element + " has no status");
        }
        Element s = status.elements().get(0);
        Status value = null;
        for (Status candidate : Status.values()) {
            if (candidate.element().equals(s.getName()) && NS.equals(s.getNamespaceURI())) {
                value = candidate;
            }
        }
        if (value == null) {
            throw new TranslationException("unknown IMDN status " + s.getName());
        }
        return new Notification(id.getTextTrim(), when, recipient == null ? null : recipient.getTextTrim(), kind, value);
    }

    /** §7.2.1: the notification document. */
    public static byte[] write(Notification n) {
        Element root = DocumentHelper.createElement(QName.get("imdn", NS));
        root.addElement(QName.get("message-id", NS)).setText(n.messageId());
        OffsetDateTime when = n.dateTime() == null ? OffsetDateTime.now(java.time.ZoneOffset.UTC) : n.dateTime();
        root.addElement(QName.get("datetime", NS)).setText(when.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        if (n.recipientUri() != null) {
            root.addElement(QName.get("recipient-uri", NS)).setText(n.recipientUri());
            root.addElement(QName.get("original-recipient-uri", NS)).setText(n.recipientUri());
        }
        root.addElement(QName.get(n.kind().element, NS)).addElement(QName.get("status", NS)).addElement(QName.get(n.status().element(), NS));
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.asXML()).getBytes(StandardCharsets.UTF_8);
    }
}
