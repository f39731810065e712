package org.federationgateway.testing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.peers.Commands;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Presence;

/**
 * Presence end to end through the real lab, on its own loopback block: partner users of Prosody b.test subscribe to
 * SIP users of a.test over S2S, Prosody a.test hands the subscriptions to the gateway (standalone jar, XEP-0114
 * component, its own process), and the gateway subscribes at Kamailio's presence server (SUBSCRIBE/NOTIFY over TCP).
 * The SIP users' presence is published at Kamailio by one JAIN-SIP agent that plays every phone (PUBLISH).
 * <p>
 * Measured: the gateway's heap after a full GC before and after the subscriptions (per subscription), Kamailio's
 * shared memory, how long the subscriptions took to set up; the time from one SIP user's PUBLISH to its presence
 * reaching each of its partner watchers (first and last arrival), for single changes and for every SIP user changing
 * at once; and the refresh cycle with a short Expires: SIP requests at Kamailio, presences to the partners and CPU
 * per process, in 10-second windows. Writes presence.csv (refresh timeline), presence.md and presence-refresh.svg.
 * Never asserts.
 * <pre>scripts/bench.sh presence [subscriptions] [partner users] [expires seconds] [refresh minutes]</pre>
 */
public final class PresenceHarness {
    /** Its own /24, apart from the ITs' blocks and the other harnesses' (paths 127.0.92, gateways 127.0.93, soak 127.0.96). */
    static final String PREFIX = "127.0.97";
    static final String LAB = "presence";
    private static final String PIDF = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:%s@a.test">
              <tuple id="phone"><status><basic>open</basic></status><note>%s</note></tuple>
            </presence>""";

    /** Arrivals of one presence change (identified by its status text) at the watchers. */
    static final class Wave {
        final String note;
        final long startNanos;
        final long expected;
        final java.util.Set<String> watchers = new java.util.HashSet<>();
        long count;
        long repeated;
        long first = Long.MAX_VALUE;
        long last;

        Wave(String note, long startNanos, long expected) {
            this.note = note;
            this.startNanos = startNanos;
            this.expected = expected;
        }

        /** Counts the first arrival at each watcher; a repeat (a refresh's NOTIFY meanwhile) only as a repeat. */
        synchronized void arrived(String watcher, long now) {
            if (!watchers.add(watcher)) {
                repeated++;
                return;
            }
            count++;
            first = Math.min(first, now);
            last = Math.max(last, now);
            notifyAll();
        }

        synchronized boolean await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }

        synchronized String row(String what) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |", what, expected, count,
                    count == 0 ? "–" : String.format(Locale.ROOT, "%.1f", (first - startNanos) / 1e6),
                    count == 0 ? "–" : String.format(Locale.ROOT, "%.1f", (last - startNanos) / 1e6));
        }
    }

    private volatile Wave wave = new Wave("-", 0, 0);
    private final AtomicLong subscribed = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong presences = new AtomicLong();

    /** Smack warns of every presence that arrives before a client's roster: a hundred clients make that thousands of lines. */
    private static final java.util.logging.Logger SMACK_ROSTER = java.util.logging.Logger.getLogger("org.jivesoftware.smack.roster.Roster");

    public static void main(String[] args) throws Exception {
        SMACK_ROSTER.setLevel(java.util.logging.Level.SEVERE);
        int subscriptions = Integer.parseInt(args[0]);
        int partners = Integer.parseInt(args[1]);
        int expires = Integer.parseInt(args[2]);
        int refreshMinutes = Integer.parseInt(args[3]);
        Path jar = Path.of(args[4]).toAbsolutePath();
        Path out = Path.of(args[5]).toAbsolutePath();
        int status = 0;
        try {
            new PresenceHarness().run(subscriptions, partners, expires, refreshMinutes, jar, out);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run(int subscriptions, int partnerCount, int expires, int refreshMinutes, Path jar, Path out) throws Exception {
        Files.createDirectories(out);
        int sipCount = Math.max(1, subscriptions / partnerCount);
        int total = sipCount * partnerCount;
        List<String> partnerNames = new ArrayList<>();
        for (int i = 0; i < partnerCount; i++) {
            partnerNames.add("w" + i);
        }
        List<String> md = new ArrayList<>();
        List<String> csv = new ArrayList<>(List.of("second,subscribe_rcvd_per_s,notify_sent_per_s,publish_rcvd_per_s,presences_to_partners_per_s,"
                + "cpu_gateway_pct,cpu_kamailio_pct,cpu_prosody_a_pct,cpu_prosody_b_pct,cpu_harness_pct"));
        List<double[]> timeline = new ArrayList<>();
        long t00 = System.nanoTime();
        try (Lab lab = Lab.start(PREFIX, LAB, false, jar, Map.of("sip.subscriptionExpirySeconds", Integer.toString(expires)), partnerNames);
             SipUserAgent phones = lab.phone("phones", 0)) {
            phones.listenerOnly();
            log("lab up in %.0f s", (System.nanoTime() - t00) / 1e9);
            List<XmppClient> watchers = new ArrayList<>();
            try {
                for (String name : partnerNames) {
                    XmppClient c = lab.partnerUser(name);
                    c.listenersOnly();
                    c.onPresence(this::received);
                    watchers.add(c);
                }
                log("%d partner users signed in", watchers.size());
                long gw = SoakHarness.pidOf("gateway", LAB);
                String ctl = "unix:" + lab.kamailio().directory().resolve("run/kamailio_ctl");
                // every SIP user has published presence, so that the first NOTIFY of each subscription carries a document
                publishAll(phones, sipCount, "initial", expires * 4);
                long heapBefore = SoakHarness.heapAfterGcKib(gw);
                long shmBefore = kamailioShm(ctl);
                long threadsBefore = SoakHarness.status(gw, "Threads:");
                long fdsBefore = SoakHarness.fds(gw);

                // ---- subscriptions: each partner user to each SIP user, paced
                wave = new Wave("initial", System.nanoTime(), total);
                Map<String, long[]> setupCpu = PathsHarness.ProcCpu.sample(LAB);
                long s0 = System.nanoTime();
                int rate = Integer.getInteger("presence.subscribeRate", 40);
                long period = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int s = 0; s < sipCount; s++) {
                    for (XmppClient w : watchers) {
                        w.requestSubscription("s" + s + "@sip.a.test");
                        next += period;
                        long sleep = next - System.nanoTime();
                        if (sleep > 0) {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        }
                    }
                }
                double sending = (System.nanoTime() - s0) / 1e9;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while ((subscribed.get() + refusals.get() < total || wave.count < total) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                double setup = (System.nanoTime() - s0) / 1e9;
                Map<String, Double> setupPct = PathsHarness.ProcCpu.percent(setupCpu, PathsHarness.ProcCpu.sample(LAB), setup);
                log("%d subscribed, %d refused, %d initial presences, in %.1f s", subscribed.get(), refusals.get(), wave.count, setup);
                Thread.sleep(2000);
                long heapAfter = SoakHarness.heapAfterGcKib(gw);
                long shmAfter = kamailioShm(ctl);
                long threadsAfter = SoakHarness.status(gw, "Threads:");
                long fdsAfter = SoakHarness.fds(gw);

                md.add(String.format(Locale.ROOT, "%d partner users of b.test × %d SIP users of a.test = %d subscriptions (Expires %d s).", partnerCount,
                        sipCount, total, expires));
                md.add("");
                md.add("| figure | result |");
                md.add("|---|---|");
                md.add(String.format(Locale.ROOT, "| subscribe requests sent by the partner users | %d in %.1f s (%d/s paced) |", total, sending, rate));
                md.add(String.format(Locale.ROOT, "| answered subscribed / unsubscribed | %d / %d, all within %.1f s |", subscribed.get(), refusals.get(), setup));
                md.add(String.format(Locale.ROOT, "| mean CPU while subscribing, %% of one core: gateway, Kamailio, Prosody a.test, Prosody b.test | %.1f, %.1f, %.1f, %.1f |",
                        setupPct.getOrDefault("gateway", 0.0), setupPct.getOrDefault("kamailio", 0.0), setupPct.getOrDefault("prosody-a", 0.0),
                        setupPct.getOrDefault("prosody-b", 0.0)));
                md.add(String.format(Locale.ROOT, "| initial presences delivered to the partner users | %d of %d |", wave.count, total));
                md.add(String.format(Locale.ROOT, "| gateway heap after full GC, before → after | %.1f MiB → %.1f MiB |", heapBefore / 1024.0, heapAfter / 1024.0));
                md.add(String.format(Locale.ROOT, "| **gateway heap per subscription** | **%.0f bytes** |", (heapAfter - heapBefore) * 1024.0 / Math.max(1, total)));
                md.add(String.format(Locale.ROOT, "| gateway threads, open fds, before → after | %d → %d, %d → %d |", threadsBefore, threadsAfter, fdsBefore, fdsAfter));
                md.add(String.format(Locale.ROOT, "| Kamailio shared memory used, before → after | %.1f MiB → %.1f MiB (%.0f bytes per subscription) |",
                        shmBefore / 1048576.0, shmAfter / 1048576.0, (shmAfter - shmBefore) * 1.0 / Math.max(1, total)));

                // ---- one SIP user's change reaching its partner watchers
                md.add("");
                md.add("Time from a PUBLISH at Kamailio to the presence at the partner users' clients (ms):");
                md.add("");
                md.add("| change | watchers | arrived | first arrival ms | last arrival ms |");
                md.add("|---|---|---|---|---|");
                for (int k = 0; k < Math.min(10, sipCount); k++) {
                    String note = "change " + k;
                    Wave w = new Wave(note, System.nanoTime(), partnerCount);
                    wave = w;
                    phones.publishAsync("s" + k, PIDF.formatted("s" + k, note), expires * 4);
                    w.await(Duration.ofSeconds(30));
                    md.add(w.row("s" + k + "@a.test, one PUBLISH"));
                    Thread.sleep(300);
                }
                // ---- every SIP user changing at once
                Wave mass = new Wave("everyone", System.nanoTime(), total);
                wave = mass;
                publishAll(phones, sipCount, "everyone", expires * 4);
                double publishing = (System.nanoTime() - mass.startNanos) / 1e9;
                mass.await(Duration.ofSeconds(120));
                md.add(mass.row(String.format(Locale.ROOT, "all %d SIP users at once (PUBLISHes sent within %.1f s)", sipCount, publishing)));

                // ---- the refresh cycle
                wave = new Wave("-", 0, 0);
                md.add("");
                md.add(String.format(Locale.ROOT, "Refresh cycle, Expires %d s (the gateway refreshes what expires within %d s, checking every %d s), "
                        + "%d minutes in 10-second windows: see presence.csv and presence-refresh.svg.", expires,
                        org.federationgateway.bridge.SipBridge.REFRESH_MARGIN.toSeconds(), org.federationgateway.bridge.SipBridge.REFRESH_CHECK.toSeconds(),
                        refreshMinutes));
                Map<String, Long> stats0 = kamailioStats(ctl);
                Map<String, long[]> cpu0 = PathsHarness.ProcCpu.sample(LAB);
                long p0 = presences.get();
                long w0 = System.nanoTime();
                long r0 = w0;
                Map<String, Long> statsStart = stats0;
                Map<String, long[]> cpuStart = cpu0;
                long pStart = p0;
                for (int window = 1; window <= refreshMinutes * 6; window++) {
                    long due = w0 + TimeUnit.SECONDS.toNanos(10L * window);
                    while (System.nanoTime() < due) {
                        Thread.sleep(Math.max(1, Math.min(500, (due - System.nanoTime()) / 1_000_000)));
                    }
                    Map<String, Long> stats = kamailioStats(ctl);
                    Map<String, long[]> cpu = PathsHarness.ProcCpu.sample(LAB);
                    long p = presences.get();
                    double secs = (System.nanoTime() - r0) / 1e9;
                    Map<String, Double> pct = PathsHarness.ProcCpu.percent(cpu0, cpu, secs);
                    double[] row = {10.0 * window, delta(stats0, stats, "core:rcv_requests_subscribe") / secs,
                        delta(stats0, stats, "tmx:UAC_transactions") / secs, delta(stats0, stats, "core:rcv_requests_publish") / secs, (p - p0) / secs,
                        pct.getOrDefault("gateway", 0.0), pct.getOrDefault("kamailio", 0.0), pct.getOrDefault("prosody-a", 0.0),
                        pct.getOrDefault("prosody-b", 0.0), pct.getOrDefault("harness", 0.0)};
                    timeline.add(row);
                    String line = String.format(Locale.ROOT, "%.0f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f", row[0], row[1], row[2], row[3], row[4], row[5],
                            row[6], row[7], row[8], row[9]);
                    csv.add(line);
                    System.out.println(line);
                    stats0 = stats;
                    cpu0 = cpu;
                    p0 = p;
                    r0 = System.nanoTime();
                }
                double span = (System.nanoTime() - w0) / 1e9;
                Map<String, Long> statsEnd = kamailioStats(ctl);
                Map<String, Double> pctAll = PathsHarness.ProcCpu.percent(cpuStart, PathsHarness.ProcCpu.sample(LAB), span);
                long subscribes = delta(statsStart, statsEnd, "core:rcv_requests_subscribe");
                md.add("");
                md.add("| over the refresh period | result |");
                md.add("|---|---|");
                md.add(String.format(Locale.ROOT, "| SUBSCRIBE refreshes received by Kamailio | %d in %.0f s (%.1f per subscription per minute) |", subscribes, span,
                        subscribes / (double) total / (span / 60)));
                md.add(String.format(Locale.ROOT, "| NOTIFYs sent by Kamailio (its UAC transactions) | %d |", delta(statsStart, statsEnd, "tmx:UAC_transactions")));
                md.add(String.format(Locale.ROOT, "| presences reaching the partner users meanwhile | %d |", presences.get() - pStart));
                md.add(String.format(Locale.ROOT, "| peak SUBSCRIBE/s in a 10-s window | %.0f |", timeline.stream().mapToDouble(r -> r[1]).max().orElse(0)));
                md.add(String.format(Locale.ROOT, "| mean CPU, %% of one core: gateway, Kamailio, Prosody a.test, Prosody b.test | %.1f, %.1f, %.1f, %.1f |",
                        pctAll.getOrDefault("gateway", 0.0), pctAll.getOrDefault("kamailio", 0.0), pctAll.getOrDefault("prosody-a", 0.0),
                        pctAll.getOrDefault("prosody-b", 0.0)));
                md.add(String.format(Locale.ROOT, "| peak gateway CPU in a 10-s window | %.0f %% |", timeline.stream().mapToDouble(r -> r[5]).max().orElse(0)));
                long heapEnd = SoakHarness.heapAfterGcKib(gw);
                md.add(String.format(Locale.ROOT, "| gateway heap after full GC at the end | %.1f MiB |", heapEnd / 1024.0));
            } finally {
                for (XmppClient c : watchers) {
                    c.close();
                }
            }
        }
        Files.write(out.resolve("presence.csv"), csv, StandardCharsets.UTF_8);
        Files.write(out.resolve("presence.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("presence-refresh.svg"), svg(timeline), StandardCharsets.UTF_8);
        System.out.println(String.join("\n", md));
    }

    private void received(Presence p) {
        if (p.getFrom() == null || !p.getFrom().toString().contains("@sip.a.test")) {
            return;
        }
        if (p.getType() == Presence.Type.subscribed) {
            subscribed.incrementAndGet();
        } else if (p.getType() == Presence.Type.unsubscribed) {
            refusals.incrementAndGet();
        } else if (p.getType() == Presence.Type.available) {
            presences.incrementAndGet();
            Wave w = wave;
            if (w.note.equals(p.getStatus())) {
                w.arrived(p.getTo() == null ? "" : p.getTo().asBareJid() + " " + p.getFrom().asBareJid(), System.nanoTime());
            }
        }
    }

    private static void publishAll(SipUserAgent phones, int sipCount, String note, int expires) throws Exception {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int s = 0; s < sipCount; s++) {
            answers.add(phones.publishAsync("s" + s, PIDF.formatted("s" + s, note), expires));
        }
        int failed = 0;
        for (CompletableFuture<Integer> a : answers) {
            if (a.get(60, TimeUnit.SECONDS) >= 300) {
                failed++;
            }
        }
        if (failed > 0) {
            log("%d of %d PUBLISHes of \"%s\" failed", failed, sipCount, note);
        }
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    /** Kamailio's statistics (kamcmd stats.get_statistics all), as name = number. */
    static Map<String, Long> kamailioStats(String ctl) {
        String text = Commands.run(Duration.ofSeconds(20), "/usr/sbin/kamcmd", "-s", ctl, "stats.get_statistics", "all");
        Map<String, Long> stats = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([a-z_]+:[A-Za-z0-9_]+) = (\\d+)").matcher(text);
        while (m.find()) {
            stats.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return stats;
    }

    static long kamailioShm(String ctl) {
        return kamailioStats(ctl).getOrDefault("shmem:used_size", -1L);
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** The refresh timeline: SUBSCRIBE/s at Kamailio and presences/s to the partners (left), CPU % per process (right panel). */
    static String svg(List<double[]> rows) {
        int w = 760;
        int panelH = 170;
        int left = 70;
        int right = 200;
        int top = 40;
        int gap = 45;
        int h = top + 2 * panelH + gap + 40;
        int pw = w - left - right;
        double xMax = rows.stream().mapToDouble(r -> r[0]).max().orElse(1);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/><text x=\"%d\" y=\"22\" font-size=\"15\">Presence refresh cycle, "
                + "10-second windows</text>%n", w, h, left));
        String[][] series = {{"SUBSCRIBE/s at Kamailio", "1", "#1f77b4"}, {"NOTIFY/s sent by Kamailio", "2", "#ff7f0e"},
            {"presences/s to partners", "4", "#2ca02c"}, {"gateway CPU %", "5", "#d62728"}, {"Kamailio CPU %", "6", "#9467bd"},
            {"Prosody a.test CPU %", "7", "#8c564b"}, {"Prosody b.test CPU %", "8", "#e377c2"}};
        for (int panel = 0; panel < 2; panel++) {
            int y0 = top + panel * (panelH + gap);
            int from = panel == 0 ? 0 : 3;
            int to = panel == 0 ? 3 : series.length;
            double yMax = 1;
            for (int i = from; i < to; i++) {
                int col = Integer.parseInt(series[i][1]);
                yMax = Math.max(yMax, rows.stream().mapToDouble(r -> r[col]).max().orElse(1));
            }
            yMax *= 1.15;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", left, y0, pw, panelH));
            for (int t = 0; t <= 4; t++) {
                double val = yMax * t / 4;
                double py = y0 + panelH - val / yMax * panelH;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
                        left, left + pw, py, py, left - 4, py + 4, val));
            }
            for (int t = 0; t <= 6; t++) {
                double x = xMax * t / 6;
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n", left + x / xMax * pw, y0 + panelH + 15, x));
            }
            for (int i = from; i < to; i++) {
                int col = Integer.parseInt(series[i][1]);
                StringBuilder pts = new StringBuilder();
                for (double[] r : rows) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + r[0] / xMax * pw, y0 + panelH - r[col] / yMax * panelH));
                }
                s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", series[i][2], pts.toString().trim()));
                int ly = y0 + 10 + (i - from) * 18;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                        left + pw + 10, left + pw + 30, ly, ly, series[i][2], left + pw + 35, ly + 4, series[i][0]));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the refresh observation began</text>%n", left + pw / 2, h - 8));
        s.append("</svg>\n");
        return s.toString();
    }
}
