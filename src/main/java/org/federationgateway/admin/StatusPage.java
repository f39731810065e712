package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.audit.Audit;
import org.federationgateway.audit.Refusal;
import org.federationgateway.cluster.ClusterStatus;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.History;
import org.federationgateway.status.Metrics;
import org.federationgateway.status.Sparkline;
import org.federationgateway.status.LiveSession;
import org.federationgateway.status.PartnerSessions;

/**
 * The live status page: which parts run, the federation sessions per partner against their limits, the SIP
 * front end, counters per partner and event, and the latest refusals. On a cluster, every node with its parts and
 * SIP endpoint, every node's sessions with the node holding each, and the counters summed over the nodes with each
 * node's share. The view reloads itself.
 */
public final class StatusPage implements PageController {
    /** How often the view reloads itself. */
    public static final int REFRESH_SECONDS = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Where the live figures come from; in Openfire, its session manager and the plugin's own parts. */
    public record Sources(Supplier<List<PartStatus>> parts, Supplier<List<LiveSession>> sessions, Supplier<FrontEndView> frontEnd,
                          Supplier<PolicySnapshot> policy, Audit audit, Supplier<Optional<ClusterStatus>> cluster) {
        /** A server that is not clustered. */
        public Sources(Supplier<List<PartStatus>> parts, Supplier<List<LiveSession>> sessions, Supplier<FrontEndView> frontEnd,
                       Supplier<PolicySnapshot> policy, Audit audit) {
            this(parts, sessions, frontEnd, policy, audit, Optional::empty);
        }

        public Sources {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(parts, "parts");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(frontEnd, "frontEnd");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(audit, "audit");
        }
    }

    private final String version;
    private final Sources sources;
    private final Messages messages;
    private final History history;

    public StatusPage(String version, Sources sources, Messages messages) {
        this(version, sources, History.none(), messages);
    }

    /** @param history the last hour of the charted figures */
    public StatusPage(String version, Sources sources, History history, Messages messages) {
        this.version = Objects.requireNonNull(version, "version");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.history = Objects.requireNonNull(history, "history");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** One small chart per charted figure: the last hour, drawn as inline SVG. */
    private List<StatusView.Chart> charts() {
        List<StatusView.Chart> charts = new java.util.ArrayList<>();
        for (Metrics.Metric m : history.charted()) {
            List<History.Point> points = history.points(m.key());
            String max = Sparkline.max(points);
            charts.add(new StatusView.Chart(m.key(), messages.get("stats." + m.label() + ".chart"), Sparkline.svg(points, History.POINTS),
                    max.isEmpty() ? messages.get("stats.noData") : messages.get("stats.max", max, messages.get("stats." + m.label() + ".units"))));
        }
        return charts;
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        // On a cluster: every node's sessions and counters; on a single server, its own, exactly as before.
        Optional<ClusterStatus> cluster = sources.cluster().get();
        List<LiveSession> sessions = cluster.map(ClusterStatus::liveSessions).orElseGet(sources.sessions());
        return PageResult.render(new StatusView(cluster.isPresent(), cluster.orElse(null), version, charts(), REFRESH_SECONDS,
                sources.parts().get().stream().map(StatusPage::part).toList(),
                frontEnd(sources.frontEnd().get()),
                PartnerSessions.of(sessions, sources.policy().get()).stream().map(StatusPage::partner).toList(),
                cluster.map(c -> c.sessions().stream().map(s -> session(s.session(), s.nodeName())).toList())
                        .orElseGet(() -> sessions.stream().map(s -> session(s, "")).toList()),
                cluster.map(c -> c.counters().stream().map(k -> new StatusView.CounterLine(k.partner(), k.event(),
                                eventLabel(k.event(), k.partner()), String.valueOf(k.total()), k.perNode())).toList())
                        .orElseGet(() -> sources.audit().counters().entrySet().stream().map(e -> new StatusView.CounterLine(
                                e.getKey().partner(), e.getKey().event(), eventLabel(e.getKey().event(), e.getKey().partner()),
                                String.valueOf(e.getValue()), List.of())).toList()),
                sources.audit().latestRefusals().stream().map(this::refusal).toList()));
    }

    private static StatusView.PartLine part(PartStatus p) {
        return new StatusView.PartLine(p.part(), p.state().code(), p.cause() == null ? "" : p.cause());
    }

    private static StatusView.FrontEnd frontEnd(FrontEndView f) {
        return new StatusView.FrontEnd(f.state(), f.target(), time(f.since()), f.detail());
    }

    private static StatusView.PartnerLoad partner(PartnerSessions p) {
        return new StatusView.PartnerLoad(p.partner(), p.isPartner(), p.inbound(), p.outbound(), p.total(), p.limit(), p.atLimit());
    }

    private static StatusView.SessionLine session(LiveSession s, String node) {
        return new StatusView.SessionLine(node, s.remoteDomain(), s.direction().code(), s.authMethod().code(), s.encrypted(),
                s.tlsProtocol(), s.cipherSuite(), s.peerSubject(), time(s.peerNotAfter()), time(s.since()));
    }

    private StatusView.RefusalLine refusal(Refusal r) {
        return new StatusView.RefusalLine(time(r.at()), r.direction(), r.partner(), r.localParty(), r.what(), r.reason(),
                eventLabel(r.reason(), r.partner()), r.enforced());
    }

    /** bridged-in / bridged-out, or the reason's own text as the remote side gets it (every reason has one: PolicyMessagesTest). */
    private String eventLabel(String event, String partner) {
        return messages.get(event.startsWith("bridged-") ? "status.event." + event : "policy.reason." + event, partner);
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
