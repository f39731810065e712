package org.federationgateway.openfire;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.Refusal;
import org.federationgateway.cluster.ClusterLimits;
import org.federationgateway.cluster.NodeSession;
import org.federationgateway.enforce.SessionSweep;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.status.LiveSession;
import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.session.ServerSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.xmpp.packet.IQ;
import org.federationgateway.lifecycle.NodeLog;

/**
 * Runs the session sweep over Openfire's live server-to-server sessions: closes sessions of non-partners
 * (including inbound SASL EXTERNAL ones, which Openfire's allow-list never checks), sessions breaking their
 * partner's rules, timed-out and idle ones, and those over a connection limit. On a cluster the limits count the
 * sessions of every node; each node pings, times out and closes only the sessions it holds.
 */
final class SessionGuard implements Runnable {
    private static final Logger LOG = NodeLog.getLogger(SessionGuard.class);

    private final Supplier<PolicySnapshot> snapshot;
    private final SessionSweep sweep;
    private final SessionChecks checks;
    private final Audit audit;
    private final Clock clock;
    private final PacketRouter router;
    private final String localDomain;
    private final Cluster cluster;

    /** The other nodes of the cluster as the sweep needs them; a single server has none. */
    interface Cluster {
        Cluster NONE = new Cluster() {
            @Override
            public String node() {
                return SessionSweep.LOCAL;
            }

            @Override
            public List<ClusterLimits.Counted> countedElsewhere() {
                return List.of();
            }

            @Override
            public void held(List<NodeSession> sessions) {
            }
        };

        /** This node's cluster identifier. */
        String node();

        /** The sessions the other nodes hold that count against the limits. */
        List<ClusterLimits.Counted> countedElsewhere();

        /** This node's sessions after its sweep, for the other nodes and the status page. */
        void held(List<NodeSession> sessions);
    }

    SessionGuard(Supplier<PolicySnapshot> snapshot, SessionSweep sweep, SessionChecks checks, Audit audit, Clock clock,
                 PacketRouter router, String localDomain, Cluster cluster) {
        this.snapshot = snapshot;
        this.sweep = sweep;
        this.checks = checks;
        this.audit = audit;
        this.clock = clock;
        this.router = router;
        this.localDomain = localDomain;
        this.cluster = cluster;
    }

    @Override
    public void run() {
        try {
            sweepOnce();
        } catch (RuntimeException | LinkageError e) {
            // A scheduled task that throws is never run again: keep sweeping, and say why this round failed
            // (a LinkageError means an Openfire member the plugin needs is missing on this version).
            LOG.error("Federation Gateway: session sweep failed: {}", e.toString(), e);
        }
    }

    void sweepOnce() {
        List<SessionSweep.Live> live = new ArrayList<>();
        Map<String, ServerSession> byId = new HashMap<>();
        Map<String, LiveSession> shown = new LinkedHashMap<>();
        ServerSessions.forEachOpen((session, direction, domain) -> {
            add(live, byId, session, direction, domain);
            shown.put(SessionChecks.key(direction, session), OpenfireSessions.live(session, direction, domain));
        });
        Set<String> ids = new HashSet<>(byId.keySet());
        checks.retainOnly(ids);
        PolicySnapshot current = snapshot.get();
        boolean enforce = current.settings().mode() == EnforcementMode.ENFORCE;
        live.removeIf(l -> checks.isClosing(l.id()));
        String node = cluster.node();
        SessionSweep.Plan plan = sweep.plan(current, node, live, cluster.countedElsewhere(), clock.instant());
        List<NodeSession> held = new ArrayList<>();
        for (SessionSweep.Live l : live) {
            held.add(new NodeSession(node, l.id(), shown.get(l.id()), plan.counted().contains(l.id())));
        }
        cluster.held(held);
        for (SessionSweep.Closure c : plan.closures()) {
            String domain = c.session().facts().remoteDomain();
            Partner partner = current.partnerFor(domain);
            audit.refused(new Refusal(clock.instant(), "session-" + c.session().facts().direction().code(),
                    partner == null ? domain : partner.primaryDomain().value(), "-", "session", c.reason().code(), enforce));
            if (enforce) {
                checks.close(byId.get(c.session().id()), c.session().facts().direction(), c.reason(), domain);
            }
        }
        for (String domain : sweep.pingsDue(current, live, clock.instant())) {
            ping(domain);
        }
    }

    /** XEP-0199 server-to-server ping; the result needs no handling, the traffic is the point. */
    private void ping(String domain) {
        IQ ping = new IQ(IQ.Type.get);
        ping.setFrom(localDomain);
        ping.setTo(domain);
        ping.setChildElement("ping", "urn:xmpp:ping");
        LOG.debug("Federation Gateway: keep-alive ping to {}", domain);
        router.route(ping);
    }

    private static void add(List<SessionSweep.Live> live, Map<String, ServerSession> byId, ServerSession s, Direction direction, String domain) {
        String id = SessionChecks.key(direction, s);
        byId.put(id, s);
        Instant created = s.getCreationDate() == null ? Instant.EPOCH : s.getCreationDate().toInstant();
        Instant lastActive = s.getLastActiveDate() == null ? created : s.getLastActiveDate().toInstant();
        live.add(new SessionSweep.Live(id, SessionFactsReader.read(s, direction, domain.toLowerCase(Locale.ROOT)),
                s.getStatus() == Session.Status.AUTHENTICATED || s.getAuthenticationMethod() != null, created, lastActive));
    }
}
