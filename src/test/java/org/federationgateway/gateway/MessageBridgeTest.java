package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.federationgateway.audit.Audit;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.enforce.PolicyGate;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.StanzaCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The IM bridge between partner users and SIP-homed users (a.test): policy per message as in native
 * federation, and every failure back to its sender (RFC 7247 §7 tables, RFC 7572).
 */
class MessageBridgeTest {
    private final List<Packet> toXmpp = new CopyOnWriteArrayList<>();
    private final List<SipMessage> toSip = new CopyOnWriteArrayList<>();
    private volatile SipStatus frontEndAnswer = SipStatus.OK;
    private final Audit audit = new Audit(10);

    private final SipOutlet sip = new SipOutlet() {
        @Override
        public CompletionStage<SipStatus> sendMessage(SipMessage message, boolean congestionControlled) {
            toSip.add(message);
            return CompletableFuture.completedFuture(frontEndAnswer);
        }

        @Override
        public boolean hasCongestionControlledTransport() {
            return false;
        }
    };

    private static PolicySnapshot snapshot(EnforcementMode mode) {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(d.connectionLimit(), d.partnerConnectionLimit(), d.keepAliveInterval(),
                d.streamEstablishmentTimeout(), d.streamInactivityTimeout(), d.subscriptionRefresh(), false, mode);
        return new PolicySnapshot(
                List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED),
                        Partner.withDefaults(Domain.parse("pub.test"))),
                List.of(new AccessPolicy("global", "", true, false, false, false), new AccessPolicy("closed", "", false, false, false, false)),
                List.of(new Assignment(AssignmentKind.SIP, "hermit@a.test", "closed")), settings, false);
    }

    private MessageBridge bridge(EnforcementMode mode, Duration errorWindow) {
        return bridge(mode, errorWindow, MessageBridge.ANSWER_WITHIN);
    }

    /** With {@code answerWithin} as long as the window, a test's XMPP error always arrives before the answer. */
    private MessageBridge bridge(EnforcementMode mode, Duration errorWindow, Duration answerWithin) {
        PolicySnapshot s = snapshot(mode);
        return new MessageBridge(new PolicyGate(() -> s, new PolicyEvaluator(), audit, Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC)),
                new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.NORMAL),
                SipHoming.sharedDomain("a.test", user -> user.equals("alice"), List.of()),
                (sipUser, remote) -> sipUser.equals("romeo@a.test") && remote.equals("carol@pub.test"),
                toXmpp::add, sip, (key, args) -> args.length == 0 ? key : key + " " + args[0],
                errorWindow, answerWithin);
    }

    private static Message chat(String from, String to, String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID("m1");
        m.setFrom(new JID(from));
        m.setTo(new JID(to));
        m.setBody(body);
        return m;
    }

    private static SipMessage sipMessage(String from, String to) {
        return new SipMessage(SipUri.parse(to), SipUri.parse(from), "c1", null, null, "text/plain", "hi".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Federated partner user reaches a SIP-homed user           | juliet@b.test/x | romeo@a.test  | sent   | -
            a non-partner is refused, nothing reaches SIP                | eve@evil.test/x | romeo@a.test  | error  | forbidden
            the SIP user's policy (by address) forbids XMPP              | juliet@b.test/x | hermit@a.test | error  | forbidden
            PublicUnverified: refused unless the SIP user added them     | dave@pub.test/x | romeo@a.test  | error  | forbidden
            PublicUnverified: allowed once the SIP user knows them       | carol@pub.test/x | romeo@a.test | sent   | -
            """)
    void xmppToSipPolicy(String row, String from, String to, String outcome, String condition) {
        bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1)).fromXmpp(chat(from, to, "hello"));
        if (outcome.equals("sent")) {
            assertEquals(1, toSip.size(), row);
            assertTrue(toXmpp.isEmpty(), row);
        } else {
            assertTrue(toSip.isEmpty(), row);
            Message error = (Message) toXmpp.get(0);
            assertEquals(Message.Type.error, error.getType(), row);
            assertEquals(new JID(from), error.getTo(), row);
            assertEquals(condition, StanzaCondition.of(error.getError()).xmpp(), row);
        }
    }

    @Test
    void observeModeRecordsButBridges() {
        bridge(EnforcementMode.OBSERVE, Duration.ofSeconds(1)).fromXmpp(chat("eve@evil.test/x", "romeo@a.test", "hello"));
        assertEquals(1, toSip.size());
        assertEquals("not-a-partner", audit.latestRefusals().get(0).reason());
        assertTrue(!audit.latestRefusals().get(0).enforced());
    }

    @ParameterizedTest(name = "RFC 7247 Table 3: front end answers {0} -> {1}")
    @CsvSource({"404,item-not-found", "408,remote-server-timeout", "480,recipient-unavailable", "403,forbidden", "500,internal-server-error"})
    void sipFailuresReachTheXmppSender(int status, String condition) {
        frontEndAnswer = new SipStatus(status, "Because");
        bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1)).fromXmpp(chat("juliet@b.test/x", "romeo@a.test", "hello"));
        Message error = (Message) toXmpp.get(0);
        assertEquals(condition, StanzaCondition.of(error.getError()).xmpp());
        assertEquals(status + " Because", error.getError().getText());
        assertEquals("m1", error.getID(), "the error answers the sender's stanza");
    }

    @Test
    void theGatewaysOwnOverloadReachesTheXmppSenderAsResourceConstraintToRetryLater() {
        frontEndAnswer = SipStatus.OVERLOADED;
        bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1)).fromXmpp(chat("juliet@b.test/x", "romeo@a.test", "hello"));
        Message error = (Message) toXmpp.get(0);
        assertEquals("resource-constraint", StanzaCondition.of(error.getError()).xmpp());
        assertEquals("wait", error.getError().getType().toXMPP());
        assertEquals("m1", error.getID());
        // a 503 from the front end itself stays the RFC 7247 mapping
        toXmpp.clear();
        frontEndAnswer = new SipStatus(503, "Gateway overloaded");
        bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1)).fromXmpp(chat("juliet@b.test/x", "romeo@a.test", "hello"));
        assertEquals(StanzaCondition.of(((Message) toXmpp.get(0)).getError()).xmpp(), org.federationgateway.translate.ErrorMapping.toXmpp(503).xmpp());
    }

    @Test
    void anOversizeMessageOverUdpIsRefusedWithPolicyViolation() {
        bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1)).fromXmpp(chat("juliet@b.test/x", "romeo@a.test", "x".repeat(2000)));
        assertEquals("policy-violation", StanzaCondition.of(((Message) toXmpp.get(0)).getError()).xmpp());
        assertTrue(toSip.isEmpty());
    }

    @Test
    void sipToXmppIsAcceptedWith202AfterTheErrorWindow() throws Exception {
        SipStatus r = bridge(EnforcementMode.ENFORCE, Duration.ofMillis(50)).fromSip(sipMessage("sip:romeo@a.test", "sip:juliet@b.test"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(202, r.status());
        Message m = (Message) toXmpp.get(0);
        assertEquals(new JID("romeo@a.test"), m.getFrom());
        assertEquals(new JID("juliet@b.test"), m.getTo());
        assertEquals("c1", m.getThread());
    }

    @Test
    void anXmppErrorWithinTheWindowBecomesTheSipResponseTable2() throws Exception {
        MessageBridge bridge = bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(10), Duration.ofSeconds(10));
        CompletableFuture<SipStatus> response = bridge.fromSip(sipMessage("sip:romeo@a.test", "sip:nobody@b.test")).toCompletableFuture();
        Message sent = (Message) toXmpp.get(0);
        Message error = new Message();
        error.setType(Message.Type.error);
        error.setID(sent.getID());
        error.setFrom(new JID("nobody@b.test"));
        error.setTo(sent.getFrom());
        error.setError(StanzaCondition.SERVICE_UNAVAILABLE.toPacketError("no such user", null));
        bridge.fromXmpp(error);
        SipStatus r = response.get(5, TimeUnit.SECONDS);
        assertEquals(403, r.status(), "service-unavailable -> 403 (RFC 7247 Table 2 note 5), never 503");
        assertEquals("no such user", r.reason());
        assertEquals(0, bridge.awaitingErrors());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no open relay: the sender is a server user, not SIP-homed    | sip:alice@a.test   | sip:juliet@b.test | 403
            no open relay: the sender is from another domain             | sip:x@elsewhere.test | sip:juliet@b.test | 403
            the recipient's domain is not a partner                      | sip:romeo@a.test   | sip:eve@evil.test | 403
            the SIP user's policy forbids XMPP                            | sip:hermit@a.test  | sip:juliet@b.test | 403
            sips: is never translated (RFC 7247 §8)                       | sip:romeo@a.test   | sips:juliet@b.test | 403
            the recipient is one of the gateway's own SIP users           | sip:romeo@a.test   | sip:tybalt@a.test | 404
            """)
    void sipToXmppRefusals(String row, String from, String to, int status) throws Exception {
        SipStatus r = bridge(EnforcementMode.ENFORCE, Duration.ofMillis(50)).fromSip(sipMessage(from, to)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(status, r.status(), row);
        assertTrue(toXmpp.isEmpty(), row);
    }

    @Test
    void aMessageBackToTheGatewaysOwnSipUsersNamesSipDomainMappings() throws Exception {
        SipStatus r = bridge(EnforcementMode.ENFORCE, Duration.ofMillis(50)).fromSip(sipMessage("sip:romeo@a.test", "sip:tybalt@a.test"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(404, r.status());
        assertTrue(r.reason().startsWith("bridge.sip.to-own-domain tybalt@a.test"), r.reason());
        String english = java.util.ResourceBundle.getBundle("federationgateway_i18n", java.util.Locale.ROOT).getString("bridge.sip.to-own-domain");
        assertTrue(english.contains("sip.domainMappings"), english);
        assertTrue(toXmpp.isEmpty());
    }

    @Test
    void aMessageWithoutBodySendsNothingAndAnswersNothing() {
        Message composing = chat("juliet@b.test/x", "romeo@a.test", "x");
        composing.getElement().remove(composing.getElement().element("body"));
        bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1)).fromXmpp(composing);
        assertTrue(toSip.isEmpty());
        assertTrue(toXmpp.isEmpty());
        assertNull(composing.getBody());
    }

    @Test
    void rfc3261Section17_1_2_2AMessageIsAnsweredBeforeT1WhateverTheErrorWindow() throws Exception {
        MessageBridge b = bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(30));
        SipStatus r = b.fromSip(sipMessage("sip:romeo@a.test", "sip:juliet@b.test")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(202, r.status(), "answered after " + MessageBridge.ANSWER_WITHIN.toMillis() + " ms, long before the 30 s window");
    }

    @Test
    void closingTheBridgeAnswersTheMessagesStillInTheirWindowWith202() throws Exception {
        MessageBridge b = bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(30), Duration.ofSeconds(30));
        CompletableFuture<SipStatus> response = b.fromSip(sipMessage("sip:romeo@a.test", "sip:juliet@b.test")).toCompletableFuture();
        assertEquals(1, toXmpp.size());
        assertFalse(response.isDone(), "waits for a possible XMPP error");
        b.close();
        assertEquals(202, response.getNow(null).status());
        assertEquals(0, b.awaitingErrors());
    }

    @Test
    void anXmppErrorAfterThe202ReachesTheSipSenderAsAMessageFromThePartner() throws Exception {
        MessageBridge b = bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(30));
        assertEquals(202, b.fromSip(sipMessage("sip:romeo@a.test", "sip:juliet@b.test")).toCompletableFuture().get(10, TimeUnit.SECONDS).status());
        Message sent = (Message) toXmpp.get(0);
        Message error = new Message();
        error.setType(Message.Type.error);
        error.setID(sent.getID());
        error.setFrom(new JID("juliet@b.test"));
        error.setTo(sent.getFrom());
        error.setError(StanzaCondition.RECIPIENT_UNAVAILABLE.toPacketError("offline", null));
        b.fromXmpp(error);
        assertEquals(1, toSip.size());
        SipMessage notice = toSip.get(0);
        assertEquals("sip:romeo@a.test", notice.requestUri().toString());
        assertEquals("sip:juliet@b.test", notice.from().toString());
        assertEquals("bridge.sip.late-error recipient-unavailable: offline", new String(notice.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "XEP-0184: the phone answers {0} -> receipt {1}")
    @CsvSource({"200, true", "202, false"})
    void xep0184ReceiptWhenTheSipAgentItselfAccepted(int status, boolean receipt) {
        frontEndAnswer = new SipStatus(status, "OK");
        Message m = chat("juliet@b.test/x", "romeo@a.test", "hello");
        m.getElement().addElement(org.dom4j.QName.get("request", "urn:xmpp:receipts"));
        bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1)).fromXmpp(m);
        assertEquals(1, toSip.size());
        if (receipt) {
            Message r = (Message) toXmpp.get(0);
            assertEquals("m1", r.getElement().element(org.dom4j.QName.get("received", "urn:xmpp:receipts")).attributeValue("id"));
            assertEquals(new JID("juliet@b.test/x"), r.getTo());
        } else {
            assertTrue(toXmpp.isEmpty(), "a relay's 202 says nothing of delivery: " + toXmpp);
        }
    }

    @Test
    void aSipUserWhoseAgentSentCpimGetsCpimWithImdnRequests() throws Exception {
        MessageBridge b = bridge(EnforcementMode.ENFORCE, Duration.ofSeconds(1));
        byte[] cpim = ("From: <sip:romeo@a.test>\r\nTo: <sip:juliet@b.test>\r\nNS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: L1\r\n"
                + "imdn.Disposition-Notification: positive-delivery, display\r\n\r\nContent-Type: text/plain\r\n\r\nhi").getBytes(StandardCharsets.UTF_8);
        b.fromSip(new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "c1", null, null, "message/cpim", cpim))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Message in = (Message) toXmpp.get(0);
        assertTrue(in.getID().startsWith("sds-"), "the IMDN request rides in the stanza id: " + in.getID());
        Message m = chat("juliet@b.test/x", "romeo@a.test", "hello");
        m.getElement().addElement(org.dom4j.QName.get("markable", "urn:xmpp:chat-markers:0"));
        b.fromXmpp(m);
        assertEquals("message/cpim", toSip.get(0).contentType());
        assertTrue(new String(toSip.get(0).body(), StandardCharsets.UTF_8).contains("imdn.Disposition-Notification: positive-delivery, display"));
    }
}
