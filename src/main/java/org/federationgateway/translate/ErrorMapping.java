package org.federationgateway.translate;

import java.util.Map;


/**
 * RFC 7247 §7: XMPP error conditions → SIP responses (Table 2) and SIP responses → XMPP conditions (Table 3).
 * The SIP reason phrase and the XMPP error text carry the human-readable part across.
 */
public final class ErrorMapping {
    /** A SIP final response to send. */
    public record SipResponse(int status, String reason) {
        public SipResponse {
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("not an error response: " + status);
            }
            reason = reason == null || reason.isBlank() ? defaultReason(status) : reason.strip();
        }
    }

    private static final Map<Integer, StanzaCondition> TABLE_3 = Map.ofEntries(
            Map.entry(300, StanzaCondition.REDIRECT), Map.entry(301, StanzaCondition.GONE), Map.entry(302, StanzaCondition.REDIRECT),
            Map.entry(305, StanzaCondition.REDIRECT), Map.entry(380, StanzaCondition.NOT_ACCEPTABLE), Map.entry(400, StanzaCondition.BAD_REQUEST),
            Map.entry(401, StanzaCondition.NOT_AUTHORIZED), Map.entry(402, StanzaCondition.BAD_REQUEST), Map.entry(403, StanzaCondition.FORBIDDEN),
            Map.entry(404, StanzaCondition.ITEM_NOT_FOUND), Map.entry(405, StanzaCondition.FEATURE_NOT_IMPLEMENTED),
            Map.entry(406, StanzaCondition.NOT_ACCEPTABLE), Map.entry(407, StanzaCondition.REGISTRATION_REQUIRED),
            Map.entry(408, StanzaCondition.REMOTE_SERVER_TIMEOUT), Map.entry(410, StanzaCondition.GONE),
            Map.entry(413, StanzaCondition.POLICY_VIOLATION), Map.entry(414, StanzaCondition.POLICY_VIOLATION),
            Map.entry(415, StanzaCondition.NOT_ACCEPTABLE), Map.entry(416, StanzaCondition.NOT_ACCEPTABLE),
            Map.entry(420, StanzaCondition.FEATURE_NOT_IMPLEMENTED), Map.entry(421, StanzaCondition.NOT_ACCEPTABLE),
            Map.entry(423, StanzaCondition.RESOURCE_CONSTRAINT), Map.entry(430, StanzaCondition.RECIPIENT_UNAVAILABLE),
            Map.entry(439, StanzaCondition.FEATURE_NOT_IMPLEMENTED), Map.entry(440, StanzaCondition.POLICY_VIOLATION),
            Map.entry(480, StanzaCondition.RECIPIENT_UNAVAILABLE), Map.entry(481, StanzaCondition.ITEM_NOT_FOUND),
            Map.entry(482, StanzaCondition.NOT_ACCEPTABLE), Map.entry(483, StanzaCondition.NOT_ACCEPTABLE),
            Map.entry(484, StanzaCondition.ITEM_NOT_FOUND), Map.entry(485, StanzaCondition.ITEM_NOT_FOUND),
            Map.entry(486, StanzaCondition.RECIPIENT_UNAVAILABLE), Map.entry(487, StanzaCondition.RECIPIENT_UNAVAILABLE),
            Map.entry(488, StanzaCondition.NOT_ACCEPTABLE), Map.entry(489, StanzaCondition.POLICY_VIOLATION),
            Map.entry(491, StanzaCondition.UNEXPECTED_REQUEST), Map.entry(493, StanzaCondition.BAD_REQUEST),
            Map.entry(500, StanzaCondition.INTERNAL_SERVER_ERROR), Map.entry(501, StanzaCondition.FEATURE_NOT_IMPLEMENTED),
            Map.entry(502, StanzaCondition.REMOTE_SERVER_NOT_FOUND), Map.entry(503, StanzaCondition.INTERNAL_SERVER_ERROR),
            Map.entry(504, StanzaCondition.REMOTE_SERVER_TIMEOUT), Map.entry(505, StanzaCondition.NOT_ACCEPTABLE),
            Map.entry(513, StanzaCondition.POLICY_VIOLATION), Map.entry(600, StanzaCondition.RECIPIENT_UNAVAILABLE),
            Map.entry(603, StanzaCondition.RECIPIENT_UNAVAILABLE), Map.entry(604, StanzaCondition.ITEM_NOT_FOUND),
            Map.entry(606, StanzaCondition.NOT_ACCEPTABLE));

    private ErrorMapping() {
    }

    /** Table 3, with its defaults per class for codes it does not list (3xx redirect, 4xx bad-request, ...). */
    public static StanzaCondition toXmpp(int sipStatus) {
        if (sipStatus < 300 || sipStatus > 699) {
            throw new IllegalArgumentException("SIP " + sipStatus + " is not an error response; 1xx and 2xx have no XMPP equivalent");
        }
        StanzaCondition listed = TABLE_3.get(sipStatus);
        if (listed != null) {
            return listed;
        }
        return switch (sipStatus / 100) {
            case 3 -> StanzaCondition.REDIRECT;
            case 4 -> StanzaCondition.BAD_REQUEST;
            case 5 -> StanzaCondition.INTERNAL_SERVER_ERROR;
            default -> StanzaCondition.RECIPIENT_UNAVAILABLE;
        };
    }

    /** Whom an XMPP error is about (Table 2 notes 1 and 2): one resource (4xx, 405) or the whole account (6xx, 501). */
    public enum About { FULL_JID, BARE_JID }

    /** For {@code remote-server-not-found} (Table 2 note 4): whether the server exists but cannot be reached. */
    public enum RemoteServer { UNREACHABLE, NOT_FOUND }

    /**
     * Table 2.
     *
     * @param about  whether the error concerns a full JID or a bare JID
     * @param text   the error's text: for {@code gone} the new address (note 3), else the reason phrase
     * @param server for {@code remote-server-not-found}: whether the server exists but cannot be reached
     */
    public static SipResponse toSip(StanzaCondition condition, About about, String text, RemoteServer server) {
        boolean aboutFullJid = about == About.FULL_JID;
        boolean serverExists = server == RemoteServer.UNREACHABLE;
        int status = switch (condition) {
            case BAD_REQUEST, CONFLICT, JID_MALFORMED, SUBSCRIPTION_REQUIRED, UNDEFINED_CONDITION -> 400;
            case FEATURE_NOT_IMPLEMENTED -> aboutFullJid ? 405 : 501;
            case FORBIDDEN -> aboutFullJid ? 403 : 603;
            case GONE -> text != null && !text.isBlank() ? 301 : 410;
            case INTERNAL_SERVER_ERROR, RESOURCE_CONSTRAINT -> 500;
            case ITEM_NOT_FOUND -> aboutFullJid ? 404 : 604;
            case NOT_ACCEPTABLE -> aboutFullJid ? 406 : 606;
            case NOT_ALLOWED, POLICY_VIOLATION -> 403;
            case NOT_AUTHORIZED -> 401;
            case RECIPIENT_UNAVAILABLE -> aboutFullJid ? 480 : 600;
            case REDIRECT -> 302;
            case REGISTRATION_REQUIRED -> 407;
            case REMOTE_SERVER_NOT_FOUND -> serverExists ? 408 : 404;
            case REMOTE_SERVER_TIMEOUT -> 408;
            // Note 5: 503 would tell SIP peers the whole gateway is down; 403 is the closest meaning.
            case SERVICE_UNAVAILABLE -> 403;
            case UNEXPECTED_REQUEST -> 491;
            default -> 400;
        };
        return new SipResponse(status, condition == StanzaCondition.GONE ? null : text);
    }

    static String defaultReason(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Moved Temporarily";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 415 -> "Unsupported Media Type";
            case 480 -> "Temporarily Unavailable";
            case 481 -> "Call/Transaction Does Not Exist";
            case 489 -> "Bad Event";
            case 491 -> "Request Pending";
            case 500 -> "Server Internal Error";
            case 501 -> "Not Implemented";
            case 513 -> "Message Too Large";
            case 600 -> "Busy Everywhere";
            case 603 -> "Decline";
            case 604 -> "Does Not Exist Anywhere";
            case 606 -> "Not Acceptable";
            default -> "Error";
        };
    }
}
