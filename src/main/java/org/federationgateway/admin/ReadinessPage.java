package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.readiness.Finding;
import org.federationgateway.readiness.Readiness;

/**
 * Readiness: Lync's certificate, port and DNS planning tables and a probe of each partner, as live checks with a
 * plain-language verdict per line. The checks touch the network, so they run on a POST and the page shows the
 * latest run.
 */
public final class ReadinessPage implements PageController {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Supplier<Readiness.Report> checks;
    private final Messages messages;
    private final AtomicReference<Readiness.Report> latest = new AtomicReference<>();

    /** @param checks runs every check and returns the report (blocking; bounded by the checks' timeouts) */
    public ReadinessPage(Supplier<Readiness.Report> checks, Messages messages) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            latest.set(checks.get());
            return PageResult.redirect("readiness.jsp");
        }
        Readiness.Report report = latest.get();
        Map<String, Object> model = new HashMap<>();
        model.put("ran", report != null);
        if (report != null) {
            model.put("at", TIME.format(report.at()));
            model.put("worst", report.worst().code());
            List<Map<String, Object>> areas = new ArrayList<>();
            for (String area : Finding.AREAS) {
                List<Map<String, String>> rows = report.in(area).stream().map(f -> Map.of(
                        "verdict", f.verdict().code(), "subject", f.subject(), "text", messages.get(f.key(), f.args().toArray()))).toList();
                areas.add(Map.of("area", area, "rows", rows));
            }
            model.put("areas", areas);
        }
        return PageResult.render(model);
    }
}
