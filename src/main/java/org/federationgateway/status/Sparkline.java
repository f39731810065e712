package org.federationgateway.status;

import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG, drawn from numbers only (no text from outside goes into it), so the
 * status page needs no script, font or image from anywhere.
 */
public final class Sparkline {
    public static final int WIDTH = 240;
    public static final int HEIGHT = 40;

    private Sparkline() {
    }

    /** The chart of the last hour's points; gaps (NaN) break the line. Scaled from 0 to the hour's highest value. */
    public static String svg(List<History.Point> points, int slots) {
        double max = points.stream().mapToDouble(History.Point::value).filter(v -> !Double.isNaN(v)).max().orElse(0);
        double top = max <= 0 ? 1 : max;
        StringBuilder paths = new StringBuilder();
        StringBuilder segment = new StringBuilder();
        int offset = slots - points.size();
        for (int i = 0; i < points.size(); i++) {
            double v = points.get(i).value();
            if (Double.isNaN(v)) {
                flush(paths, segment);
                continue;
            }
            double x = slots <= 1 ? WIDTH : (offset + i) * (double) WIDTH / (slots - 1);
            double y = HEIGHT - 2 - v / top * (HEIGHT - 4);
            segment.append(segment.length() == 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(y));
        }
        flush(paths, segment);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\">"
                + "<rect x=\"0\" y=\"0\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" fill=\"#f6f6f6\" stroke=\"#ccc\"/>"
                + paths + "</svg>";
    }

    private static void flush(StringBuilder paths, StringBuilder segment) {
        if (segment.length() == 0) {
            return;
        }
        String d = segment.indexOf(" L") < 0 ? segment + " l1,0" : segment.toString();
        paths.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"#2a6ebb\" stroke-width=\"1.5\"/>");
        segment.setLength(0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The highest value of the hour, for the label beside the chart; empty when there is none. */
    public static String max(List<History.Point> points) {
        double max = points.stream().mapToDouble(History.Point::value).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        return Double.isNaN(max) ? "" : max == Math.rint(max) ? Long.toString((long) max) : String.format(Locale.ROOT, "%.1f", max);
    }
}
