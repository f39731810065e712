package org.federationgateway.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.audit.Audit;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Action;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** The adapter's decision path with real tinder packets: what is refused, what the sender is told, what is logged. */
class StanzaEnforcerTest {
    private static final Set<String> ROSTER = Set.of("alice|carol@pub.test");
    private final AtomicReference<PolicySnapshot> snapshot = new AtomicReference<>(snapshot(EnforcementMode.ENFORCE));
    private final Audit audit = new Audit(10);
    /** Every lookup of a user's groups, to show they are gathered only when they can change the decision. */
    private final java.util.List<String> groupLookups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final StanzaEnforcer enforcer = new StanzaEnforcer(snapshot::get, new PolicyEvaluator(),
            user -> {
                groupLookups.add(user);
                return "bob".equals(user) ? java.util.List.of("Sales") : java.util.List.of();
            },
            (user, remote) -> ROSTER.contains(user + "|" + remote), audit,
            (key, args) -> key + " " + args[0], Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));

    private static PolicySnapshot snapshot(EnforcementMode mode) {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(d.connectionLimit(), d.partnerConnectionLimit(), d.keepAliveInterval(),
                d.streamEstablishmentTimeout(), d.streamInactivityTimeout(), d.subscriptionRefresh(), false, mode);
        return new PolicySnapshot(
                List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED),
                        Partner.withDefaults(Domain.parse("pub.test"))),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), settings, false);
    }

    private static Message message(String from, String to) {
        Message m = new Message();
        m.setFrom(new JID(from));
        m.setTo(new JID(to));
        m.setID("id1");
        m.setBody("hi");
        return m;
    }

    @Test
    void lyncExternalAccessPolicy_groupMembershipIsAFactGatheredBeforeTheDecisionOnlyWhenItCanMatter() {
        enforcer.inbound(message("juliet@b.test/x", "alice@a.test"), "alice");
        assertEquals(List.of(), groupLookups, "no group assignment: nobody's groups are looked up");

        PolicySnapshot base = snapshot.get();
        snapshot.set(new PolicySnapshot(base.partners(), List.of(new AccessPolicy("global", "", true, false, false, false),
                new AccessPolicy("closed", "", false, false, false, false)),
                List.of(new org.federationgateway.policy.Assignment(org.federationgateway.policy.AssignmentKind.GROUP, "Sales", "closed"),
                        new org.federationgateway.policy.Assignment(org.federationgateway.policy.AssignmentKind.USER, "carol", "global")),
                base.settings(), false));
        Judgement bob = enforcer.inbound(message("juliet@b.test/x", "bob@a.test"), "bob");
        assertEquals(ReasonCode.XMPP_ACCESS_DISABLED, bob.reason(), "bob's group Sales has a policy without XMPP access");
        assertEquals(Action.PASS, enforcer.inbound(message("juliet@b.test/x", "carol@a.test"), "carol").action());
        assertEquals(List.of("bob"), groupLookups, "carol is assigned directly: her groups cannot matter and are not asked");
    }

    @Test
    void aMessageFromANonPartnerIsRefusedAndTheSenderIsToldWhy() {
        Judgement o = enforcer.inbound(message("mallory@evil.test/x", "alice@a.test"), "alice");
        assertEquals(Action.REFUSE, o.action());
        assertEquals(ReasonCode.NOT_A_PARTNER, o.reason());
        Packet reply = o.errorReply().orElseThrow();
        assertEquals(new JID("mallory@evil.test/x"), reply.getTo());
        assertEquals(PacketError.Condition.forbidden, reply.getError().getCondition());
        assertEquals("policy.reason.not-a-partner evil.test", reply.getError().getText());
        assertEquals("not-a-partner", audit.latestRefusals().get(0).reason());
        assertEquals("evil.test", audit.latestRefusals().get(0).partner());
        assertTrue(audit.latestRefusals().get(0).enforced());
    }

    @Test
    void aPartnerMessagePasses() {
        assertEquals(Judgement.PASS, enforcer.inbound(message("bob@b.test/x", "alice@a.test"), "alice"));
        assertTrue(audit.latestRefusals().isEmpty());
    }

    @Test
    void publicUnverifiedUsersReachOnlyThoseWhoAddedThem() {
        Judgement toStranger = enforcer.inbound(message("dave@pub.test/x", "alice@a.test"), "alice");
        assertEquals(ReasonCode.PUBLIC_UNVERIFIED_NOT_IN_ROSTER, toStranger.reason());
        assertEquals(PacketError.Condition.not_authorized, toStranger.errorReply().orElseThrow().getError().getCondition());
        assertEquals(Judgement.PASS, enforcer.inbound(message("carol@pub.test/x", "alice@a.test"), "alice"));
    }

    @Test
    void serverAddressedStanzasFromPartnersPassAndFromOthersAreRefused() {
        IQ ping = new IQ(IQ.Type.get);
        ping.setFrom(new JID("b.test"));
        ping.setTo(new JID("a.test"));
        assertEquals(Judgement.PASS, enforcer.inbound(ping, null));
        ping.setFrom(new JID("evil.test"));
        assertEquals(Action.REFUSE, enforcer.inbound(ping, null).action());
    }

    @Test
    void errorsFromAnyoneAlwaysReachTheLocalUser() {
        Message error = message("mallory@evil.test", "alice@a.test");
        error.setType(Message.Type.error);
        assertEquals(Judgement.PASS, enforcer.inbound(error, "alice"));
    }

    @Test
    void aLocalUsersStanzaToANonPartnerIsRefusedBeforeItLeaves() {
        Judgement o = enforcer.outbound(message("alice@a.test/phone", "bob@evil.test"), "alice");
        assertEquals(Action.REFUSE, o.action());
        assertEquals(new JID("alice@a.test/phone"), o.errorReply().orElseThrow().getTo());
        assertEquals("outbound", audit.latestRefusals().get(0).direction());
    }

    @Test
    void publicPartnersNeverSeeStatusText() {
        Presence p = new Presence();
        p.setFrom(new JID("alice@a.test/phone"));
        p.setTo(new JID("carol@pub.test"));
        p.setStatus("in a meeting about the merger");
        Judgement o = enforcer.outbound(p, "alice");
        assertEquals(Judgement.STRIP_STATUS, o);
        StanzaEnforcer.stripStatus(p);
        assertNull(p.getStatus());
        Presence toFederated = new Presence();
        toFederated.setFrom(new JID("alice@a.test/phone"));
        toFederated.setTo(new JID("bob@b.test"));
        assertEquals(Judgement.PASS, enforcer.outbound(toFederated, "alice"));
    }

    @Test
    void observeModeRecordsButRefusesNothing() {
        snapshot.set(snapshot(EnforcementMode.OBSERVE));
        Judgement o = enforcer.inbound(message("mallory@evil.test/x", "alice@a.test"), "alice");
        assertEquals(Action.RECORD_ONLY, o.action());
        assertTrue(o.errorReply().isEmpty());
        assertFalse(audit.latestRefusals().get(0).enforced());
    }
}
