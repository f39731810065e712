package org.federationgateway.testmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

/**
 * The flow of a test message over sides that record what they were asked to do: the order of the steps, nothing sent
 * when the policy refuses or the input names no one, and the timings taken from the clock given.
 */
class TestMessagesTest {
    /** b.test is a Federated partner; users have XMPP access by the global policy. */
    private static final PolicySnapshot POLICY = new PolicySnapshot(
            List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
            List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);

    private final List<String> sent = new ArrayList<>();
    private Optional<SessionView> session = Optional.empty();
    private PingAnswer pong = new PingAnswer.Pong();
    private Evidence evidence = new Evidence.Receipt("juliet@b.test/phone");
    private TestMessages.SipSide.Lookup lookup = new TestMessages.SipSide.SipUser("nobody@a.test");
    private SipAnswer sipAnswer = new SipAnswer(404, "Not Found");
    /** Each read of the clock advances it 3 ms. */
    private final AtomicLong nanos = new AtomicLong();

    private final TestMessages.XmppSide xmpp = new TestMessages.XmppSide() {
        @Override
        public String domain() {
            return "a.test";
        }

        @Override
        public boolean isUser(String username) {
            return username.equals("alice");
        }

        @Override
        public Optional<SessionView> outgoingSession(String remoteDomain) {
            return session;
        }

        @Override
        public PingAnswer ping(String remoteDomain, String id, Duration wait) {
            sent.add("ping " + remoteDomain);
            session = Optional.of(new SessionView("sasl-external", true, "TLSv1.3", "TLS_AES_128_GCM_SHA256"));
            return pong;
        }

        @Override
        public Evidence send(String fromJid, String toJid, String id, String body, Duration wait) {
            sent.add("message " + fromJid + " -> " + toJid + " waiting " + wait.toSeconds() + " s: " + body);
            return evidence;
        }
    };

    private final TestMessages.SipSide sip = new TestMessages.SipSide() {
        @Override
        public Lookup lookup(String sipUri) {
            return lookup;
        }

        @Override
        public SipAnswer sendToSip(String fromJid, String toXmppAddress, String id, String body, Duration wait) {
            sent.add("sip " + fromJid + " -> " + toXmppAddress);
            return sipAnswer;
        }
    };

    private final TestMessages tests = new TestMessages(() -> POLICY, new PolicyEvaluator(), user -> List.of(), xmpp, sip,
            (key, args) -> key + (args.length > 1 ? " " + args[1] : ""), Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC),
            () -> nanos.addAndGet(3_000_000));

    private static List<String> kinds(TestReport r) {
        return r.steps().stream().map(s -> s.kind().code() + ":" + s.verdict().code()).toList();
    }

    @Test
    void aPartnerThatAnswersIsPingedThenSentTheMessageAndItsReceiptIsTheEvidence() {
        TestReport r = tests.run("alice", "juliet@b.test", "5");
        assertEquals(TestResult.RECEIPT_RECEIVED, r.result());
        assertEquals(List.of("input:ok", "policy:ok", "session:ok", "ping:ok", "delivery:ok"), kinds(r));
        assertEquals("opened", r.steps().get(2).code(), "no session before the ping: it was opened");
        assertEquals(List.of("b.test", "sasl-external", "TLSv1.3 TLS_AES_128_GCM_SHA256"), r.steps().get(2).args());
        assertEquals(2, sent.size());
        assertEquals("ping b.test", sent.get(0));
        assertEquals("message alice@a.test -> juliet@b.test waiting 5 s: testmessage.body " + r.id(), sent.get(1));
        assertEquals("alice@a.test", r.from());
        assertEquals(Instant.parse("2026-12-02T01:00:00Z"), r.at());
        assertTrue(r.totalMillis() > 0 && r.steps().get(4).millis() > 0, "times come from the clock given");
    }

    @Test
    void theServerItselfCanSendAndAnOpenSessionIsReused() {
        session = Optional.of(new SessionView("dialback", true, "TLSv1.2", "X"));
        evidence = new Evidence.Silence();
        TestReport r = tests.run("", "juliet@b.test", "");
        assertEquals("a.test", r.from());
        assertEquals("reused", r.steps().get(2).code());
        assertEquals(TestResult.NO_ERROR_NO_RECEIPT, r.result());
        assertTrue(sent.get(1).startsWith("message a.test -> juliet@b.test waiting 10 s"), sent.get(1));
    }

    @Test
    void aNonPartnerIsRefusedByThePolicyAndNothingIsSent() {
        TestReport r = tests.run("alice", "carol@c.test", "");
        assertEquals(TestResult.REFUSED_BY_POLICY, r.result());
        assertEquals(List.of("input:ok", "policy:fail"), kinds(r));
        assertEquals("not-a-partner", r.steps().get(1).code());
        assertEquals(List.of(), sent, "nothing was sent, not even a ping");
    }

    @Test
    void anUnknownUserIsRefusedByFieldAndNothingIsSent() {
        TestRequest.InvalidTestRequest e = assertThrows(TestRequest.InvalidTestRequest.class, () -> tests.run("mallory", "juliet@b.test", ""));
        assertEquals("testmessage.error.from.unknown", e.problems().get("from").key());
        assertEquals(List.of("mallory", "a.test"), e.problems().get("from").args());
        assertEquals(List.of(), sent);
    }

    @Test
    void anErrorFromThePartnerIsNotDelivery() {
        evidence = new Evidence.StanzaError("b.test", "service-unavailable", "");
        pong = new PingAnswer.Error("remote-server-not-found", "");
        session = Optional.empty();
        TestMessages failing = new TestMessages(() -> POLICY, new PolicyEvaluator(), user -> List.of(), new TestMessages.XmppSide() {
            @Override
            public String domain() {
                return "a.test";
            }

            @Override
            public boolean isUser(String username) {
                return true;
            }

            @Override
            public Optional<SessionView> outgoingSession(String remoteDomain) {
                return Optional.empty();
            }

            @Override
            public PingAnswer ping(String remoteDomain, String id, Duration wait) {
                return pong;
            }

            @Override
            public Evidence send(String fromJid, String toJid, String id, String body, Duration wait) {
                return evidence;
            }
        }, sip, (key, args) -> key, Clock.systemUTC(), System::nanoTime);
        TestReport r = failing.run("alice", "juliet@b.test", "");
        assertEquals(List.of("input:ok", "policy:ok", "session:fail", "ping:fail", "delivery:fail"), kinds(r));
        assertEquals(TestResult.ERROR, r.result());
        assertEquals("service-unavailable", r.steps().get(4).code());
    }

    @Test
    void aSipUserThatDoesNotExistIsAnsweredByTheSipSide() {
        TestReport r = tests.run("alice", "sip:nobody@a.test", "");
        assertEquals(TestResult.SIP_REFUSED, r.result());
        assertEquals(List.of("input:ok", "policy:ok", "sip:fail"), kinds(r));
        assertEquals("not-federated", r.steps().get(1).code());
        assertEquals("404", r.steps().get(2).code());
        assertEquals(List.of("sip alice@a.test -> nobody@a.test"), sent);
    }

    @Test
    void withTheBridgeOffNothingIsSentToSip() {
        lookup = new TestMessages.SipSide.Off();
        TestReport r = tests.run("alice", "sip:romeo@a.test", "");
        assertEquals(TestResult.NOT_SENT, r.result());
        assertEquals("bridge-off", r.steps().get(1).code());
        assertEquals(List.of(), sent);
    }

    @Test
    void anAddressThatIsNotASipUserIsRefusedByFieldAndNothingIsSent() {
        lookup = new TestMessages.SipSide.NotSipUser("it is the address of a user of this server");
        TestRequest.InvalidTestRequest e = assertThrows(TestRequest.InvalidTestRequest.class, () -> tests.run("alice", "sip:alice@a.test", ""));
        assertEquals("testmessage.error.to.notsip", e.problems().get("to").key());
        assertEquals(List.of(), sent);
    }
}
