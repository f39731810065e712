package org.federationgateway.testmessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.federationgateway.policy.Decision;
import org.federationgateway.translate.ErrorMapping;

/**
 * The pure half of a test message: each thing observed becomes one report line with a verdict and a code, and
 * the delivery evidence becomes the test's result. No I/O; {@link TestMessages} gathers the observations.
 */
public final class Steps {
    /** XEP-0199 §4.3 / RFC 6120 §8.3.3: a server that does not support ping says so; it was reached all the same. */
    static final Set<String> PING_UNSUPPORTED = Set.of("service-unavailable", "feature-not-implemented");

    /** A step and, for the last one, what the test proved. */
    public record Judged(Step step, TestResult result) {
    }

    private Steps() {
    }

    private static Step step(Step.Kind kind, Step.Verdict verdict, String code, String key, String... args) {
        return new Step(kind, verdict, code, key, List.of(args), 0);
    }

    /** The federation policy's decision for the message (Lync's external access policy and partner rules). */
    public static Step policy(Decision decision, String sender, String remoteDomain, String policyName) {
        if (decision.allowed()) {
            return step(Step.Kind.POLICY, Step.Verdict.OK, "allowed", "testmessage.policy.allowed", sender, remoteDomain, policyName);
        }
        // The refusal's own sentence, the one a refused stanza carries; the code is shown beside it.
        return step(Step.Kind.POLICY, Step.Verdict.FAIL, decision.reason().code(), decision.reason().messageKey(), remoteDomain);
    }

    /** A SIP user of this server is not across federation; the policy assigned to the address is shown for reference. */
    public static Step sipPolicy(String sipAddress, String policyName) {
        return step(Step.Kind.POLICY, Step.Verdict.OK, "not-federated", "testmessage.policy.sip", sipAddress, policyName);
    }

    /** The outgoing session before and after the exchange: reused, opened, or none. A session without TLS is a warning. */
    public static Step session(String remoteDomain, Optional<SessionView> before, Optional<SessionView> after) {
        if (after.isEmpty()) {
            return step(Step.Kind.SESSION, Step.Verdict.FAIL, "none", "testmessage.session.none", remoteDomain);
        }
        SessionView s = after.get();
        String how = before.isPresent() ? "reused" : "opened";
        if (!s.encrypted()) {
            return step(Step.Kind.SESSION, Step.Verdict.WARNING, how, "testmessage.session." + how + ".plain", remoteDomain, s.authMethod());
        }
        return step(Step.Kind.SESSION, Step.Verdict.OK, how, "testmessage.session." + how, remoteDomain, s.authMethod(), s.tls());
    }

    /** XEP-0199 §4.3: the partner's server answered the ping, said it does not support it, failed, or stayed silent. */
    public static Step ping(String remoteDomain, PingAnswer answer, Duration waited) {
        if (answer instanceof PingAnswer.Pong) {
            return step(Step.Kind.PING, Step.Verdict.OK, "pong", "testmessage.ping.pong", remoteDomain);
        }
        if (answer instanceof PingAnswer.Error e && PING_UNSUPPORTED.contains(e.condition())) {
            return step(Step.Kind.PING, Step.Verdict.WARNING, e.condition(), "testmessage.ping.unsupported", remoteDomain, e.condition());
        }
        if (answer instanceof PingAnswer.Error e) {
            return step(Step.Kind.PING, Step.Verdict.FAIL, e.condition(), "testmessage.ping.error", remoteDomain, e.condition(), e.text());
        }
        if (answer instanceof PingAnswer.NotRouted n) {
            return step(Step.Kind.PING, Step.Verdict.FAIL, "not-routed", "testmessage.ping.notrouted", remoteDomain, n.why());
        }
        return step(Step.Kind.PING, Step.Verdict.FAIL, "no-answer", "testmessage.ping.silence", remoteDomain, seconds(waited));
    }

    /**
     * XEP-0184 §5: only a receipt says the recipient's client has the message. No error within the wait is reported
     * as exactly that, never as delivered: the partner may have stored it offline or its client sends no receipts.
     */
    public static Judged delivery(String to, Evidence evidence, Duration waited) {
        if (evidence instanceof Evidence.Receipt r) {
            return new Judged(step(Step.Kind.DELIVERY, Step.Verdict.OK, "receipt", "testmessage.delivery.receipt", to, r.from()),
                    TestResult.RECEIPT_RECEIVED);
        }
        if (evidence instanceof Evidence.StanzaError e) {
            return new Judged(step(Step.Kind.DELIVERY, Step.Verdict.FAIL, e.condition(), "testmessage.delivery.error", to, e.condition(), e.text(),
                    e.from()), TestResult.ERROR);
        }
        if (evidence instanceof Evidence.NotRouted n) {
            return new Judged(step(Step.Kind.DELIVERY, Step.Verdict.FAIL, "not-routed", "testmessage.delivery.notrouted", to, n.why()),
                    TestResult.NOT_SENT);
        }
        return new Judged(step(Step.Kind.DELIVERY, Step.Verdict.WARNING, "no-receipt", "testmessage.delivery.silence", to, seconds(waited)),
                TestResult.NO_ERROR_NO_RECEIPT);
    }

    /**
     * RFC 3428 §7: a 200 comes from the user's own agent, a 202 from a relay that took it on; any other final response
     * is a refusal, shown with the XMPP condition the bridge maps it to (RFC 7247 Table 3).
     */
    public static Judged sip(String uri, SipAnswer answer) {
        String status = String.valueOf(answer.status());
        if (answer.status() == 200) {
            return new Judged(step(Step.Kind.SIP, Step.Verdict.OK, status, "testmessage.sip.delivered", uri, status, answer.reason()),
                    TestResult.SIP_DELIVERED);
        }
        if (answer.status() < 300) {
            return new Judged(step(Step.Kind.SIP, Step.Verdict.WARNING, status, "testmessage.sip.accepted", uri, status, answer.reason()),
                    TestResult.SIP_ACCEPTED);
        }
        return new Judged(step(Step.Kind.SIP, Step.Verdict.FAIL, status, "testmessage.sip.refused", uri, status, answer.reason(),
                ErrorMapping.toXmpp(answer.status()).xmpp()), TestResult.SIP_REFUSED);
    }

    /** The SIP bridge does not run, so a SIP address cannot be reached. */
    public static Judged sipBridgeOff(String uri) {
        return new Judged(step(Step.Kind.SIP, Step.Verdict.FAIL, "bridge-off", "testmessage.sip.off", uri), TestResult.NOT_SENT);
    }

    /** The bridge could not send it (it stopped, or the message has no SIP form). */
    public static Judged sipNotSent(String uri, String why) {
        return new Judged(step(Step.Kind.SIP, Step.Verdict.FAIL, "not-sent", "testmessage.delivery.notrouted", uri, why), TestResult.NOT_SENT);
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toSeconds());
    }
}
