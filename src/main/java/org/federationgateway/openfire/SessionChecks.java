package org.federationgateway.openfire;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.federationgateway.i18n.Messages;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.session.IncomingServerSession;
import org.jivesoftware.openfire.session.ServerSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.StreamError;

/**
 * Judges the server-to-server sessions of a domain against its partner's rules and closes those that
 * break them with a stream error. Decisions are remembered per stream until the policy changes, so a
 * busy session is judged once. While clustered, Openfire lists the other nodes' sessions too: only the sessions this
 * node holds are judged and closed here (asking another node's session for its facts is a cluster call, and closing
 * it is that node's part, which its own checks and sweep do).
 */
final class SessionChecks {
    private static final Logger LOG = NodeLog.getLogger(SessionChecks.class);

    private final Supplier<PolicySnapshot> snapshot;
    private final PolicyEvaluator evaluator;
    private final Messages texts;
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    /** Streams already closed by the plugin: Openfire may list them a little longer, they are not closed twice. */
    private final Set<String> closing = ConcurrentHashMap.newKeySet();
    private volatile PolicySnapshot judgedWith;
    /** The inbound sessions Openfire lists for a domain, on every node of a cluster. */
    private final Function<String, ? extends Collection<? extends IncomingServerSession>> listedInbound;
    /** Whether this node holds a session. */
    private final Predicate<Session> heldHere;

    SessionChecks(Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, Messages texts) {
        this(snapshot, evaluator, texts, domain -> SessionManager.getInstance().getIncomingServerSessions(domain), ServerSessions::heldHere);
    }

    SessionChecks(Supplier<PolicySnapshot> snapshot, PolicyEvaluator evaluator, Messages texts,
                  Function<String, ? extends Collection<? extends IncomingServerSession>> listedInbound, Predicate<Session> heldHere) {
        this.snapshot = snapshot;
        this.evaluator = evaluator;
        this.texts = texts;
        this.listedInbound = listedInbound;
        this.heldHere = heldHere;
    }

    /**
     * Judges the inbound sessions of {@code domain} this node holds and, in enforce mode, closes those that break the
     * rules: this acts, it does not only check. A stanza from a remote server meets the interceptor on the node whose
     * session read it, so the other nodes' sessions are not its way in.
     *
     * @return the reason if any session of that domain held here broke the rules (the stanza may have come over it), else null
     */
    ReasonCode enforceOnInbound(String domain) {
        PolicySnapshot current = current();
        ReasonCode broken = null;
        for (IncomingServerSession session : listedInbound.apply(domain)) {
            if (!heldHere.test(session)) {
                continue; // another node's: judged and closed there
            }
            ReasonCode reason = judge(current, session, Direction.INBOUND, domain);
            if (reason != null) {
                broken = reason;
            }
        }
        return broken;
    }

    /** Judges one outbound session and, in enforce mode, closes it if it breaks the rules; returns why, else null. */
    ReasonCode enforceOnOutbound(ServerSession session, String domain) {
        if (!heldHere.test(session)) {
            return null;
        }
        return judge(current(), session, Direction.OUTBOUND, domain);
    }

    private ReasonCode judge(PolicySnapshot current, ServerSession session, Direction direction, String domain) {
        String id = key(direction, session);
        Decision cached = decisions.get(id);
        if (cached != null) {
            return cached.reason();
        }
        if (session.getAuthenticationMethod() == null) {
            return null; // not authenticated yet: judged on its first stanza after authentication
        }
        Decision d = evaluator.evaluate(current, SessionFactsReader.read(session, direction, domain));
        decisions.put(id, d);
        if (!d.allowed() && current.settings().mode() == EnforcementMode.ENFORCE) {
            close(session, direction, d.reason(), domain);
        }
        return d.reason();
    }

    /** Forgets decisions and closures of streams that no longer exist. */
    void retainOnly(Set<String> liveIds) {
        decisions.keySet().retainAll(liveIds);
        closing.retainAll(liveIds);
    }

    /** True once the plugin has closed this stream. */
    boolean isClosing(String id) {
        return closing.contains(id);
    }

    static String key(Direction direction, ServerSession session) {
        return direction.code() + ":" + session.getStreamID().getID();
    }

    /**
     * Closes the stream with the reason's stream error; its text tells the remote administrator why. Only a session
     * this node holds is closed: another node's is left to that node.
     */
    void close(ServerSession session, Direction direction, ReasonCode reason, String domain) {
        if (!heldHere.test(session)) {
            LOG.debug("Federation Gateway: not closing server session with {} ({}): held by another cluster node", domain, session.getStreamID().getID());
            return;
        }
        if (!closing.add(key(direction, session))) {
            return;
        }
        LOG.info("Federation Gateway: closing server session with {} ({}): {}", domain, session.getStreamID().getID(), reason.code());
        String text = texts.get(reason.messageKey(), domain) + " (" + reason.code() + ")";
        StreamError.Condition condition = StreamError.Condition.fromXMPP(reason.streamCondition());
        VersionBridge.close(session, texts.lang() == null ? new StreamError(condition, text) : new StreamError(condition, text, texts.lang()));
    }

    private PolicySnapshot current() {
        PolicySnapshot s = snapshot.get();
        if (s != judgedWith) {
            decisions.clear();
            judgedWith = s;
        }
        return s;
    }
}
