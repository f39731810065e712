package org.federationgateway.testmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.federationgateway.policy.Decision;
import org.federationgateway.policy.ReasonCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each observation of a test message and the report line, verdict and result it becomes. */
class StepsTest {
    private static final Duration WAIT = Duration.ofSeconds(7);

    @Test
    void xep0184_section5_onlyAReceiptIsDelivery() {
        Steps.Judged receipt = Steps.delivery("juliet@b.test", new Evidence.Receipt("juliet@b.test/phone"), WAIT);
        assertEquals(TestResult.RECEIPT_RECEIVED, receipt.result());
        assertTrue(receipt.result().delivered());
        assertEquals(Step.Verdict.OK, receipt.step().verdict());
        assertEquals(List.of("juliet@b.test", "juliet@b.test/phone"), receipt.step().args());
    }

    @Test
    void xep0184_section5_noErrorWithinTheWaitIsNotDelivery() {
        Steps.Judged silence = Steps.delivery("juliet@b.test", new Evidence.Silence(), WAIT);
        assertEquals(TestResult.NO_ERROR_NO_RECEIPT, silence.result());
        assertFalse(silence.result().delivered(), "no error is not a delivery report");
        assertEquals(Step.Verdict.WARNING, silence.step().verdict());
        assertEquals("testmessage.delivery.silence", silence.step().key());
        assertEquals(List.of("juliet@b.test", "7"), silence.step().args(), "the sentence names how long it waited");
    }

    @ParameterizedTest(name = "RFC 6120 §8.3.3 {0}")
    @CsvSource({"service-unavailable", "item-not-found", "remote-server-not-found", "remote-server-timeout", "forbidden"})
    void rfc6120_section8_3_anErrorReplyIsNotDeliveredWithItsCondition(String condition) {
        Steps.Judged error = Steps.delivery("juliet@b.test", new Evidence.StanzaError("b.test", condition, "why"), WAIT);
        assertEquals(TestResult.ERROR, error.result());
        assertEquals(Step.Verdict.FAIL, error.step().verdict());
        assertEquals(condition, error.step().code());
    }

    @Test
    void aMessageThatCouldNotBeRoutedWasNotSent() {
        Steps.Judged n = Steps.delivery("juliet@b.test", new Evidence.NotRouted("no route"), WAIT);
        assertEquals(TestResult.NOT_SENT, n.result());
        assertEquals(Step.Verdict.FAIL, n.step().verdict());
    }

    @ParameterizedTest(name = "XEP-0199 §4.3 {0} -> {1} {2}")
    @CsvSource({
            "pong,,ok,pong",
            // the server was reached; it only does not implement ping
            "error,service-unavailable,warning,service-unavailable",
            "error,feature-not-implemented,warning,feature-not-implemented",
            "error,remote-server-not-found,fail,remote-server-not-found",
            "error,remote-server-timeout,fail,remote-server-timeout",
            "silence,,fail,no-answer",
            "notrouted,,fail,not-routed"})
    void xep0199_section4_3_serverToServerPing(String answer, String condition, String verdict, String code) {
        PingAnswer a = switch (answer) {
            case "pong" -> new PingAnswer.Pong();
            case "error" -> new PingAnswer.Error(condition, "");
            case "silence" -> new PingAnswer.Silence();
            default -> new PingAnswer.NotRouted("x");
        };
        Step s = Steps.ping("b.test", a, WAIT);
        assertEquals(verdict, s.verdict().code());
        assertEquals(code, s.code());
        assertEquals(Step.Kind.PING, s.kind());
    }

    @ParameterizedTest(name = "RFC 3428 §7 / RFC 7247 Table 3: SIP {0} -> {1}")
    @CsvSource({
            "200,sip-delivered,ok,",
            "202,sip-accepted,warning,",
            "204,sip-accepted,warning,",
            "404,sip-refused,fail,item-not-found",
            "408,sip-refused,fail,remote-server-timeout",
            "480,sip-refused,fail,recipient-unavailable",
            "403,sip-refused,fail,forbidden"})
    void rfc3428_section7_onlyThe200OfTheUsersOwnAgentIsDelivery(int status, String result, String verdict, String xmppCondition) {
        Steps.Judged j = Steps.sip("sip:romeo@a.test", new SipAnswer(status, "Reason"));
        assertEquals(result, j.result().code());
        assertEquals(verdict, j.step().verdict().code());
        assertEquals(String.valueOf(status), j.step().code(), "the SIP status is the step's code");
        assertEquals(status == 200, j.result().delivered());
        if (xmppCondition != null) {
            assertEquals(xmppCondition, j.step().args().get(3), "the condition an XMPP sender would get");
        }
    }

    @Test
    void aRefusalCarriesItsReasonCodeAndTheRefusalsOwnSentence() {
        Step s = Steps.policy(Decision.deny(ReasonCode.NOT_A_PARTNER), "alice@a.test", "c.test", "global");
        assertEquals(Step.Verdict.FAIL, s.verdict());
        assertEquals("not-a-partner", s.code());
        assertEquals("policy.reason.not-a-partner", s.key());
        assertEquals(List.of("c.test"), s.args());
    }

    @Test
    void anAllowedMessageNamesTheSenderThePartnerAndThePolicy() {
        Step s = Steps.policy(Decision.ALLOW, "alice@a.test", "b.test", "global");
        assertEquals(Step.Verdict.OK, s.verdict());
        assertEquals("allowed", s.code());
        assertEquals(List.of("alice@a.test", "b.test", "global"), s.args());
        assertEquals(Step.Verdict.OK, Steps.policy(Decision.ALLOW_WITHOUT_STATUS, "a.test", "b.test", "-").verdict());
    }

    @ParameterizedTest(name = "{0} before, {1} after, TLS {2} -> {3} {4}")
    @CsvSource({
            "false,true,true,opened,ok",
            "true,true,true,reused,ok",
            "false,true,false,opened,warning",
            "true,true,false,reused,warning",
            "false,false,false,none,fail",
            "true,false,false,none,fail"})
    void theSessionIsReusedOrOpenedAndWithoutTlsAWarning(boolean before, boolean after, boolean tls, String code, String verdict) {
        SessionView s = new SessionView("dialback", tls, "TLSv1.3", "TLS_AES_256_GCM_SHA384");
        Step step = Steps.session("b.test", before ? Optional.of(s) : Optional.empty(), after ? Optional.of(s) : Optional.empty());
        assertEquals(code, step.code());
        assertEquals(verdict, step.verdict().code());
        if (after && tls) {
            assertEquals(List.of("b.test", "dialback", "TLSv1.3 TLS_AES_256_GCM_SHA384"), step.args());
        }
    }

    @Test
    void aReportsWorstVerdictIsItsWorstStep() {
        Step ok = Steps.policy(Decision.ALLOW, "a", "b.test", "global");
        Step warn = Steps.delivery("x@b.test", new Evidence.Silence(), WAIT).step();
        TestReport r = new TestReport("a.test", "x@b.test", "id", java.time.Instant.EPOCH, List.of(ok, warn), TestResult.NO_ERROR_NO_RECEIPT, 5);
        assertEquals(Step.Verdict.WARNING, r.worst());
    }
}
