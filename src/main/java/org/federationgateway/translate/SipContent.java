package org.federationgateway.translate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a SIP MESSAGE body holds, by its Content-Type: text (plain or HTML), a typing notification (RFC 3994), a
 * disposition notification (RFC 5438), any of them inside a CPIM wrapper (RFC 3862) with the IMDN request headers
 * the wrapper carries. Anything else is refused with 415 and {@link #ACCEPT} (RFC 3261 §21.4.13), a malformed
 * body with 400 naming the fault.
 */
public final class SipContent {
    /** Media types a MESSAGE to the gateway may carry, in order of preference. */
    public static final List<String> ACCEPTED = List.of("text/plain", "text/html", Cpim.CONTENT_TYPE, Imdn.CONTENT_TYPE,
            IsComposing.CONTENT_TYPE);
    /** The Accept header value sent with a 415 (RFC 3261 §21.4.13: the 415 MUST list what is accepted). */
    public static final String ACCEPT = String.join(", ", ACCEPTED);

    /** The parsed body. */
    public sealed interface Body permits Text, Composing, Notification {
    }

    /** Text; {@code html} is the original markup when the content was text/html, else null. */
    public record Text(String text, String html) implements Body {
    }

    public record Composing(IsComposing.State state) implements Body {
    }

    public record Notification(Imdn.Notification imdn) implements Body {
    }

    /**
     * A parsed MESSAGE body.
     *
     * @param body          the content
     * @param cpim          whether it came wrapped in message/cpim (the sender reads CPIM)
     * @param imdnMessageId the CPIM imdn.Message-ID, or null
     * @param requests      the dispositions the sender asked for (RFC 5438 §6.2)
     */
    public record Parsed(Body body, boolean cpim, String imdnMessageId, Set<Imdn.Request> requests) {
        public Parsed {
            requests = Set.copyOf(requests);
        }
    }

    /** Why a body was refused: 415 for a type that is not bridged, 400 for a malformed one. */
    public static final class Refused extends TranslationException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private SipContent() {
    }

    /** @throws Refused with 415 or 400 and a reason naming the fault */
    public static Parsed parse(String contentType, byte[] body) {
        if (body.length == 0) {
            throw new Refused(400, "the MESSAGE has no body");
        }
        String media = media(contentType);
        if (media.equals(Cpim.CONTENT_TYPE)) {
            Cpim.Message cpim;
            try {
                cpim = Cpim.parse(body);
            } catch (TranslationException e) {
                throw new Refused(400, e.getMessage());
            }
            String inner = media(cpim.contentType());
            if (inner.equals(Cpim.CONTENT_TYPE)) {
                throw new Refused(415, "nested message/cpim is not bridged");
            }
            String id = cpim.header(Cpim.IMDN_NS, "Message-ID");
            Set<Imdn.Request> requests = Imdn.requests(cpim.header(Cpim.IMDN_NS, "Disposition-Notification"));
            if (cpim.content().length == 0) {
                throw new Refused(400, "the message/cpim content is empty");
            }
            return new Parsed(content(inner, cpim.contentType(), cpim.content()), true, id, requests);
        }
        return new Parsed(content(media, contentType, body), false, null, Set.of());
    }

    private static Body content(String media, String contentType, byte[] body) {
        try {
            return switch (media) {
                case "text/plain" -> new Text(decode(contentType, body), null);
                case "text/html" -> {
                    String html = decode(contentType, body);
                    yield new Text(HtmlText.of(html), html);
                }
                case IsComposing.CONTENT_TYPE -> new Composing(IsComposing.parse(body));
                case Imdn.CONTENT_TYPE -> new Notification(Imdn.parse(body));
                default -> throw new Refused(415, media + " is not bridged; accepted: " + ACCEPT);
            };
        } catch (Refused r) {
            throw r;
        } catch (TranslationException e) {
            throw new Refused(400, e.getMessage());
        }
    }

    static String media(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new Refused(400, "the MESSAGE has a body but no Content-Type");
        }
        String media = contentType.split(";", -1)[0].strip().toLowerCase(Locale.ROOT);
        if (media.isEmpty()) {
            // "Content-Type: ;" (found by fuzzing) named no media type at all: a bad request, not a server failure.
            throw new Refused(400, "the Content-Type names no media type");
        }
        return media;
    }

    static String decode(String contentType, byte[] body) {
        String[] parts = contentType.split(";");
        Charset charset = StandardCharsets.UTF_8;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    charset = Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new Refused(415, "unsupported charset " + name);
                }
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "the body is not valid " + charset.name());
        }
    }
}
