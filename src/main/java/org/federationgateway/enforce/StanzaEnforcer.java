package org.federationgateway.enforce;

import org.federationgateway.i18n.Messages;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.policy.LocalParty;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;
import org.federationgateway.policy.StanzaFacts;
import org.federationgateway.policy.StanzaKind;
import org.federationgateway.xmpp.StanzaErrors;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Applies the federation policy to stanzas crossing the server's boundary, with real XMPP packets but no
 * server: turns a packet into facts (roster and groups gathered first), asks the {@link PolicyGate}, and adds
 * the error reply a refusal sends. The Openfire adapter carries the judgement out.
 */
public final class StanzaEnforcer {
    private final PolicyGate gate;
    private final GroupMembership groups;
    private final RosterView roster;
    private final Messages texts;

    public StanzaEnforcer(Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, GroupMembership groups, RosterView roster, Audit audit,
                          Messages texts, Clock clock) {
        this.gate = new PolicyGate(snapshot, evaluator, audit, clock);
        this.groups = Objects.requireNonNull(groups, "groups");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /**
     * A stanza from a remote server to this one. {@code localUser} is the addressed Openfire username, or
     * null when the stanza is for the server or a component.
     */
    public Judgement inbound(Packet packet, String localUser) {
        JID from = packet.getFrom();
        StanzaKind kind = StanzaKinds.of(packet);
        String remoteBare = from.toBareJID();
        PolicySnapshot s = gate.snapshot();
        // The roster matters only for PublicUnverified partners; other stanzas skip the lookup.
        Partner partner = s.partnerFor(from.getDomain());
        boolean knows = localUser != null && needsRoster(kind) && partner != null
                && partner.type() == PartnerType.PUBLIC_UNVERIFIED && roster.localKnowsRemote(localUser, remoteBare);
        StanzaFacts facts = localUser == null
                ? new StanzaFacts(Direction.INBOUND, from.getDomain(), LocalParty.SERVER, "", kind, knows)
                : new StanzaFacts(Direction.INBOUND, from.getDomain(), LocalParty.USER, localUser, kind, knows, groupsOf(s, localUser));
        return withErrorReply(packet, gate.judge(facts, Direction.INBOUND.code(), localUser == null ? "-" : packet.getTo().toBareJID()),
                facts.remoteDomain());
    }

    /** A stanza a local user sends to a remote domain, seen before any server-to-server connection is made. */
    public Judgement outbound(Packet packet, String localUser) {
        StanzaFacts facts = new StanzaFacts(Direction.OUTBOUND, packet.getTo().getDomain(), LocalParty.USER, localUser,
                StanzaKinds.of(packet), true, groupsOf(gate.snapshot(), localUser));
        return withErrorReply(packet, gate.judge(facts, Direction.OUTBOUND.code(), packet.getFrom() == null ? localUser : packet.getFrom().toBareJID()),
                facts.remoteDomain());
    }

    /** Refusals decided elsewhere (session rules, limits) recorded the same way, with the same error reply. */
    public Judgement refuse(Packet packet, Direction direction, String remoteDomain, String localParty, ReasonCode reason) {
        return withErrorReply(packet, gate.refuse(reason, direction, remoteDomain, localParty, StanzaKinds.of(packet).code()), remoteDomain);
    }

    /** The user's groups, gathered as a fact before the decision and only when they can change it. */
    private java.util.Collection<String> groupsOf(PolicySnapshot s, String localUser) {
        return s.groupsMatterFor(localUser) ? groups.groupsOf(localUser) : java.util.List.of();
    }

    private Judgement withErrorReply(Packet packet, Judgement judgement, String remoteDomain) {
        if (!judgement.refused()) {
            return judgement;
        }
        ReasonCode reason = judgement.reason();
        PacketError.Condition condition = PacketError.Condition.fromXMPP(reason.stanzaCondition());
        Optional<Packet> reply = StanzaErrors.replyTo(packet, condition, texts.get(reason.messageKey(), remoteDomain), texts.lang());
        return new Judgement(judgement.action(), reason, reply);
    }

    private static boolean needsRoster(StanzaKind kind) {
        return kind == StanzaKind.MESSAGE || kind == StanzaKind.SUBSCRIBE;
    }

    /** Removes the status text a public partner must not see (Lync's PartnerType rules); the packet is this recipient's copy. */
    public static void stripStatus(Packet packet) {
        if (packet instanceof Presence p && p.getElement().element("status") != null) {
            new java.util.ArrayList<>(p.getElement().elements("status")).forEach(p.getElement()::remove);
        }
    }
}
