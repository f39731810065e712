package org.federationgateway.enforce;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.Refusal;
import org.federationgateway.policy.Action;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
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
 * server: turns a packet into facts, asks the evaluator, records refusals, and says what to do. The
 * Openfire adapter carries the outcome out.
 */
public final class StanzaEnforcer {
    private final Supplier<PolicySnapshot> snapshot;
    private final PolicyEvaluator evaluator;
    private final RosterView roster;
    private final Audit audit;
    private final Texts texts;
    private final Clock clock;

    public StanzaEnforcer(Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, RosterView roster, Audit audit, Texts texts, Clock clock) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A stanza from a remote server to this one. {@code localUser} is the addressed Openfire username, or
     * null when the stanza is for the server or a component.
     */
    public Outcome inbound(Packet packet, String localUser) {
        JID from = packet.getFrom();
        StanzaKind kind = StanzaKinds.of(packet);
        String remoteBare = from.toBareJID();
        // The roster matters only for PublicUnverified partners; other stanzas skip the lookup.
        Partner partner = snapshot.get().partnerFor(from.getDomain());
        boolean knows = localUser != null && needsRoster(kind) && partner != null
                && partner.type() == PartnerType.PUBLIC_UNVERIFIED && roster.localKnowsRemote(localUser, remoteBare);
        StanzaFacts facts = new StanzaFacts(Direction.INBOUND, from.getDomain(),
                localUser == null ? LocalParty.SERVER : LocalParty.USER, localUser == null ? "" : localUser, kind, knows);
        return decide(packet, facts, localUser == null ? "-" : packet.getTo().toBareJID());
    }

    /** A stanza a local user sends to a remote domain, seen before any server-to-server connection is made. */
    public Outcome outbound(Packet packet, String localUser) {
        StanzaFacts facts = new StanzaFacts(Direction.OUTBOUND, packet.getTo().getDomain(), LocalParty.USER, localUser,
                StanzaKinds.of(packet), true);
        return decide(packet, facts, packet.getFrom() == null ? localUser : packet.getFrom().toBareJID());
    }

    /** Refusals decided elsewhere (session rules, limits) recorded the same way, with the same error reply. */
    public Outcome refuse(Packet packet, Direction direction, String remoteDomain, String localParty, ReasonCode reason) {
        PolicySnapshot s = snapshot.get();
        Action action = Action.of(Decision.deny(reason), s.settings().mode());
        record(s, direction, remoteDomain, localParty, StanzaKinds.of(packet).code(), reason, action);
        return refusal(packet, remoteDomain, reason, action);
    }

    private Outcome decide(Packet packet, StanzaFacts facts, String localParty) {
        PolicySnapshot s = snapshot.get();
        Decision decision = evaluator.evaluate(s, facts);
        Action action = Action.of(decision, s.settings().mode());
        if (decision.allowed()) {
            return action == Action.STRIP_STATUS ? Outcome.STRIP_STATUS : Outcome.PASS;
        }
        record(s, facts.direction(), facts.remoteDomain(), localParty, facts.kind().code(), decision.reason(), action);
        return refusal(packet, facts.remoteDomain(), decision.reason(), action);
    }

    private Outcome refusal(Packet packet, String remoteDomain, ReasonCode reason, Action action) {
        if (action != Action.REFUSE) {
            return new Outcome(action, reason, Optional.empty());
        }
        PacketError.Condition condition = PacketError.Condition.fromXMPP(reason.stanzaCondition());
        Optional<Packet> reply = StanzaErrors.replyTo(packet, condition, texts.reason(reason.messageKey(), remoteDomain), texts.lang());
        return new Outcome(action, reason, reply);
    }

    private void record(PolicySnapshot s, Direction direction, String remoteDomain, String localParty, String what,
                        ReasonCode reason, Action action) {
        Partner partner = s.partnerFor(remoteDomain);
        String partnerName = partner == null ? remoteDomain : partner.primaryDomain().value();
        audit.refused(new Refusal(clock.instant(), direction.code(), partnerName, localParty == null || localParty.isEmpty() ? "-" : localParty,
                what, reason.code(), action == Action.REFUSE));
    }

    private static boolean needsRoster(StanzaKind kind) {
        return kind == StanzaKind.MESSAGE || kind == StanzaKind.SUBSCRIBE;
    }

    /** Removes the status text a public partner must not see (Lync §2.2); the packet is this recipient's copy. */
    public static void stripStatus(Packet packet) {
        if (packet instanceof Presence p && p.getElement().element("status") != null) {
            new java.util.ArrayList<>(p.getElement().elements("status")).forEach(p.getElement()::remove);
        }
    }
}
