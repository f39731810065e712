package org.federationgateway.testing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;

/**
 * Every path of the lab to its knee, in one run, the paths interleaved at each offered rate so that they share the
 * machine's load alike: native XMPP federation (juliet@b.test -> S2S -> alice@a.test), native SIP (a JAIN-SIP phone
 * -> Kamailio -> a registered JAIN-SIP phone), and the bridge both ways (standalone gateway as a component of
 * Prosody a.test). The same senders and receivers (Smack, JAIN-SIP) drive every path. For each gateway jar given,
 * a fresh lab; its steps are recorded under the jar's label, so builds compare in the same run.
 * Per step: delivered/s, p50/p99/max, errors, losses, and CPU per process from /proc (utime+stime, % of one core).
 * Knee: the highest offered rate with delivered >= 0.98 x offered and p99 < 100 ms. Writes paths.csv, paths.md,
 * throughput.svg and p99.svg. Never asserts.
 * <pre>scripts/bench.sh paths [rates] [seconds] (GATEWAY_JARS=label=jar,label=jar)</pre>
 */
public final class PathsHarness {
    static final String PREFIX = "127.0.92";
    static final String LAB = "paths";
    static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    /** A build given as {@code label=openfire:<plugin jar>} runs the plugin inside the Openfire of OPENFIRE_HOME. */
    static final String OPENFIRE = "openfire:";

    /** One step's result with the CPU each process used meanwhile. */
    record Row(String label, String path, LoadResult result, Map<String, Double> cpuPercent) {
    }

    private final RateSteps steps = new RateSteps(Duration.ofSeconds(5));

    public static void main(String[] args) throws Exception {
        List<Integer> rates = Arrays.stream(args[0].split(",")).map(String::trim).map(Integer::valueOf).toList();
        int seconds = Integer.parseInt(args[1]);
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String entry : args[2].split(",")) {
            String[] kv = entry.split("=", 2);
            jars.put(kv[0], kv[1].startsWith(OPENFIRE) ? Path.of(kv[1]) : Path.of(kv[1]).toAbsolutePath());
        }
        Path out = Path.of(args[3]).toAbsolutePath();
        int status = 0;
        try {
            new PathsHarness().run(rates, seconds, jars, out);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run(List<Integer> rates, int seconds, Map<String, Path> jars, Path out) throws Exception {
        Files.createDirectories(out);
        System.setProperty("lab.localUser", "alice");
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            String label = jar.getKey();
            try (Lab lab = startLab(jar.getValue());
                 SipUserAgent romeo = lab.phone("romeo", 0);
                 SipUserAgent benvolio = lab.phone("benvolio", 1);
                 XmppClient juliet = lab.juliet();
                 XmppClient alice = lab.localUser()) {
                romeo.onRequest(r -> {
                    if ("MESSAGE".equals(r.method())) {
                        steps.arrived(r.body());
                    }
                });
                juliet.onMessage(m -> {
                    if (m.getType() == Message.Type.error) {
                        steps.failed(m.getError() == null ? "error" : m.getError().getCondition().toString());
                    } else {
                        steps.arrived(m.getBody());
                    }
                });
                alice.onMessage(m -> {
                    if (m.getType() != Message.Type.error) {
                        steps.arrived(m.getBody());
                    }
                });
                Map<String, LongConsumer> paths = new LinkedHashMap<>();
                paths.put("xmpp-native", seq -> juliet.sendMessage("alice@a.test", steps.body(seq)));
                paths.put("sip-native", steps.sip(benvolio, "sip:romeo@a.test"));
                paths.put("bridge-xmpp-to-sip", seq -> juliet.sendMessage("romeo@sip.a.test", steps.body(seq)));
                paths.put("bridge-sip-to-xmpp", steps.sip(benvolio, "sip:juliet@b.test"));
                int lowest = rates.stream().mapToInt(Integer::intValue).min().orElse(100);
                for (Map.Entry<String, LongConsumer> p : paths.entrySet()) {
                    steps.warmUp(p.getKey(), lowest, p.getValue()); // every path alike: JIT, S2S sessions, TCP connections
                }
                for (int rate : rates) {
                    for (Map.Entry<String, LongConsumer> p : paths.entrySet()) {
                        RateSteps.Measured m = steps.measured(p.getKey(), p.getKey() + "@" + label + "@" + rate, rate, seconds, p.getValue(),
                                () -> ProcCpu.sample(LAB));
                        Row row = new Row(label, p.getKey(), m.result(), m.cpuPercent());
                        rows.add(row);
                        System.out.println(label + " " + m.result().markdownRow() + " cpu " + row.cpuPercent());
                    }
                }
            }
        }
        write(out, rows, rates);
    }

    /**
     * A lab whose a.test is Prosody with the standalone gateway (a jar), or, for {@code openfire:<plugin jar>}, the
     * Openfire installation named by OPENFIRE_HOME (copied) with the plugin: the same paths, a.test served by Openfire.
     */
    private static Lab startLab(Path jar) throws Exception {
        String spec = jar.toString();
        if (!spec.startsWith(OPENFIRE)) {
            return Lab.start(PREFIX, LAB, false, jar);
        }
        List<org.federationgateway.testing.openfire.OpenfireInstallation> installations =
                org.federationgateway.testing.openfire.OpenfireInstallation.configured();
        if (installations.isEmpty()) {
            throw new IllegalStateException("a build given as openfire:<plugin jar> needs OPENFIRE_HOME");
        }
        return Lab.startWithOpenfire(PREFIX, LAB, installations.get(0).require(), Path.of(spec.substring(OPENFIRE.length())).toAbsolutePath(), false);
    }

    /** Whether a step is within the knee's definition. */
    static boolean withinKnee(LoadResult r) {
        return r.delivered() >= 0.98 * r.sent() && r.deliveredPerSecond() >= 0.98 * r.offered() && r.latencyMillis(0.99) < 100;
    }

    /** The highest offered rate within the knee's definition; 0 if none. */
    static int knee(List<LoadResult> results) {
        return results.stream().filter(PathsHarness::withinKnee).mapToInt(LoadResult::offered).max().orElse(0);
    }

    private static void write(Path out, List<Row> rows, List<Integer> rates) throws IOException {
        List<String> processes = rows.stream().flatMap(r -> r.cpuPercent().keySet().stream()).distinct().sorted().toList();
        List<String> csv = new ArrayList<>();
        csv.add("build,path," + LoadResult.csvHeader().substring("direction,".length()) + processes.stream().map(p -> ",cpu_" + p + "_pct").reduce("", String::concat));
        List<String> md = new ArrayList<>();
        md.add("| build | path | offered/s | sent | delivered | errors | lost | delivered/s | p50 ms | p99 ms | "
                + String.join(" | ", processes.stream().map(p -> p + " CPU %").toList()) + " |");
        md.add("|---|---|---|---|---|---|---|---|---|---|" + "---|".repeat(processes.size()));
        for (Row row : rows) {
            LoadResult r = row.result();
            String cpu = processes.stream().map(p -> String.format(Locale.ROOT, "%.0f", row.cpuPercent().getOrDefault(p, 0.0))).reduce((a, b) -> a + "," + b).orElse("");
            csv.add(row.label() + "," + r.csv() + "," + cpu); // r.csv() starts with the path
            md.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %.1f | %.2f | %.2f | %s |", row.label(), row.path(), r.offered(), r.sent(),
                    r.delivered(), r.errors(), r.lost(), r.deliveredPerSecond(), r.latencyMillis(0.5), r.latencyMillis(0.99),
                    cpu.replace(",", " | ")));
        }
        Map<String, List<LoadResult>> series = new LinkedHashMap<>();
        for (Row row : rows) {
            series.computeIfAbsent(row.label() + " " + row.path(), k -> new ArrayList<>()).add(row.result());
        }
        md.add("");
        md.add("| build | path | knee (msg/s) |");
        md.add("|---|---|---|");
        series.forEach((name, results) -> md.add("| " + name.replaceFirst(" ", " | ") + " | " + knee(results) + " |"));
        Files.write(out.resolve("paths.csv"), csv, StandardCharsets.UTF_8);
        Files.write(out.resolve("paths.md"), md, StandardCharsets.UTF_8);
        Svg.write(out.resolve("throughput.svg"), "Delivered against offered (messages/s)", "delivered/s", series, LoadResult::deliveredPerSecond, rates);
        Svg.write(out.resolve("p99.svg"), "99th percentile latency against offered load", "p99 ms (log)", series, r -> r.latencyMillis(0.99), rates);
        System.out.println(String.join("\n", md));
    }

    /** CPU ticks (utime+stime) per process group of the lab, from /proc. */
    static final class ProcCpu {
        private ProcCpu() {
        }

        static String group(String cmdline, String lab) {
            String peers = "/target/peers/" + lab + "/";
            int gateway = cmdline.indexOf(peers + "gateway");
            if (gateway >= 0) { // "gateway", or "gateway-<build>" where a lab runs several builds side by side
                int from = gateway + peers.length();
                int end = from;
                while (end < cmdline.length() && cmdline.charAt(end) != '/' && cmdline.charAt(end) != ' ') {
                    end++;
                }
                return cmdline.substring(from, end);
            }
            if (cmdline.contains(peers + "openfire")) {
                return "openfire";
            }
            if (cmdline.contains(peers + "kamailio")) {
                return "kamailio";
            }
            for (String d : List.of("a.test", "b.test", "c.test")) {
                if (cmdline.contains("prosody") && cmdline.contains(peers + d + "/")) {
                    return "prosody-" + d.substring(0, 1);
                }
            }
            return null;
        }

        static Map<String, long[]> sample(String lab) {
            Map<String, long[]> ticks = new LinkedHashMap<>();
            long self = ProcessHandle.current().pid();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    String name = d.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                        String g = Long.parseLong(name) == self ? "harness" : group(cmd, lab);
                        if (g == null) {
                            continue;
                        }
                        String stat = Files.readString(d.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                        ticks.computeIfAbsent(g, k -> new long[1])[0] += t;
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException e) {
                return ticks;
            }
            return ticks;
        }

        static Map<String, Double> percent(Map<String, long[]> before, Map<String, long[]> after, double seconds) {
            Map<String, Double> p = new LinkedHashMap<>();
            after.forEach((g, t) -> p.put(g, 100.0 * (t[0] - before.getOrDefault(g, new long[1])[0]) / CLOCK_TICKS / seconds));
            return p;
        }
    }

    /** A line chart as SVG text: one polyline per series against the offered rates. */
    static final class Svg {
        private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

        private Svg() {
        }

        static void write(Path file, String title, String yLabel, Map<String, List<LoadResult>> series, java.util.function.ToDoubleFunction<LoadResult> y,
                          List<Integer> rates) throws IOException {
            boolean log = yLabel.contains("log");
            int w = 760;
            int h = 440;
            int left = 70;
            int right = 220;
            int top = 40;
            int bottom = 50;
            double xMax = rates.stream().mapToInt(Integer::intValue).max().orElse(1);
            double yMax = series.values().stream().flatMap(List::stream).mapToDouble(y).filter(v -> !Double.isNaN(v)).max().orElse(1);
            double yMin = log ? 0.1 : 0;
            yMax = log ? Math.pow(10, Math.ceil(Math.log10(Math.max(yMax, 1)))) : yMax * 1.1;
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
            s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/><text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", w, h, left, title));
            int pw = w - left - right;
            int ph = h - top - bottom;
            java.util.function.DoubleUnaryOperator sx = x -> left + x / xMax * pw;
            double fyMax = yMax;
            java.util.function.DoubleUnaryOperator sy = v -> log
                    ? top + ph - (Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(fyMax) - Math.log10(yMin)) * ph
                    : top + ph - v / fyMax * ph;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", left, top, pw, ph));
            for (int r : rates) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", sx.applyAsDouble(r), top + ph + 16, r));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered messages/s</text>%n", left + pw / 2, h - 12));
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = yMin; t <= yMax * 1.0001; t *= 10) {
                    ticks.add(t);
                }
                ticks.add(100.0);
            } else {
                for (int i = 0; i <= 5; i++) {
                    ticks.add(yMax * i / 5);
                }
            }
            for (double t : ticks) {
                double py = sy.applyAsDouble(t);
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                        left, left + pw, py, py, t == 100.0 && log ? "#d62728" : "#ddd", left - 4, py + 4, t < 1 ? String.format(Locale.ROOT, "%.1f", t) : String.format(Locale.ROOT, "%.0f", t)));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n", top + ph / 2, top + ph / 2, yLabel));
            int i = 0;
            for (Map.Entry<String, List<LoadResult>> e : series.entrySet()) {
                String c = COLOURS[i % COLOURS.length];
                StringBuilder pts = new StringBuilder();
                for (LoadResult r : e.getValue()) {
                    double v = y.applyAsDouble(r);
                    if (!Double.isNaN(v)) {
                        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.applyAsDouble(r.offered()), sy.applyAsDouble(v)));
                    }
                }
                s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", c, pts.toString().trim()));
                int ly = top + 10 + i * 18;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                        left + pw + 10, left + pw + 30, ly, ly, c, left + pw + 35, ly + 4, e.getKey()));
                i++;
            }
            s.append("</svg>\n");
            Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
        }
    }
}
