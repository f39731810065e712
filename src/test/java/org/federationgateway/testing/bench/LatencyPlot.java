package org.federationgateway.testing.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/** Latency against offered load as a PNG, drawn with the JDK alone (headless AWT): p50 and p99 per series. */
final class LatencyPlot {
    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 220;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    /** A named series of results, one per offered rate. */
    record Series(String name, List<LoadResult> results) {
    }

    private LatencyPlot() {
    }

    static void write(Path file, String title, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double maxX = series.stream().flatMap(s -> s.results().stream()).mapToInt(LoadResult::offered).max().orElse(1);
        double maxY = series.stream().flatMap(s -> s.results().stream()).mapToDouble(r -> r.latencyMillis(0.99)).filter(d -> !Double.isNaN(d))
                .max().orElse(1);
        maxY = niceCeiling(maxY * 1.1);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - i * plotH / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.1f", maxY * i / 5), LEFT - 45, y + 4);
            int x = LEFT + i * plotW / 5;
            g.drawString(String.format(Locale.ROOT, "%.0f", maxX * i / 5), x - 10, TOP + plotH + 18);
        }
        g.drawString("offered load (messages per second)", LEFT + plotW / 2 - 100, H - 25);
        g.rotate(-Math.PI / 2);
        g.drawString("latency (ms)", -(TOP + plotH / 2 + 35), 25);
        g.rotate(Math.PI / 2);
        int legend = TOP + 10;
        for (int s = 0; s < series.size(); s++) {
            Color c = COLOURS[s % COLOURS.length];
            for (double q : new double[] {0.5, 0.99}) {
                g.setColor(c);
                g.setStroke(q == 0.5 ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                int px = -1;
                int py = -1;
                for (LoadResult r : series.get(s).results()) {
                    double v = r.latencyMillis(q);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    int x = LEFT + (int) (r.offered() / maxX * plotW);
                    int y = TOP + plotH - (int) (Math.min(v, maxY) / maxY * plotH);
                    g.fillOval(x - 3, y - 3, 6, 6);
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    }
                    px = x;
                    py = y;
                }
                g.drawLine(W - RIGHT + 15, legend, W - RIGHT + 45, legend);
                g.setColor(Color.BLACK);
                g.drawString(series.get(s).name() + (q == 0.5 ? " p50" : " p99"), W - RIGHT + 50, legend + 4);
                legend += 20;
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
