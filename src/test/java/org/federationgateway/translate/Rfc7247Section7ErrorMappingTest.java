package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.federationgateway.translate.ErrorMapping.About;
import org.federationgateway.translate.ErrorMapping.RemoteServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7247 §7: every row of Table 2 (XMPP → SIP) and Table 3 (SIP → XMPP), with the notes. */
class Rfc7247Section7ErrorMappingTest {

    @ParameterizedTest(name = "Table 2: {0} full={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bad-request             | true  | 400 | Table 2
            conflict                | true  | 400 | Table 2
            feature-not-implemented | true  | 405 | note 1: full JID
            feature-not-implemented | false | 501 | note 1: bare JID
            forbidden               | true  | 403 | note 2: full JID
            forbidden               | false | 603 | note 2: bare JID
            internal-server-error   | true  | 500 | Table 2
            item-not-found          | true  | 404 | note 2
            item-not-found          | false | 604 | note 2
            jid-malformed           | true  | 400 | Table 2
            not-acceptable          | true  | 406 | note 2
            not-acceptable          | false | 606 | note 2
            not-allowed             | true  | 403 | Table 2
            not-authorized          | true  | 401 | Table 2
            policy-violation        | true  | 403 | Table 2
            recipient-unavailable   | true  | 480 | note 2
            recipient-unavailable   | false | 600 | note 2
            redirect                | true  | 302 | Table 2
            registration-required   | true  | 407 | Table 2
            remote-server-timeout   | true  | 408 | Table 2
            resource-constraint     | true  | 500 | Table 2
            service-unavailable     | true  | 403 | note 5: never 503, which means the whole gateway is down
            subscription-required   | true  | 400 | Table 2
            undefined-condition     | true  | 400 | Table 2
            unexpected-request      | true  | 491 | Table 2
            """)
    void xmppToSip(String condition, boolean fullJid, int status, String rationale) {
        assertEquals(status, ErrorMapping.toSip(StanzaCondition.fromXmpp(condition), fullJid ? About.FULL_JID : About.BARE_JID, "why", RemoteServer.NOT_FOUND).status(), rationale);
    }

    @Test
    void goneWithANewAddressIs301WithoutIs410Note3() {
        assertEquals(301, ErrorMapping.toSip(StanzaCondition.GONE, About.FULL_JID, "xmpp:new@example.com", RemoteServer.NOT_FOUND).status());
        assertEquals(410, ErrorMapping.toSip(StanzaCondition.GONE, About.FULL_JID, null, RemoteServer.NOT_FOUND).status());
    }

    @Test
    void remoteServerNotFoundIs404UnlessItExistsButCannotBeReachedNote4() {
        assertEquals(404, ErrorMapping.toSip(StanzaCondition.REMOTE_SERVER_NOT_FOUND, About.FULL_JID, null, RemoteServer.NOT_FOUND).status());
        assertEquals(408, ErrorMapping.toSip(StanzaCondition.REMOTE_SERVER_NOT_FOUND, About.FULL_JID, null, RemoteServer.UNREACHABLE).status());
    }

    @Test
    void theErrorTextBecomesTheReasonPhraseSection7() {
        assertEquals("bob is not allowed", ErrorMapping.toSip(StanzaCondition.FORBIDDEN, About.FULL_JID, " bob is not allowed ", RemoteServer.NOT_FOUND).reason());
        assertEquals("Forbidden", ErrorMapping.toSip(StanzaCondition.FORBIDDEN, About.FULL_JID, null, RemoteServer.NOT_FOUND).reason());
    }

    @ParameterizedTest(name = "Table 3: {0} -> {1}")
    @CsvSource({
            "300,redirect", "301,gone", "302,redirect", "305,redirect", "380,not-acceptable", "400,bad-request",
            "401,not-authorized", "402,bad-request", "403,forbidden", "404,item-not-found", "405,feature-not-implemented",
            "406,not-acceptable", "407,registration-required", "408,remote-server-timeout", "410,gone",
            "413,policy-violation", "414,policy-violation", "415,not-acceptable", "416,not-acceptable",
            "420,feature-not-implemented", "421,not-acceptable", "423,resource-constraint", "430,recipient-unavailable",
            "439,feature-not-implemented", "440,policy-violation", "480,recipient-unavailable", "481,item-not-found",
            "482,not-acceptable", "483,not-acceptable", "484,item-not-found", "485,item-not-found",
            "486,recipient-unavailable", "487,recipient-unavailable", "488,not-acceptable", "489,policy-violation",
            "491,unexpected-request", "493,bad-request", "500,internal-server-error", "501,feature-not-implemented",
            "502,remote-server-not-found", "503,internal-server-error", "504,remote-server-timeout", "505,not-acceptable",
            "513,policy-violation", "600,recipient-unavailable", "603,recipient-unavailable", "604,item-not-found",
            "606,not-acceptable",
            // Defaults for codes the table does not list.
            "399,redirect", "499,bad-request", "599,internal-server-error", "699,recipient-unavailable"})
    void sipToXmpp(int status, String condition) {
        assertEquals(condition, ErrorMapping.toXmpp(status).xmpp());
    }

    @Test
    void provisionalAndSuccessResponsesHaveNoXmppEquivalent() {
        assertThrows(IllegalArgumentException.class, () -> ErrorMapping.toXmpp(180));
        assertThrows(IllegalArgumentException.class, () -> ErrorMapping.toXmpp(200));
    }

    @Test
    void everyRfc6120ConditionBuildsAnErrorElementTinderUnderstands() {
        for (StanzaCondition c : StanzaCondition.values()) {
            assertEquals(c, StanzaCondition.of(c.toPacketError("text", "en")), c.xmpp());
        }
    }
}
