package org.federationgateway.translate;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * RFC 3994 {@code application/im-iscomposing+xml} ⇄ XEP-0085 chat states, by RFC 7573 §5's Tables 3 and 4 (the
 * session-mode mapping, which page mode has no table of its own for): SIP active → composing, idle → active;
 * XMPP composing → active; active, inactive and paused → idle. XEP-0085 {@code gone} ends an MSRP session in
 * RFC 7573; page mode has no session to end, so it becomes idle too (the typing indicator stops).
 */
public final class IsComposing {
    public static final String CONTENT_TYPE = "application/im-iscomposing+xml";
    public static final String NS = "urn:ietf:params:xml:ns:im-iscomposing";
    public static final String CHAT_STATES_NS = "http://jabber.org/protocol/chatstates";
    public static final int MAX_BYTES = 4 * 1024;

    /** RFC 3994 §3 states. */
    public enum State { ACTIVE, IDLE }

    /** XEP-0085 §5 chat states. */
    public enum ChatState {
        ACTIVE, COMPOSING, PAUSED, INACTIVE, GONE;

        public String element() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The chat state child of a message, if it has one. */
        public static Optional<ChatState> of(Element message) {
            for (Element e : message.elements()) {
                if (CHAT_STATES_NS.equals(e.getNamespaceURI())) {
                    for (ChatState s : values()) {
                        if (s.element().equals(e.getName())) {
                            return Optional.of(s);
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }

    private IsComposing() {
    }

    /** RFC 7573 Table 3. */
    public static ChatState toChatState(State s) {
        return s == State.ACTIVE ? ChatState.COMPOSING : ChatState.ACTIVE;
    }

    /** RFC 7573 Table 4 (gone: see the class comment). */
    public static State toState(ChatState s) {
        return s == ChatState.COMPOSING ? State.ACTIVE : State.IDLE;
    }

    /** @throws TranslationException naming what is wrong */
    public static State parse(byte[] xml) {
        Element root = SafeXml.read(xml, MAX_BYTES, "the isComposing document").getRootElement();
        if (!"isComposing".equals(root.getName()) || !NS.equals(root.getNamespaceURI())) {
            throw new TranslationException("not an isComposing document: root is {" + root.getNamespaceURI() + "}" + root.getName());
        }
        Element state = SafeXml.child(root, "state", NS);
        if (state == null) {
            throw new TranslationException("the isComposing document has no <state> (RFC 3994 §4)");
        }
        return switch (state.getTextTrim().toLowerCase(Locale.ROOT)) {
            case "active" -> State.ACTIVE;
            case "idle" -> State.IDLE;
            default -> throw new TranslationException("unknown isComposing state '" + state.getTextTrim() + "' (RFC 3994 §3: active or idle)");
        };
    }

    /** RFC 3994 §4; the content type composed is text/plain, the only one the gateway sends. */
    public static byte[] write(State s) {
        Element root = DocumentHelper.createElement(QName.get("isComposing", NS));
        root.addElement(QName.get("state", NS)).setText(s.name().toLowerCase(Locale.ROOT));
        root.addElement(QName.get("contenttype", NS)).setText("text/plain");
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.asXML()).getBytes(StandardCharsets.UTF_8);
    }
}
