package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private List<Map<String, String>> charts() {
        List<Map<String, String>> charts = new java.util.ArrayList<>();
        for (Metrics.Metric m : history.charted()) {
            List<History.Point> points = history.points(m.key());
            String max = Sparkline.max(points);
            charts.add(Map.of("key", m.key(), "title", messages.get("stats." + m.label() + ".chart"),
                    "svg", Sparkline.svg(points, History.POINTS),
                    "max", max.isEmpty() ? messages.get("stats.noData") : messages.get("stats.max", max, messages.get("stats." + m.label() + ".units"))));
        }
        return charts;
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        // On a cluster: every node's sessions and counters; on a single server, its own, exactly as before.
        Optional<ClusterStatus> cluster = sources.cluster().get();
        List<LiveSession> sessions = cluster.map(ClusterStatus::liveSessions).orElseGet(sources.sessions());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("clustered", cluster.isPresent());
        // A model holds no null (PageResult copies it), so a single server's has no "cluster" entry at all.
        cluster.ifPresent(c -> model.put("cluster", c));
        model.put("version", version);
        model.put("charts", charts());
        model.put("refreshSeconds", REFRESH_SECONDS);
        model.put("parts", sources.parts().get().stream().map(StatusPage::part).toList());
        model.put("frontEnd", frontEnd(sources.frontEnd().get()));
        model.put("partners", PartnerSessions.of(sessions, sources.policy().get()).stream().map(StatusPage::partner).toList());
        model.put("sessions", cluster.map(c -> c.sessions().stream().map(s -> session(s.session(), s.nodeName())).toList())
                .orElseGet(() -> sessions.stream().map(s -> session(s, "")).toList()));
        model.put("counters", cluster.map(c -> c.counters().stream().map(k -> Map.<String, Object>of(
                        "partner", k.partner(), "event", k.event(), "label", eventLabel(k.event(), k.partner()),
                        "count", String.valueOf(k.total()), "perNode", k.perNode())).toList())
                .orElseGet(() -> sources.audit().counters().entrySet().stream().map(e -> Map.<String, Object>of(
                        "partner", e.getKey().partner(), "event", e.getKey().event(), "label", eventLabel(e.getKey().event(), e.getKey().partner()),
                        "count", String.valueOf(e.getValue()))).toList()));
        model.put("refusals", sources.audit().latestRefusals().stream().map(this::refusal).toList());
        return PageResult.render(model);
    }

    // EL cannot read record accessors, so views get plain maps.
    private static Map<String, String> part(PartStatus p) {
        return Map.of("part", p.part(), "state", p.state().code(), "cause", p.cause() == null ? "" : p.cause());
    }

    private static Map<String, String> frontEnd(FrontEndView f) {
        return Map.of("state", f.state(), "target", f.target(), "since", time(f.since()), "detail", f.detail());
    }

    private static Map<String, Object> partner(PartnerSessions p) {
        return Map.of("partner", p.partner(), "isPartner", p.isPartner(), "inbound", p.inbound(), "outbound", p.outbound(),
                "total", p.total(), "limit", p.limit(), "atLimit", p.atLimit());
    }

    private static Map<String, Object> session(LiveSession s, String node) {
        return Map.ofEntries(Map.entry("node", node), Map.entry("domain", s.remoteDomain()), Map.entry("direction", s.direction().code()), Map.entry("auth", s.authMethod().code()),
                Map.entry("encrypted", s.encrypted()), Map.entry("tls", s.tlsProtocol()), Map.entry("cipher", s.cipherSuite()),
                Map.entry("peerSubject", s.peerSubject()), Map.entry("peerNotAfter", time(s.peerNotAfter())), Map.entry("since", time(s.since())));
    }

    private Map<String, Object> refusal(Refusal r) {
        return Map.of("at", time(r.at()), "direction", r.direction(), "partner", r.partner(), "local", r.localParty(), "what", r.what(),
                "reason", r.reason(), "text", eventLabel(r.reason(), r.partner()), "enforced", r.enforced());
    }

    /** bridged-in / bridged-out, or the reason's own text as the remote side gets it (every reason has one: PolicyMessagesTest). */
    private String eventLabel(String event, String partner) {
        return messages.get(event.startsWith("bridged-") ? "status.event." + event : "policy.reason." + event, partner);
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
