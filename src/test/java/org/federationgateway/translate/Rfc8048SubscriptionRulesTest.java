package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.federationgateway.translate.SubscriptionRules.Effect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8048 §5 and §7 subscription events (rows P1-P13 of the reference table) and RFC 6665 reasons. */
class Rfc8048SubscriptionRulesTest {

    private static List<Effect> effects(String list) {
        return list.equals("-") ? List.of() : Arrays.stream(list.split(" ")).map(Effect::valueOf).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            P3 pending NOTIFY emits nothing                       | false | pending                       | true  | -
            P4 first active NOTIFY with a body                    | false | active;expires=3600           | true  | XMPP_SUBSCRIBED XMPP_PRESENCE
            P4 first active NOTIFY, empty body means unknown      | false | active;expires=3600           | false | XMPP_SUBSCRIBED
            later active NOTIFY with a body                       | true  | active;expires=1800           | true  | XMPP_PRESENCE
            later empty NOTIFY: unknown, nothing sent             | true  | active                        | false | -
            RFC 6665 rejected ends the authorization              | true  | terminated;reason=rejected    | false | XMPP_UNSUBSCRIBED END
            RFC 6665 noresource ends it                           | true  | terminated;reason=noresource  | false | XMPP_UNSUBSCRIBED END
            RFC 6665 invariant ends it                            | true  | terminated;reason=invariant   | false | XMPP_UNSUBSCRIBED END
            RFC 6665 deactivated: re-subscribe at once            | true  | terminated;reason=deactivated | false | RESUBSCRIBE_NOW
            RFC 6665 timeout with final state                     | true  | terminated;reason=timeout     | true  | XMPP_PRESENCE RESUBSCRIBE_NOW
            RFC 6665 probation: later                             | true  | terminated;reason=probation;retry-after=60 | false | RESUBSCRIBE_LATER
            RFC 6665 giveup: later                                | false | terminated;reason=giveup      | false | RESUBSCRIBE_LATER
            no reason: later                                      | true  | terminated                    | false | RESUBSCRIBE_LATER
            """)
    void x2sNotify(String row, boolean wasActive, String header, boolean body, String expected) {
        assertEquals(effects(expected), SubscriptionRules.onNotify(wasActive, SubscriptionState.parse(header), body), row);
    }

    @ParameterizedTest(name = "P5 refresh answered {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | -
            202 | -
            403 | XMPP_UNSUBSCRIBED END
            489 | XMPP_UNSUBSCRIBED END
            603 | XMPP_UNSUBSCRIBED END
            423 | RESUBSCRIBE_NOW
            481 | RESUBSCRIBE_NOW
            408 | RESUBSCRIBE_LATER
            503 | RESUBSCRIBE_LATER
            """)
    void p5RefreshResponses(int status, String expected) {
        assertEquals(effects(expected), SubscriptionRules.onRefreshResponse(status));
    }

    @ParameterizedTest(name = "P1/P2 initial SUBSCRIBE answered {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | -
            423 | RESUBSCRIBE_NOW
            404 | XMPP_UNSUBSCRIBED END
            403 | XMPP_UNSUBSCRIBED END
            """)
    void p1p2InitialResponses(int status, String expected) {
        assertEquals(effects(expected), SubscriptionRules.onInitialResponse(status));
    }

    @ParameterizedTest(name = "RFC 6665 4.1.2.2 new dialog for a subscription already asked for, answered {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | -
            202 | -
            408 | RESUBSCRIBE_LATER
            480 | RESUBSCRIBE_LATER
            500 | RESUBSCRIBE_LATER
            503 | RESUBSCRIBE_LATER
            423 | RESUBSCRIBE_NOW
            403 | XMPP_UNSUBSCRIBED END
            404 | XMPP_UNSUBSCRIBED END
            489 | XMPP_UNSUBSCRIBED END
            603 | XMPP_UNSUBSCRIBED END
            """)
    void rfc6665Section4_1_2_2RenewalResponses(int status, String expected) {
        assertEquals(effects(expected), SubscriptionRules.onRenewalResponse(status));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            P7 new SUBSCRIBE: pending NOTIFY at once, subscribe to the XMPP user | false | 3600 | false | NOTIFY_PENDING XMPP_SUBSCRIBE
            P10 refresh, presence known: NOTIFY with PIDF            | true  | 3600 | true  | NOTIFY_ACTIVE_PIDF
            P10 refresh, presence unknown: NOTIFY MUST be empty      | true  | 3600 | false | NOTIFY_ACTIVE_EMPTY
            P11 cancel: closed PIDF, terminated, unavailable to XMPP | true  | 0    | true  | NOTIFY_TERMINATED_CLOSED XMPP_UNAVAILABLE END
            P13 poll, nothing known: probe the XMPP user             | false | 0    | false | XMPP_PROBE
            P13 poll, presence known: one NOTIFY with it             | false | 0    | true  | NOTIFY_TERMINATED_PIDF
            """)
    void s2xSubscribe(String row, boolean existing, int expires, boolean known, String expected) {
        assertEquals(effects(expected), SubscriptionRules.onSubscribe(existing, expires, known), row);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RFC 6665 §3.2 adopted active, presence unknown: empty NOTIFY (RFC 8048 §5.3.2) names the new target, then a probe | true  | false | NOTIFY_ACTIVE_EMPTY XMPP_PROBE
            RFC 6665 §3.2 adopted active, presence known: NOTIFY with PIDF names the new target, then a probe                 | true  | true  | NOTIFY_ACTIVE_PIDF XMPP_PROBE
            RFC 6665 §3.2 adopted pending: pending NOTIFY names the new target, the request repeated (RFC 6121 §3.1.3)        | false | false | NOTIFY_PENDING XMPP_SUBSCRIBE
            RFC 6665 §3.2 adopted pending, presence seen: still pending, nothing of the XMPP user's presence yet               | false | true  | NOTIFY_PENDING XMPP_SUBSCRIBE
            """)
    void s2xAdoptedFromAClusterNodeThatLeft(String row, boolean active, boolean known, String expected) {
        assertEquals(effects(expected), SubscriptionRules.onAdopted(active, known), row);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            P8 subscribed, presence not yet seen: empty active NOTIFY (RFC 8048 §5.3.2)                             | true  | false | NOTIFY_ACTIVE_EMPTY
            P8 subscribed, presence already seen (handed over before the answer): active NOTIFY with PIDF (RFC 6665 §4.2.2) | true  | true  | NOTIFY_ACTIVE_PIDF
            P9 unsubscribed: the subscription is rejected and ends                                                    | false | false | NOTIFY_REJECTED END
            P9 unsubscribed, presence seen: rejected all the same, nothing of it is sent                             | false | true  | NOTIFY_REJECTED END
            """)
    void p8SubscribedActivatesP9UnsubscribedRejects(String row, boolean subscribed, boolean known, String expected) {
        assertEquals(effects(expected), SubscriptionRules.onXmppAnswer(subscribed, known), row);
    }

    @Test
    void subscriptionStateHeaderRfc6665Section8_2_3() {
        SubscriptionState s = SubscriptionState.parse("Terminated ; reason=Rejected;retry-after=30");
        assertEquals(SubscriptionState.State.TERMINATED, s.state());
        assertEquals("rejected", s.reason());
        assertEquals(OptionalInt.of(30), s.retryAfter());
        assertEquals("active;expires=3600", SubscriptionState.active(3600).toString());
        assertThrows(TranslationException.class, () -> SubscriptionState.parse("waiting"));
        assertThrows(TranslationException.class, () -> SubscriptionState.parse(""));
        assertThrows(TranslationException.class, () -> SubscriptionState.parse("active;expires=soon"));
    }
}
