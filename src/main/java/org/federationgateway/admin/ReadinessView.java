package org.federationgateway.admin;

import java.util.List;

/**
 * The latest readiness run.
 *
 * @param ran   whether the checks have run since the plugin started; when not, the other fields are null
 * @param at    when they ran
 * @param worst the worst verdict of all lines
 * @param areas the lines by area (certificates, ports, DNS, partners), in that order
 */
public record ReadinessView(boolean ran, String at, String worst, List<Area> areas) implements ViewModel {
    public static final ReadinessView NOT_RUN = new ReadinessView(false, null, null, null);

    public ReadinessView {
        if (ran) {
            Views.texts("at", at, "worst", worst);
            areas = Views.list(areas, "areas");
        } else if (at != null || worst != null || areas != null) {
            throw new IllegalArgumentException("checks that have not run have no time, verdict or lines");
        }
    }

    public record Area(String area, List<FindingLine> rows) {
        public Area {
            Views.text(area, "area");
            rows = Views.list(rows, "rows");
        }
    }

    /** One check's verdict (a code), what it checked, and the plain-language text. */
    public record FindingLine(String verdict, String subject, String text) {
        public FindingLine {
            Views.texts("verdict", verdict, "subject", subject, "text", text);
        }
    }
}
