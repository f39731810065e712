package org.federationgateway.openfire;

import java.util.Locale;

import org.federationgateway.enforce.Judgement;
import org.federationgateway.enforce.StanzaEnforcer;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.ReasonCode;
import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.OutgoingServerSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Where Openfire shows the plugin every stanza (InterceptorManager): stanzas read from
 * remote servers (session null), stanzas local users send to remote domains (before any S2S connection is
 * opened), and stanzas about to leave over an outgoing S2S session. Decisions come from the enforcer;
 * this class only carries them out.
 */
final class FederationInterceptor implements PacketInterceptor {
    private static final Logger LOG = NodeLog.getLogger(FederationInterceptor.class);

    /** Openfire's two booleans, named. */
    enum Path { FROM_REMOTE_SERVER, RELAY_BETWEEN_REMOTES, FROM_LOCAL_USER_TO_REMOTE, LEAVING_OVER_S2S, NOT_FEDERATED }

    private final LocalDomains domains;
    private final StanzaEnforcer enforcer;
    private final SessionChecks sessions;
    private final PacketRouter router;
    private final BridgeRoute bridge;

    FederationInterceptor(LocalDomains domains, StanzaEnforcer enforcer, SessionChecks sessions, PacketRouter router, BridgeRoute bridge) {
        this.domains = domains;
        this.enforcer = enforcer;
        this.sessions = sessions;
        this.router = router;
        this.bridge = bridge;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) throws PacketRejectedException {
        if (processed) {
            return; // rejecting after processing has no effect
        }
        // Most calls are decided by the session alone (a delivery to a local client, a stanza from a component), before
        // any address is read: each Packet.getFrom()/getTo() reads the attribute and rebuilds the JID's text to compare.
        if (incoming ? session != null && !(session instanceof ClientSession) : !(session instanceof OutgoingServerSession)) {
            return;
        }
        JID to = packet.getTo();
        JID from = incoming && session != null ? null : packet.getFrom(); // a local client's own address is its session's
        switch (path(from, to, session, incoming)) {
            case FROM_REMOTE_SERVER -> fromRemoteServer(packet, from, to);
            case RELAY_BETWEEN_REMOTES -> relay(packet, from, to);
            case FROM_LOCAL_USER_TO_REMOTE -> fromLocalUser(packet, (ClientSession) session);
            case LEAVING_OVER_S2S -> leaving(packet, (OutgoingServerSession) session, from, to);
            case NOT_FEDERATED -> { }
        }
    }

    Path path(Packet packet, Session session, boolean incoming) {
        return path(packet.getFrom(), packet.getTo(), session, incoming);
    }

    private Path path(JID from, JID to, Session session, boolean incoming) {
        if (incoming && session == null) {
            if (from == null || domains.isLocal(from.getDomain()) || to == null) {
                return Path.NOT_FEDERATED;
            }
            return domains.isLocal(to.getDomain()) ? Path.FROM_REMOTE_SERVER : Path.RELAY_BETWEEN_REMOTES;
        }
        if (incoming && session instanceof ClientSession) {
            return to != null && !domains.isLocal(to.getDomain()) ? Path.FROM_LOCAL_USER_TO_REMOTE : Path.NOT_FEDERATED;
        }
        if (!incoming && session instanceof OutgoingServerSession && to != null) {
            return Path.LEAVING_OVER_S2S;
        }
        return Path.NOT_FEDERATED;
    }

    private void fromRemoteServer(Packet packet, JID from, JID to) throws PacketRejectedException {
        String remote = from.getDomain().toLowerCase(Locale.ROOT);
        String localUser = domains.isUserDomain(to.getDomain()) && to.getNode() != null ? to.getNode() : null;
        ReasonCode broken = sessions.enforceOnInbound(remote);
        if (broken != null) {
            // The stream error already told that server why; no connection the policy forbids is opened to bounce it.
            carryOut(packet, enforcer.refuse(packet, Direction.INBOUND, remote, localUser == null ? "-" : to.toBareJID(), broken), false);
            return;
        }
        if (bridge.offer(packet)) {
            // The bridge applies the policy of the SIP-homed address and answers the sender itself.
            throw new PacketRejectedException("handed to the SIP bridge");
        }
        carryOut(packet, enforcer.inbound(packet, localUser), true);
    }

    /**
     * A remote server's stanza for another remote domain (a partner writing to another partner through this server):
     * Openfire would open a server-to-server connection and pass it on. Refused in every enforcement mode, since it is
     * no policy question: the server relays nothing between other domains. The sender gets not-allowed.
     */
    private void relay(Packet packet, JID from, JID to) throws PacketRejectedException {
        String remote = from.getDomain().toLowerCase(Locale.ROOT);
        Judgement refused = enforcer.refuse(packet, Direction.INBOUND, remote, to.toBareJID(), ReasonCode.NO_RELAY);
        refused.errorReply().ifPresent(this::route);
        throw new PacketRejectedException("federation gateway: no relay from " + remote + " to " + to.getDomain());
    }

    private void fromLocalUser(Packet packet, ClientSession session) throws PacketRejectedException {
        JID user = session.getAddress();
        if (user == null || user.getNode() == null) {
            return;
        }
        carryOut(packet, enforcer.outbound(packet, user.getNode()), true);
    }

    private void leaving(Packet packet, OutgoingServerSession session, JID from, JID to) throws PacketRejectedException {
        String remote = to.getDomain().toLowerCase(Locale.ROOT);
        ReasonCode broken = sessions.enforceOnOutbound(session, remote);
        if (broken != null) {
            carryOut(packet, enforcer.refuse(packet, Direction.OUTBOUND, remote, bareOrDash(from), broken), true);
            return;
        }
        // Presence broadcasts (to nobody in particular) only meet the policy here, one copy per contact. Presence the
        // SIP bridge sends for a SIP-homed user was judged there, with that user's SIP address policy: judging it
        // again here as an Openfire user of the same name could disagree, so it is judged once, by the bridge.
        if (packet instanceof Presence && from != null && from.getNode() != null && domains.isUserDomain(from.getDomain())
                && !bridge.isSipHomed(from)) {
            carryOut(packet, enforcer.outbound(packet, from.getNode()), true);
        }
    }

    private void carryOut(Packet packet, Judgement judgement, boolean answerSender) throws PacketRejectedException {
        switch (judgement.action()) {
            case PASS, RECORD_ONLY -> { }
            case STRIP_STATUS -> StanzaEnforcer.stripStatus(packet);
            case REFUSE -> {
                // The plugin answers itself: Openfire answers nothing for stanzas from servers, and for local users
                // it would echo the original type with the error attached, not a type='error' reply (RFC 6120 §8.3).
                if (answerSender) {
                    judgement.errorReply().ifPresent(this::route);
                }
                throw new PacketRejectedException("federation policy: " + judgement.reason().code());
            }
        }
    }

    private void route(Packet reply) {
        try {
            router.route(reply);
        } catch (RuntimeException e) {
            LOG.warn("Federation Gateway: could not send the refusal to {}: {}", reply.getTo(), e.toString());
        }
    }

    private static String bareOrDash(JID jid) {
        return jid == null || jid.getNode() == null ? "-" : jid.toBareJID();
    }
}
