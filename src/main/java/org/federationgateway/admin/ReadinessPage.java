package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
        if (report == null) {
            return PageResult.render(ReadinessView.NOT_RUN);
        }
        List<ReadinessView.Area> areas = new ArrayList<>();
        for (String area : Finding.AREAS) {
            areas.add(new ReadinessView.Area(area, report.in(area).stream().map(f -> new ReadinessView.FindingLine(
                    f.verdict().code(), f.subject(), messages.get(f.key(), f.args().toArray()))).toList()));
        }
        return PageResult.render(new ReadinessView(true, TIME.format(report.at()), report.worst().code(), areas));
    }
}
