package org.federationgateway.testmessage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.federationgateway.i18n.Messages;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.policy.LocalParty;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.StanzaFacts;
import org.federationgateway.policy.StanzaKind;

/**
 * Lync's {@code Test-CsXmppIM}: sends one message from a local user (or the server) to a partner user or a SIP
 * user and reports each step: the input, the policy's decision, the server-to-server session (reused or opened,
 * its authentication and TLS), an XEP-0199 ping of the partner's server, and what came back for the message
 * (an XEP-0184 receipt, an error, or nothing within the wait); for a SIP address, the SIP answer through the
 * bridge. A message the policy refuses is not sent. The host (Openfire) supplies the two sides.
 */
public final class TestMessages {
    /** The XMPP side as a test needs it; in Openfire, its routing, sessions and users. */
    public interface XmppSide {
        /** This server's XMPP domain. */
        String domain();

        boolean isUser(String username);

        /** The open outgoing server-to-server session to the domain, if any. */
        Optional<SessionView> outgoingSession(String remoteDomain);

        /** Pings the domain from this server (XEP-0199 §4.3), waiting at most {@code wait}; opens a session if needed. */
        PingAnswer ping(String remoteDomain, String id, Duration wait);

        /** Sends a chat message asking for an XEP-0184 receipt and waits at most {@code wait} for a receipt or an error. */
        Evidence send(String fromJid, String toJid, String id, String body, Duration wait);
    }

    /** The SIP side: the bridge, while it runs. */
    public interface SipSide {
        /** The bridge's answer about a SIP address. */
        sealed interface Lookup {
        }

        /** The SIP bridge is not running. */
        record Off() implements Lookup {
        }

        /** Not a SIP user of this server (an Openfire user's address, or another domain's), with why. */
        record NotSipUser(String why) implements Lookup {
        }

        /** A SIP user of this server, at this XMPP address. */
        record SipUser(String xmppAddress) implements Lookup {
        }

        Lookup lookup(String sipUri);

        /**
         * Sends through the bridge and waits for the final SIP response (a transaction timeout is a 408).
         *
         * @throws IllegalArgumentException or IllegalStateException when it could not be sent, with why
         */
        SipAnswer sendToSip(String fromJid, String toXmppAddress, String id, String body, Duration wait);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<PolicySnapshot> policy;
    private final PolicyEvaluator evaluator;
    private final GroupMembership groups;
    private final XmppSide xmpp;
    private final SipSide sip;
    private final Messages texts;
    private final Clock clock;
    private final LongSupplier nanoTime;

    public TestMessages(Supplier<PolicySnapshot> policy, PolicyEvaluator evaluator, GroupMembership groups, XmppSide xmpp, SipSide sip,
                        Messages texts, Clock clock, LongSupplier nanoTime) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.xmpp = Objects.requireNonNull(xmpp, "xmpp");
        this.sip = Objects.requireNonNull(sip, "sip");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public String domain() {
        return xmpp.domain();
    }

    /**
     * Checks the fields, then runs the test.
     *
     * @throws TestRequest.InvalidTestRequest when a field is wrong or names no one (an unknown user, an address that
     *                                        is not a SIP user); nothing was sent then
     */
    public TestReport run(String from, String to, String wait) {
        TestRequest request = TestRequest.parse(from, to, wait, xmpp.domain());
        if (!request.fromServer() && !xmpp.isUser(request.fromUser())) {
            throw new TestRequest.InvalidTestRequest(Map.of("from", new TestRequest.Problem("testmessage.error.from.unknown",
                    List.of(request.fromUser(), xmpp.domain()))));
        }
        if (request.to() instanceof TestRequest.SipTarget target) {
            SipSide.Lookup lookup = sip.lookup(target.uri());
            if (lookup instanceof SipSide.NotSipUser n) {
                throw new TestRequest.InvalidTestRequest(Map.of("to", new TestRequest.Problem("testmessage.error.to.notsip",
                        List.of(target.uri(), n.why()))));
            }
            return toSip(request, target, lookup);
        }
        return toPartner(request, (TestRequest.XmppTarget) request.to());
    }

    private String sender(TestRequest r) {
        return r.fromServer() ? xmpp.domain() : r.fromUser() + "@" + xmpp.domain();
    }

    private static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "fgw-test-" + HexFormat.of().formatHex(b);
    }

    private TestReport toPartner(TestRequest r, TestRequest.XmppTarget to) {
        long start = nanoTime.getAsLong();
        String id = newId();
        String from = sender(r);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Step.Kind.INPUT, Step.Verdict.OK, "valid", "testmessage.input.xmpp", List.of(from, to.bareJid(), id), 0));

        long t = nanoTime.getAsLong();
        PolicySnapshot snapshot = policy.get();
        StanzaFacts facts = r.fromServer()
                ? new StanzaFacts(Direction.OUTBOUND, to.domain(), LocalParty.SERVER, "", StanzaKind.MESSAGE, true)
                : new StanzaFacts(Direction.OUTBOUND, to.domain(), LocalParty.USER, r.fromUser(), StanzaKind.MESSAGE, true,
                        snapshot.groupsMatterFor(r.fromUser()) ? groups.groupsOf(r.fromUser()) : List.of());
        Decision decision = evaluator.evaluate(snapshot, facts);
        String policyName = r.fromServer() ? "-" : snapshot.effectiveForUser(r.fromUser(), facts.localGroups()).policy().name();
        steps.add(Steps.policy(decision, from, to.domain(), policyName).took(millisSince(t)));
        if (!decision.allowed()) {
            return report(from, to, id, steps, TestResult.REFUSED_BY_POLICY, start);
        }

        Optional<SessionView> before = xmpp.outgoingSession(to.domain());
        t = nanoTime.getAsLong();
        PingAnswer pong = xmpp.ping(to.domain(), id + "-ping", r.waitFor());
        Step ping = Steps.ping(to.domain(), pong, r.waitFor()).took(millisSince(t));
        steps.add(Steps.session(to.domain(), before, xmpp.outgoingSession(to.domain())).took(millisSince(t)));
        steps.add(ping);

        t = nanoTime.getAsLong();
        Evidence evidence = xmpp.send(from, to.bareJid(), id, texts.get("testmessage.body", xmpp.domain(), id), r.waitFor());
        Steps.Judged delivery = Steps.delivery(to.bareJid(), evidence, r.waitFor());
        steps.add(delivery.step().took(millisSince(t)));
        return report(from, to, id, steps, delivery.result(), start);
    }

    private TestReport toSip(TestRequest r, TestRequest.SipTarget to, SipSide.Lookup lookup) {
        long start = nanoTime.getAsLong();
        String id = newId();
        String from = sender(r);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Step.Kind.INPUT, Step.Verdict.OK, "valid", "testmessage.input.sip", List.of(from, to.uri(), id), 0));
        if (!(lookup instanceof SipSide.SipUser user)) {
            Steps.Judged off = Steps.sipBridgeOff(to.uri());
            steps.add(off.step());
            return report(from, to, id, steps, off.result(), start);
        }
        steps.add(Steps.sipPolicy(to.uri(), policy.get().effectiveForSipAddress(user.xmppAddress()).policy().name()));
        long t = nanoTime.getAsLong();
        Steps.Judged judged;
        try {
            SipAnswer answer = sip.sendToSip(from, user.xmppAddress(), id, texts.get("testmessage.body", xmpp.domain(), id), r.waitFor());
            judged = Steps.sip(to.uri(), answer);
        } catch (IllegalArgumentException | IllegalStateException e) {
            judged = Steps.sipNotSent(to.uri(), String.valueOf(e.getMessage()));
        }
        steps.add(judged.step().took(millisSince(t)));
        return report(from, to, id, steps, judged.result(), start);
    }

    private TestReport report(String from, TestRequest.Target to, String id, List<Step> steps, TestResult result, long start) {
        return new TestReport(from, to.text(), id, clock.instant(), steps, result, millisSince(start));
    }

    private long millisSince(long startNanos) {
        return Math.max(0, (nanoTime.getAsLong() - startNanos) / 1_000_000);
    }
}
