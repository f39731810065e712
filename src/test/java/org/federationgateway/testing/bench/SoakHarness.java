package org.federationgateway.testing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;

/**
 * Soak: both bridge directions at once at a fixed rate each for a number of minutes, through the real lab on its own
 * loopback block (gateway from the standalone jar as its own process). Every minute the gateway's heap after a full
 * GC (jcmd GC.run, then GC.heap_info), its resident memory, threads and open file descriptors (/proc) and its CPU
 * are sampled, with each direction's messages sent, delivered, answered with an error, and the p50/p99 latency of the
 * minute. Every message carries its sequence number, so duplicates and losses are counted exactly. Writes soak.csv,
 * soak.md and soak.svg (heap, threads and fds over time). Never asserts.
 * <pre>scripts/bench.sh soak [rate per direction, or XMPP-to-SIP,SIP-to-XMPP rates] [minutes]</pre>
 */
public final class SoakHarness {
    /** Its own /24, apart from the ITs' blocks and the other harnesses' (paths 127.0.92, gateways 127.0.93). */
    static final String PREFIX = "127.0.96";
    static final String LAB = "soak";

    /** One direction's counters. */
    static final class Direction {
        final String name;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final BitSet seen = new BitSet();
        long delivered;
        long duplicates;
        final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();

        Direction(String name) {
            this.name = name;
        }

        String body(long seq) {
            return "soak-" + name + " " + seq + " " + System.nanoTime();
        }

        /** Counts a message if its body is one of this direction's. */
        void arrived(String body) {
            if (body == null || !body.startsWith("soak-" + name + " ")) {
                return;
            }
            String[] parts = body.split(" ");
            int seq = Integer.parseInt(parts[1]);
            latenciesMicros.add((System.nanoTime() - Long.parseLong(parts[2])) / 1000);
            synchronized (this) {
                if (seen.get(seq)) {
                    duplicates++;
                } else {
                    seen.set(seq);
                    delivered++;
                }
            }
        }

        synchronized long delivered() {
            return delivered;
        }

        synchronized long duplicates() {
            return duplicates;
        }

        /** p50 and p99 in ms of the latencies since the last call. */
        double[] drainPercentiles() {
            List<Long> l = new ArrayList<>();
            for (Long v; (v = latenciesMicros.poll()) != null; ) {
                l.add(v);
            }
            if (l.isEmpty()) {
                return new double[] {Double.NaN, Double.NaN};
            }
            long[] a = l.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            return new double[] {a[(int) Math.min(a.length - 1, Math.floor(0.5 * a.length))] / 1000.0,
                a[(int) Math.min(a.length - 1, Math.floor(0.99 * a.length))] / 1000.0};
        }
    }

    /** One minute's sample. */
    record Sample(String minute, long xSent, long xDelivered, long xErrors, long sSent, long sDelivered, long sErrors, long duplicates,
                  double xP50, double xP99, double sP50, double sP99, long heapKib, long rssKib, long threads, long fds, double cpuPercent) {
        static final String CSV_HEADER = "minute,xmpp_to_sip_sent,xmpp_to_sip_delivered,xmpp_to_sip_errors,sip_to_xmpp_sent,sip_to_xmpp_delivered,"
                + "sip_to_xmpp_errors,duplicates,xmpp_to_sip_p50_ms,xmpp_to_sip_p99_ms,sip_to_xmpp_p50_ms,sip_to_xmpp_p99_ms,heap_after_gc_kib,rss_kib,"
                + "threads,fds,gateway_cpu_pct";

        String csv() {
            return String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%d,%d,%d,%d,%.1f", minute, xSent, xDelivered, xErrors, sSent,
                    sDelivered, sErrors, duplicates, xP50, xP99, sP50, sP99, heapKib, rssKib, threads, fds, cpuPercent);
        }
    }

    /** The offered rate of each direction: one figure for both, or "XMPP-to-SIP,SIP-to-XMPP" (half of each direction's knee). */
    record Rates(int toSip, int toXmpp) {
        Rates {
            if (toSip < 1 || toXmpp < 1) {
                throw new IllegalArgumentException("a soak rate is at least 1 message/s per direction, not " + toSip + "," + toXmpp);
            }
        }

        static Rates parse(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("a soak rate is N or XMPP-to-SIP,SIP-to-XMPP, not " + text);
            }
            int toSip = Integer.parseInt(parts[0].trim());
            return new Rates(toSip, parts.length == 2 ? Integer.parseInt(parts[1].trim()) : toSip);
        }

        String label() {
            return toSip == toXmpp ? toSip + " each way" : toSip + " XMPP → SIP and " + toXmpp + " SIP → XMPP";
        }
    }

    public static void main(String[] args) throws Exception {
        Rates rate = Rates.parse(args[0]);
        int minutes = Integer.parseInt(args[1]);
        Path jar = Path.of(args[2]).toAbsolutePath();
        Path out = Path.of(args[3]).toAbsolutePath();
        int status = 0;
        try {
            run(rate, minutes, jar, out);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run(Rates rate, int minutes, Path jar, Path out) throws Exception {
        Files.createDirectories(out);
        Direction toSip = new Direction("x2s");
        Direction toXmpp = new Direction("s2x");
        List<Sample> samples = new ArrayList<>();
        try (Lab lab = Lab.start(PREFIX, LAB, false, jar);
             SipUserAgent romeo = lab.phone("romeo", 0);
             SipUserAgent benvolio = lab.phone("benvolio", 1);
             XmppClient juliet = lab.juliet()) {
            romeo.listenerOnly();
            benvolio.listenerOnly();
            juliet.listenersOnly();
            romeo.onRequest(r -> {
                if ("MESSAGE".equals(r.method())) {
                    toSip.arrived(r.body());
                }
            });
            juliet.onMessage(m -> {
                if (m.getType() == Message.Type.error) {
                    toSip.errors.incrementAndGet();
                } else {
                    toXmpp.arrived(m.getBody());
                }
            });
            long pid = gatewayPid();
            ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
            long toSipPeriod = 1_000_000_000L / rate.toSip();
            long toXmppPeriod = 1_000_000_000L / rate.toXmpp();
            // a task that throws would end its schedule silently: a failed send counts as an error of its direction
            pacer.scheduleAtFixedRate(guarded(toSip, () -> juliet.sendMessage("romeo@sip.a.test", toSip.body(toSip.sent.getAndIncrement()))), 0, toSipPeriod,
                    TimeUnit.NANOSECONDS);
            pacer.scheduleAtFixedRate(guarded(toXmpp, () -> benvolio.sendMessageAsync("sip:juliet@b.test", toXmpp.body(toXmpp.sent.getAndIncrement()))
                    .whenComplete((status, failure) -> {
                        if (failure != null || status >= 300) {
                            toXmpp.errors.incrementAndGet();
                        }
                    })), toXmppPeriod / 2, toXmppPeriod, TimeUnit.NANOSECONDS);
            long start = System.nanoTime();
            long[] cpuBefore = {cpuTicks(pid), System.nanoTime()};
            for (int minute = 0; minute <= minutes; minute++) {
                long due = start + TimeUnit.MINUTES.toNanos(minute);
                while (System.nanoTime() < due) {
                    Thread.sleep(Math.max(1, Math.min(1000, (due - System.nanoTime()) / 1_000_000)));
                }
                if (minute > 0) {
                    // the phones registered for 300 s: a run of more than five minutes keeps them registered, as a phone would
                    reRegister(romeo);
                    reRegister(benvolio);
                }
                Sample s = sample(Integer.toString(minute), pid, toSip, toXmpp, cpuBefore);
                samples.add(s);
                System.out.println(s.csv());
            }
            pacer.shutdownNow();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while ((toSip.delivered() + toSip.errors.get() < toSip.sent.get() || toXmpp.delivered() + toXmpp.errors.get() < toXmpp.sent.get())
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Sample end = sample("end", pid, toSip, toXmpp, cpuBefore);
            samples.add(end);
            System.out.println(end.csv());
        }
        write(out, rate, samples, toSip, toXmpp);
    }

    private static void reRegister(SipUserAgent phone) {
        int status = phone.register(300);
        if (status != 200) {
            System.err.println(phone.aor() + " could not renew its registration: " + status);
        }
    }

    private static Runnable guarded(Direction d, Runnable send) {
        return () -> {
            try {
                send.run();
            } catch (RuntimeException | Error e) {
                if (d.errors.getAndIncrement() < 5) {
                    System.err.println("sending " + d.name + " failed: " + e);
                }
            }
        };
    }

    private static Sample sample(String minute, long pid, Direction toSip, Direction toXmpp, long[] cpuBefore) throws Exception {
        long ticks = cpuTicks(pid);
        long now = System.nanoTime();
        double cpu = 100.0 * (ticks - cpuBefore[0]) / PathsHarness.CLOCK_TICKS / ((now - cpuBefore[1]) / 1e9);
        double[] x = toSip.drainPercentiles();
        double[] s = toXmpp.drainPercentiles();
        long heap = heapAfterGcKib(pid); // after the CPU reading: the full GC is the harness's, not the load's
        cpuBefore[0] = cpuTicks(pid);
        cpuBefore[1] = System.nanoTime();
        return new Sample(minute, toSip.sent.get(), toSip.delivered(), toSip.errors.get(), toXmpp.sent.get(), toXmpp.delivered(), toXmpp.errors.get(),
                toSip.duplicates() + toXmpp.duplicates(), x[0], x[1], s[0], s[1], heap, status(pid, "VmRSS:"), status(pid, "Threads:"), fds(pid), cpu);
    }

    private static void write(Path out, Rates rate, List<Sample> samples, Direction toSip, Direction toXmpp) throws IOException {
        List<String> csv = new ArrayList<>(List.of(Sample.CSV_HEADER));
        samples.forEach(s -> csv.add(s.csv()));
        Files.write(out.resolve("soak.csv"), csv, StandardCharsets.UTF_8);
        List<String> md = new ArrayList<>();
        md.add("Offered: " + rate.toSip() + " messages/s XMPP → SIP and " + rate.toXmpp() + " messages/s SIP → XMPP at once.");
        md.add("");
        md.add("| minute | X→S sent | X→S delivered | X→S errors | S→X sent | S→X delivered | S→X errors | duplicates | X→S p50/p99 ms | S→X p50/p99 ms "
                + "| heap after GC KiB | RSS KiB | threads | fds | gateway CPU % |");
        md.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Sample s : samples) {
            md.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f / %.1f | %.1f / %.1f | %d | %d | %d | %d | %.0f |", s.minute(),
                    s.xSent(), s.xDelivered(), s.xErrors(), s.sSent(), s.sDelivered(), s.sErrors(), s.duplicates(), s.xP50(), s.xP99(), s.sP50(), s.sP99(),
                    s.heapKib(), s.rssKib(), s.threads(), s.fds(), s.cpuPercent()));
        }
        md.add("");
        for (Direction d : List.of(toSip, toXmpp)) {
            long sent = d.sent.get();
            long missing;
            synchronized (d) {
                missing = sent - d.seen.get(0, (int) Math.max(sent, 0)).cardinality();
            }
            md.add(String.format(Locale.ROOT, "%s: %d sent, %d delivered, %d answered with an error, %d neither (lost), %d duplicates.",
                    d == toSip ? "XMPP → SIP" : "SIP → XMPP", sent, d.delivered(), d.errors.get(), Math.max(0, missing - d.errors.get()), d.duplicates()));
        }
        Files.write(out.resolve("soak.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("soak.svg"), svg(rate, samples.stream().filter(s -> !"end".equals(s.minute())).toList()), StandardCharsets.UTF_8);
        System.out.println(String.join("\n", md));
    }

    /** Three panels against the minute: heap after GC (MiB), threads, open file descriptors. */
    static String svg(Rates rate, List<Sample> samples) {
        int w = 760;
        int panelH = 150;
        int left = 70;
        int right = 30;
        int top = 40;
        int gap = 40;
        int h = top + 3 * panelH + 3 * gap + 10;
        int pw = w - left - right;
        double xMax = Math.max(1, samples.size() - 1);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/><text x=\"%d\" y=\"22\" font-size=\"15\">Soak: %s messages/s; "
                + "the gateway process, sampled every minute</text>%n", w, h, left, rate.label()));
        String[] names = {"heap after full GC (MiB)", "threads", "open file descriptors"};
        String[] colours = {"#1f77b4", "#2ca02c", "#d62728"};
        for (int p = 0; p < 3; p++) {
            int y0 = top + p * (panelH + gap);
            double[] v = new double[samples.size()];
            for (int i = 0; i < v.length; i++) {
                Sample smp = samples.get(i);
                v[i] = p == 0 ? smp.heapKib() / 1024.0 : p == 1 ? smp.threads() : smp.fds();
            }
            double yMax = Arrays.stream(v).max().orElse(1);
            yMax = yMax <= 0 ? 1 : yMax * 1.25;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", left, y0, pw, panelH));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + 6, y0 + 14, names[p]));
            for (int t = 0; t <= 4; t++) {
                double val = yMax * t / 4;
                double py = y0 + panelH - val / yMax * panelH;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                        left, left + pw, py, py, left - 4, py + 4, p == 0 ? String.format(Locale.ROOT, "%.1f", val) : String.format(Locale.ROOT, "%.0f", val)));
            }
            for (int i = 0; i < samples.size(); i += Math.max(1, samples.size() / 10)) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", left + i / xMax * pw, y0 + panelH + 15,
                        samples.get(i).minute()));
            }
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + i / xMax * pw, y0 + panelH - v[i] / yMax * panelH));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colours[p], pts.toString().trim()));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minute</text>%n", left + pw / 2, h - 4));
        s.append("</svg>\n");
        return s.toString();
    }

    static long gatewayPid() throws Exception {
        return pidOf("gateway", LAB);
    }

    /** The pid of the lab's process of that group (see {@link PathsHarness.ProcCpu#group}). */
    static long pidOf(String group, String lab) throws Exception {
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                try {
                    String cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (group.equals(PathsHarness.ProcCpu.group(cmd, lab))) {
                        return Long.parseLong(d.getFileName().toString());
                    }
                } catch (Exception notAProcess) {
                    // not a process directory, or gone
                }
            }
        }
        throw new IllegalStateException("no " + group + " process found");
    }

    static long heapAfterGcKib(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        run(jcmd.toString(), Long.toString(pid), "GC.run");
        String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    /** utime + stime of the process, in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        String stat = procText(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The number of a /proc/pid/status line ("Threads:", "VmRSS:" in kB). */
    static long status(long pid, String field) throws IOException {
        for (String line : procText(Path.of("/proc/" + pid + "/status")).split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** A procfs file read as a stream to its end (its size reads as 0). */
    static String procText(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static long fds(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }
}
