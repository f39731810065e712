package org.federationgateway.translate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Identifiers that carry, without state in the gateway, what a receipt or notification coming back must refer
 * to. RFC 5438 has no field for XMPP's stanza id and XEP-0184 none for an IMDN Message-ID, so each is encoded
 * in the other: the returning notification names the original message and what its sender asked for.
 *
 * <ul>
 * <li>XMPP → SIP: {@code imdn.Message-ID = "x" + flags + "-" + base64url(stanza id)}, flags {@code r} (XEP-0184
 * receipt requested) and {@code m} (XEP-0333 markable).</li>
 * <li>SIP → XMPP: {@code stanza id = "s" + flags + "-" + base64url(imdn.Message-ID)}, flags {@code d}
 * (positive-delivery), {@code n} (negative-delivery), {@code s} (display); the bridge may append
 * {@code "." + anything} to keep ids unique (base64url has no dot).</li>
 * </ul>
 */
public final class BridgedIds {
    /** Longest id accepted on either side; longer ones are not decoded. */
    public static final int MAX_LENGTH = 512;

    /** What an XMPP sender asked for (XEP-0184 request, XEP-0333 markable). */
    public record XmppRequest(String stanzaId, boolean receipt, boolean markable) {
    }

    /** What a SIP sender asked for (RFC 5438 §6.2). */
    public record SipRequest(String imdnMessageId, Set<Imdn.Request> requests) {
        public SipRequest {
            requests = requests.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requests));
        }
    }

    private BridgedIds() {
    }

    public static String toImdnId(XmppRequest r) {
        return "x" + (r.receipt() ? "r" : "") + (r.markable() ? "m" : "") + "-" + encode(r.stanzaId());
    }

    public static Optional<XmppRequest> fromImdnId(String imdnId) {
        if (imdnId == null || imdnId.length() > MAX_LENGTH || !imdnId.startsWith("x")) {
            return Optional.empty();
        }
        int dash = imdnId.indexOf('-');
        if (dash < 1) {
            return Optional.empty();
        }
        String flags = imdnId.substring(1, dash);
        if (!flags.matches("r?m?")) {
            return Optional.empty();
        }
        return decode(imdnId.substring(dash + 1)).map(id -> new XmppRequest(id, flags.contains("r"), flags.contains("m")));
    }

    public static String toStanzaId(SipRequest r) {
        StringBuilder b = new StringBuilder("s");
        if (r.requests().contains(Imdn.Request.POSITIVE_DELIVERY)) {
            b.append('d');
        }
        if (r.requests().contains(Imdn.Request.NEGATIVE_DELIVERY)) {
            b.append('n');
        }
        if (r.requests().contains(Imdn.Request.DISPLAY)) {
            b.append('s');
        }
        return b.append('-').append(encode(r.imdnMessageId())).toString();
    }

    public static Optional<SipRequest> fromStanzaId(String stanzaId) {
        if (stanzaId == null || stanzaId.length() > MAX_LENGTH || !stanzaId.startsWith("s")) {
            return Optional.empty();
        }
        int dash = stanzaId.indexOf('-');
        if (dash < 1) {
            return Optional.empty();
        }
        String flags = stanzaId.substring(1, dash);
        if (!flags.matches("d?n?s?")) {
            return Optional.empty();
        }
        String rest = stanzaId.substring(dash + 1);
        int dot = rest.indexOf('.');
        Set<Imdn.Request> requests = EnumSet.noneOf(Imdn.Request.class);
        if (flags.contains("d")) {
            requests.add(Imdn.Request.POSITIVE_DELIVERY);
        }
        if (flags.contains("n")) {
            requests.add(Imdn.Request.NEGATIVE_DELIVERY);
        }
        if (flags.contains("s")) {
            requests.add(Imdn.Request.DISPLAY);
        }
        return decode(dot < 0 ? rest : rest.substring(0, dot)).map(id -> new SipRequest(id, requests));
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> decode(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
