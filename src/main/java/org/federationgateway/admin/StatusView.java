package org.federationgateway.admin;

import java.util.List;

import org.federationgateway.cluster.ClusterStatus;

/**
 * The live status page. The REST API's {@code status} resource is this record as JSON, so the component names are
 * that resource's field names.
 *
 * @param clustered      whether this server is a cluster node
 * @param cluster        every node, its sessions and counters; null on a single server
 * @param version        the plugin's version
 * @param charts         one small chart per charted figure, the last hour
 * @param refreshSeconds how often the view reloads itself
 * @param parts          which parts of the plugin run
 * @param frontEnd       the SIP front end as the heartbeat last saw it
 * @param partners       federation sessions per partner against their limits
 * @param sessions       every live federation session
 * @param counters       counts per partner and event
 * @param refusals       the latest refusals, newest first
 */
public record StatusView(boolean clustered, ClusterStatus cluster, String version, List<Chart> charts, int refreshSeconds, List<PartLine> parts, FrontEnd frontEnd,
                         List<PartnerLoad> partners, List<SessionLine> sessions, List<CounterLine> counters, List<RefusalLine> refusals)
        implements ViewModel {
    public StatusView {
        if (clustered != (cluster != null)) {
            throw new IllegalArgumentException("a cluster node has its cluster's status, a single server none");
        }
        Views.text(version, "version");
        charts = Views.list(charts, "charts");
        if (refreshSeconds <= 0) {
            throw new IllegalArgumentException("refreshSeconds must be positive: " + refreshSeconds);
        }
        parts = Views.list(parts, "parts");
        java.util.Objects.requireNonNull(frontEnd, "frontEnd");
        partners = Views.list(partners, "partners");
        sessions = Views.list(sessions, "sessions");
        counters = Views.list(counters, "counters");
        refusals = Views.list(refusals, "refusals");
    }

    /** @param svg inline SVG, escaped where it holds text; the view prints it as is */
    public record Chart(String key, String title, String svg, String max) {
        public Chart {
            Views.texts("key", key, "title", title, "svg", svg, "max", max);
        }
    }

    /** @param cause why it failed or is off; empty when it runs */
    public record PartLine(String part, String state, String cause) {
        public PartLine {
            Views.texts("part", part, "state", state, "cause", cause);
        }
    }

    /** @param since when the state began, formatted; empty when unknown */
    public record FrontEnd(String state, String target, String since, String detail) {
        public FrontEnd {
            Views.texts("state", state, "target", target, "since", since, "detail", detail);
        }
    }

    public record PartnerLoad(String partner, boolean isPartner, int inbound, int outbound, int total, int limit, boolean atLimit) {
        public PartnerLoad {
            Views.text(partner, "partner");
        }
    }

    /** @param node the node holding the session, empty on a single server; times formatted, empty when unknown */
    public record SessionLine(String node, String domain, String direction, String auth, boolean encrypted, String tls,
                              String cipher, String peerSubject, String peerNotAfter, String since) {
        public SessionLine {
            Views.texts("node", node, "domain", domain, "direction", direction, "auth", auth, "tls", tls, "cipher", cipher,
                    "peerSubject", peerSubject, "peerNotAfter", peerNotAfter, "since", since);
        }
    }

    /**
     * @param label   the event's text in the admin's language
     * @param count   as the page prints it; on a cluster the sum over the nodes
     * @param perNode on a cluster each node's share; empty on a single server
     */
    public record CounterLine(String partner, String event, String label, String count, List<ClusterStatus.NodeCount> perNode) {
        public CounterLine {
            perNode = Views.list(perNode, "perNode");
            Views.texts("partner", partner, "event", event, "label", label, "count", count);
        }
    }

    /** @param text the reason's text as the remote side gets it; @param enforced false when only recorded (observe mode) */
    public record RefusalLine(String at, String direction, String partner, String local, String what, String reason, String text,
                              boolean enforced) {
        public RefusalLine {
            Views.texts("at", at, "direction", direction, "partner", partner, "local", local, "what", what,
                    "reason", reason, "text", text);
        }
    }
}
