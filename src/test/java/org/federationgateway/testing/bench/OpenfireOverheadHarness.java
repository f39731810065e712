package org.federationgateway.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.federationgateway.BuildInfo;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.store.PolicyRepository;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;

/**
 * What the plugin costs a real Openfire. Two copies of one installation run side by side on 127.0.98.x: a1.test
 * without the plugin and a2.test with it, enforcing, with 10,000 partners and 100,000 users holding assigned
 * policies in its database (written in one transaction through the plugin's own {@link PolicyRepository}, into the
 * embedded database while that copy is stopped, so the plugin loads them as it would at any start). One Prosody,
 * b.test, is the partner of both. Per step, one server and one direction: juliet@b.test -> S2S -> alice@aN.test
 * ("in") or alice@aN.test -> S2S -> juliet@b.test ("out"); the same Smack clients in this JVM send and receive.
 * The two servers are interleaved at every rate, in alternating order, so that they share the machine's load alike.
 * Saturation is measured closed-loop (a fixed number of messages in flight, a new one sent as each arrives); the
 * fixed rates are offered open-loop, and each direction is also offered half of the saturation rate of the server
 * without the plugin. Per step: delivered/s, p50/p99, CPU per process from /proc, Openfire's CPU per delivered
 * message; per server: heap after a full GC (jcmd) after loading and at the end. Never asserts a time.
 * <pre>scripts/bench.sh openfire [rates] [seconds]   (OPENFIRE_HOME=/path/to/openfire-5.x)</pre>
 */
public final class OpenfireOverheadHarness {
    static final String PREFIX = "127.0.98";
    static final String NAME = "federationgateway";
    static final int PARTNERS = 10_000;
    static final int USERS = 100_000;
    static final int POLICIES = 10;
    static final int WINDOW = 200;
    static final Duration START = Duration.ofSeconds(180);

    /** One step: which server, which direction, offered rate (0 = saturation), the result and the CPU meanwhile. */
    record Row(String server, String direction, String kind, LoadResult result, Map<String, Double> cpuPercent, double openfireCpuMicrosPerMessage) {
    }

    /** A server under test with its own user client. */
    record Target(String label, OpenfireServer server, XmppClient alice) {
    }

    private static final class Step {
        final String tag;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final Semaphore window = new Semaphore(WINDOW);

        Step(String tag) {
            this.tag = tag;
        }

        void arrived(Message m) {
            String body = m.getBody();
            if (body == null || !body.startsWith(tag + " ")) {
                return;
            }
            if (m.getType() == Message.Type.error) {
                errors.incrementAndGet();
            } else {
                String[] parts = body.split(" ");
                latencies.add((System.nanoTime() - Long.parseLong(parts[parts.length - 1])) / 1000);
                delivered.incrementAndGet();
            }
            window.release();
        }
    }

    private volatile Step current = new Step("-");
    private final Map<String, String> heap = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        List<Integer> rates = Arrays.stream(args[0].split(",")).map(String::trim).map(Integer::valueOf).toList();
        int seconds = Integer.parseInt(args[1]);
        Path pluginJar = Path.of(args[2]).toAbsolutePath();
        Path out = Path.of(args[3]).toAbsolutePath();
        String jvmOptions = System.getProperty("bench.openfire.jvmOptions", "").trim();
        int status = 0;
        try {
            List<OpenfireInstallation> installations = OpenfireInstallation.configured();
            if (installations.isEmpty()) {
                throw new IllegalStateException("set OPENFIRE_HOME to an Openfire 5.x installation");
            }
            new OpenfireOverheadHarness().run(installations.get(0), rates, seconds, pluginJar, out, jvmOptions);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run(OpenfireInstallation installation, List<Integer> rates, int seconds, Path pluginJar, Path out, String jvmOptions) throws Exception {
        Files.createDirectories(out);
        String plainAddress = PREFIX + ".1";
        String gatedAddress = PREFIX + ".2";
        String partnerAddress = PREFIX + ".3";
        TestHosts hosts = TestHosts.builder().add("a1.test", plainAddress).add("a2.test", gatedAddress).add("b.test", partnerAddress).build();
        TestCertificates certificates = TestCertificates.create(PeerDirectories.fresh("of-overhead/certs"));
        String override = "{b.test," + partnerAddress + ":5269}";
        String options = ("-Xmx512m " + jvmOptions).trim();
        OpenfireServer plain = OpenfireServer.prepare(installation.require(), PeerDirectories.fresh("of-overhead/openfire-plain"), plainAddress,
                "a1.test", override, List.of()).withJavaOptions(options);
        OpenfireServer gated = OpenfireServer.prepare(installation.require(), PeerDirectories.fresh("of-overhead/openfire-plugin"), gatedAddress,
                "a2.test", override, List.of()).withJavaOptions(options);
        System.out.println("Openfire " + installation.version() + ", plugin " + BuildInfo.version() + ", JVM options: " + options);
        try (OpenfireServer a = plain; OpenfireServer b = gated) {
            for (OpenfireServer s : List.of(a, b)) {
                IssuedCertificate own = certificates.issue(s.domain());
                s.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, certificates.caCertificatePem());
                s.start(START);
            }
            AdminConsole console = new AdminConsole(b.adminUrl());
            console.loginWhenReady("admin", "adminpw", Duration.ofSeconds(60));
            String marker = "Federation Gateway " + BuildInfo.version() + " loaded";
            b.installPluginAndAwait(pluginJar, NAME, marker, Duration.ofSeconds(120));
            long loadedBefore = count(b.openfireLog(), marker);
            b.close();
            long t0 = System.nanoTime();
            bulkLoad(b.home());
            notes.add(String.format(Locale.ROOT, "policy data written in %.1f s (%,d partners, %,d user assignments, %d policies, one transaction)",
                    (System.nanoTime() - t0) / 1e9, PARTNERS, USERS, POLICIES + 1));
            long t1 = System.nanoTime();
            b.restart(START);
            OpenfireServer.await("the plugin loaded again with the bulk data", Duration.ofSeconds(180), () -> count(b.openfireLog(), marker) > loadedBefore);
            notes.add(String.format(Locale.ROOT, "Openfire with the plugin restarted and the plugin loaded the data %.1f s after the start", (System.nanoTime() - t1) / 1e9));
            String loadedLine = b.openfireLog().lines().filter(l -> l.contains(marker)).reduce((x, y) -> y).orElse("");
            if (!loadedLine.contains("mode=enforce")) {
                throw new IllegalStateException("the plugin does not enforce: " + loadedLine);
            }

            try (ProsodyPeer partner = ProsodyPeer.builder("b.test", partnerAddress).mode(S2sMode.SECURE).tls(certificates, certificates.issue("b.test"))
                    .hosts(hosts).account("juliet", "secret").directory(PeerDirectories.fresh("of-overhead/b.test")).start();
                 XmppClient juliet = XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")));
                 XmppClient alice1 = openfireUser(a, certificates);
                 XmppClient alice2 = openfireUser(b, certificates)) {
                checkEnforcing(juliet);
                for (XmppClient c : List.of(juliet, alice1, alice2)) {
                    c.listenersOnly();
                    c.onMessage(m -> current.arrived(m));
                }
                List<Target> targets = List.of(new Target("without-plugin", a, alice1), new Target("with-plugin", b, alice2));
                Map<String, Long> pids = new LinkedHashMap<>();
                pids.put("openfire-without-plugin", a.pid());
                pids.put("openfire-with-plugin", b.pid());
                pids.put("prosody-b", partner.pid());
                pids.put("harness", ProcessHandle.current().pid());
                List<Row> rows = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (Target t : targets) {
                        for (String dir : List.of("in", "out")) {
                            fixed(t, dir, juliet, 500, 8, "warm-up" + round); // JIT, S2S sessions, caches
                        }
                    }
                }
                settle(pids);
                for (Target t : targets) {
                    heap.put(t.label() + " after loading and warm-up", heapAfterGc(t.server().pid()));
                }
                Map<String, List<Double>> saturation = new LinkedHashMap<>();
                saturate(targets, juliet, seconds, pids, rows, saturation, false);
                int order = 0;
                for (int rate : rates) {
                    for (Target t : alternate(targets, order++)) {
                        for (String dir : List.of("in", "out")) {
                            rows.add(measure(pids, t, dir, "rate", () -> fixed(t, dir, juliet, rate, seconds, "rate")));
                        }
                    }
                }
                Map<String, Integer> half = new LinkedHashMap<>();
                for (String dir : List.of("in", "out")) {
                    half.put(dir, (int) Math.round(saturation.get("without-plugin " + dir).get(0) / 2 / 10) * 10);
                }
                for (int repeat = 0; repeat < 2; repeat++) {
                    for (Target t : alternate(targets, order++)) {
                        for (String dir : List.of("in", "out")) {
                            int r = half.get(dir);
                            rows.add(measure(pids, t, dir, "half-saturation", () -> fixed(t, dir, juliet, r, seconds, "half")));
                        }
                    }
                }
                saturate(targets, juliet, seconds, pids, rows, saturation, true);
                for (Target t : targets) {
                    heap.put(t.label() + " at the end", heapAfterGc(t.server().pid()));
                }
                List<Integer> plotted = new ArrayList<>(rates);
                half.values().forEach(plotted::add);
                write(out, rows, plotted.stream().distinct().sorted().toList(), installation.version());
            }
        }
    }

    /**
     * Waits (at most 2 minutes) until neither Openfire uses more than 3 % of a core over 5 s with no load offered, so the
     * start's background work (JIT compilation, caches) is over; then records each server's idle CPU over 10 s.
     */
    private void settle(Map<String, Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Map<String, Double> idle;
        do {
            idle = idleCpu(pids, 5);
        } while ((idle.get("openfire-without-plugin") > 3 || idle.get("openfire-with-plugin") > 3) && System.nanoTime() < deadline);
        idle = idleCpu(pids, 10);
        notes.add(String.format(Locale.ROOT, "idle CPU over 10 s with no load, after the warm-up: Openfire without the plugin %.1f %%, with the plugin %.1f %% of a core",
                idle.get("openfire-without-plugin"), idle.get("openfire-with-plugin")));
    }

    private static Map<String, Double> idleCpu(Map<String, Long> pids, int seconds) throws InterruptedException {
        Map<String, Long> before = ticks(pids);
        Thread.sleep(seconds * 1000L);
        Map<String, Long> after = ticks(pids);
        Map<String, Double> cpu = new LinkedHashMap<>();
        after.forEach((g, v) -> cpu.put(g, 100.0 * (v - before.get(g)) / PathsHarness.CLOCK_TICKS / seconds));
        return cpu;
    }

    private static List<Target> alternate(List<Target> targets, int order) {
        return order % 2 == 0 ? targets : List.of(targets.get(1), targets.get(0));
    }

    private void saturate(List<Target> targets, XmppClient juliet, int seconds, Map<String, Long> pids, List<Row> rows,
                          Map<String, List<Double>> saturation, boolean reversed) throws Exception {
        for (Target t : reversed ? List.of(targets.get(1), targets.get(0)) : targets) {
            for (String dir : List.of("in", "out")) {
                Row row = measure(pids, t, dir, "saturation", () -> closedLoop(t, dir, juliet, seconds));
                rows.add(row);
                saturation.computeIfAbsent(t.label() + " " + dir, k -> new ArrayList<>()).add(row.result().deliveredPerSecond());
            }
        }
    }

    @FunctionalInterface
    interface StepRun {
        LoadResult run() throws Exception;
    }

    private Row measure(Map<String, Long> pids, Target t, String dir, String kind, StepRun step) throws Exception {
        Map<String, Long> before = ticks(pids);
        long t0 = System.nanoTime();
        LoadResult r = step.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> after = ticks(pids);
        Map<String, Double> cpu = new LinkedHashMap<>();
        after.forEach((g, v) -> cpu.put(g, 100.0 * (v - before.getOrDefault(g, v)) / PathsHarness.CLOCK_TICKS / wall));
        String own = "openfire-" + t.label();
        double micros = r.delivered() == 0 ? Double.NaN : (after.get(own) - before.get(own)) * (1e6 / PathsHarness.CLOCK_TICKS) / r.delivered();
        Row row = new Row(t.label(), dir, kind, r, cpu, micros);
        System.out.printf(Locale.ROOT, "%s %s %s %s cpu %s, Openfire %.0f µs CPU/message%n", t.label(), dir, kind, r.markdownRow(), cpu, micros);
        return row;
    }

    private static Map<String, Long> ticks(Map<String, Long> pids) {
        Map<String, Long> t = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                t.put(name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
            } catch (IOException e) {
                throw new UncheckedIOException("process " + name + " (" + pid + ") is gone", e);
            }
        });
        return t;
    }

    private static String body(String tag, long seq) {
        return tag + " " + seq + " " + System.nanoTime();
    }

    private static void send(Target t, String dir, XmppClient juliet, String body) {
        if (dir.equals("in")) {
            juliet.sendMessage("alice@" + t.server().domain(), body);
        } else {
            t.alice().sendMessage("juliet@b.test", body);
        }
    }

    /** Offers {@code rate}/s for {@code seconds}, then waits at most 5 s for every message to arrive or be answered. */
    private LoadResult fixed(Target t, String dir, XmppClient juliet, int rate, int seconds, String kind) throws InterruptedException {
        Step step = new Step(t.label() + "@" + dir + "@" + kind + "@" + rate);
        current = step;
        long total = (long) rate * seconds;
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long t0 = System.nanoTime();
        ScheduledFuture<?> sending = pacer.scheduleAtFixedRate(() -> {
            long n = sent.getAndIncrement();
            if (n < total) {
                send(t, dir, juliet, body(step.tag, n));
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        while (sent.get() < total) {
            Thread.sleep(10);
        }
        sending.cancel(false);
        pacer.shutdown();
        double sendingSeconds = (System.nanoTime() - t0) / 1e9;
        drain(step, total);
        return new LoadResult(t.label() + " " + dir, rate, total, step.delivered.get(), step.errors.get(), sendingSeconds,
                step.latencies.stream().mapToLong(Long::longValue).toArray());
    }

    /** Keeps {@link #WINDOW} messages in flight for {@code seconds}: delivered/s is the path's saturation throughput. */
    private LoadResult closedLoop(Target t, String dir, XmppClient juliet, int seconds) throws InterruptedException {
        Step step = new Step(t.label() + "@" + dir + "@saturation@" + System.nanoTime());
        current = step;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        long t0 = System.nanoTime();
        long deliveredAtEnd;
        while (true) {
            if (!step.window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() >= end) {
                    break;
                }
                continue;
            }
            if (System.nanoTime() >= end) {
                break;
            }
            send(t, dir, juliet, body(step.tag, sent++));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        deliveredAtEnd = step.delivered.get();
        drain(step, sent);
        long[] latencies = step.latencies.stream().mapToLong(Long::longValue).toArray();
        LoadResult all = new LoadResult(t.label() + " " + dir, 0, sent, step.delivered.get(), step.errors.get(), wall, latencies);
        // delivered/s counts what arrived within the window's seconds; the stragglers after it only complete the count
        return new LoadResult(all.direction(), 0, sent, step.delivered.get(), step.errors.get(), wall * step.delivered.get() / Math.max(1, deliveredAtEnd), latencies);
    }

    private static void drain(Step step, long total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (step.delivered.get() + step.errors.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }

    private static XmppClient openfireUser(OpenfireServer s, TestCertificates certificates) {
        return XmppClient.connect(new XmppClient.Settings(new XmppAccount("alice", s.domain(), "secret"), s.address(), 5222, certificates.trustManager()));
    }

    /** The plugin enforces the loaded data: a message to a user whose policy forbids federation is refused with an error. */
    private void checkEnforcing(XmppClient juliet) {
        juliet.sendMessage("dave@a2.test", "enforcement check");
        Message refusal = juliet.awaitMessage(m -> m.getType() == Message.Type.error && m.getFrom() != null
                && m.getFrom().toString().contains("a2.test"), "the refusal for dave@a2.test", Duration.ofSeconds(30));
        notes.add("enforcing: a message to dave@a2.test (policy no-federation) was refused with " + refusal.getError().getCondition());
    }

    /**
     * Writes the policy data into the stopped copy's embedded database (HSQLDB, Openfire's own driver from its lib/)
     * through the plugin's {@link PolicyRepository}, in one transaction, and raises the policy generation as every
     * change does.
     */
    static void bulkLoad(Path home) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            jar = files.filter(p -> p.getFileName().toString().startsWith("hsqldb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no hsqldb jar in " + home.resolve("lib")));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) Class.forName("org.hsqldb.jdbc.JDBCDriver", true, loader).getDeclaredConstructor().newInstance();
            Properties login = new Properties();
            login.setProperty("user", "sa");
            login.setProperty("password", "");
            try (Connection c = driver.connect("jdbc:hsqldb:file:" + home.resolve("embedded-db/openfire") + ";ifexists=true", login)) {
                c.setAutoCommit(false);
                PolicyRepository repository = new PolicyRepository();
                load(c, repository);
                c.commit();
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        }
    }

    static void load(Connection c, PolicyRepository repository) throws SQLException {
        for (int i = 0; i < POLICIES; i++) {
            repository.upsertPolicy(c, new AccessPolicy("federation-" + i, "bulk", true, true, false, false));
        }
        repository.upsertPolicy(c, new AccessPolicy("no-federation", "bulk", false, false, false, false));
        NegotiationRules optional = new NegotiationRules(Negotiation.OPTIONAL, Negotiation.OPTIONAL, true);
        repository.insertPartner(c, Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED).withRules(optional));
        for (int i = 1; i < PARTNERS; i++) {
            repository.insertPartner(c, Partner.withDefaults(Domain.parse(String.format(Locale.ROOT, "partner%05d.example", i)))
                    .withType(i % 2 == 0 ? PartnerType.FEDERATED : PartnerType.PUBLIC_UNVERIFIED));
        }
        repository.upsertAssignment(c, new Assignment(AssignmentKind.USER, "alice", "federation-0"));
        repository.upsertAssignment(c, new Assignment(AssignmentKind.USER, "dave", "no-federation"));
        for (int i = 2; i < USERS; i++) {
            repository.upsertAssignment(c, new Assignment(AssignmentKind.USER, String.format(Locale.ROOT, "user%06d", i), "federation-" + (i % POLICIES)));
        }
        repository.nextGeneration(c);
    }

    private static long count(String log, String marker) {
        return log.lines().filter(l -> l.contains(marker)).count();
    }

    /** Heap in use after a full GC, from the JDK's jcmd (GC.run, then GC.heap_info's "used"). */
    static String heapAfterGc(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        jcmd(jcmd, pid, "GC.run");
        String info = jcmd(jcmd, pid, "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? String.format(Locale.ROOT, "%.1f MiB", Long.parseLong(m.group(1)) / 1024.0) : "unknown (" + info.strip() + ")";
    }

    private static String jcmd(String jcmd, long pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void write(Path out, List<Row> rows, List<Integer> rates, String version) throws IOException {
        List<String> processes = rows.get(0).cpuPercent().keySet().stream().toList();
        List<String> csv = new ArrayList<>();
        csv.add("server,direction,kind," + LoadResult.csvHeader().substring("direction,".length()) + ",openfire_cpu_us_per_msg"
                + processes.stream().map(p -> ",cpu_" + p + "_pct").reduce("", String::concat));
        List<String> md = new ArrayList<>();
        md.add("Openfire " + version + ", plugin " + BuildInfo.version() + "; offered 0 = saturation (" + WINDOW + " messages in flight).");
        md.add("");
        md.add("| server | direction | kind | offered/s | sent | delivered | errors | lost | delivered/s | p50 ms | p99 ms | Openfire CPU µs/msg | "
                + String.join(" | ", processes.stream().map(p -> p + " CPU %").toList()) + " |");
        md.add("|---|---|---|---|---|---|---|---|---|---|---|---|" + "---|".repeat(processes.size()));
        for (Row row : rows) {
            LoadResult r = row.result();
            String cpu = processes.stream().map(p -> String.format(Locale.ROOT, "%.0f", row.cpuPercent().getOrDefault(p, 0.0))).reduce((x, y) -> x + "," + y).orElse("");
            String csvResult = r.csv().substring(r.csv().indexOf(',') + 1);
            csv.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%.0f,%s", row.server(), row.direction(), row.kind(), csvResult, row.openfireCpuMicrosPerMessage(), cpu));
            md.add(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d | %.1f | %.2f | %.2f | %.0f | %s |", row.server(), row.direction(), row.kind(),
                    r.offered(), r.sent(), r.delivered(), r.errors(), r.lost(), r.deliveredPerSecond(), r.latencyMillis(0.5), r.latencyMillis(0.99),
                    row.openfireCpuMicrosPerMessage(), cpu.replace(",", " | ")));
        }
        md.add("");
        md.add("| direction | saturation without plugin (msg/s) | with plugin (msg/s) | ratio | p99 at half saturation without / with (ms) | difference (ms) |");
        md.add("|---|---|---|---|---|---|");
        for (String dir : List.of("in", "out")) {
            double a = mean(rows, "without-plugin", dir, "saturation", LoadResult::deliveredPerSecond);
            double b = mean(rows, "with-plugin", dir, "saturation", LoadResult::deliveredPerSecond);
            double pa = mean(rows, "without-plugin", dir, "half-saturation", r -> r.latencyMillis(0.99));
            double pb = mean(rows, "with-plugin", dir, "half-saturation", r -> r.latencyMillis(0.99));
            md.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.3f | %.2f / %.2f | %+.2f |", dir, a, b, b / a, pa, pb, pb - pa));
        }
        md.add("");
        md.add("| direction | Openfire CPU µs/msg without plugin | with plugin | ratio |");
        md.add("|---|---|---|---|");
        for (String dir : List.of("in", "out")) {
            double a = cpuPerMessage(rows, "without-plugin", dir);
            double b = cpuPerMessage(rows, "with-plugin", dir);
            md.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f |", dir, a, b, b / a));
        }
        md.add("");
        md.add("CPU per message: the server's CPU over all its measured steps in that direction divided by the messages delivered in them.");
        md.add("");
        md.add("Heap after a full GC:");
        md.add("");
        heap.forEach((k, v) -> md.add("- " + k + ": " + v));
        notes.forEach(n -> md.add("- " + n));
        Map<String, List<LoadResult>> series = new LinkedHashMap<>();
        for (Row row : rows) {
            if (!row.kind().equals("saturation")) {
                series.computeIfAbsent(row.server() + " " + row.direction(), k -> new ArrayList<>()).add(row.result());
            }
        }
        series.replaceAll((k, v) -> mergedByRate(v));
        Files.write(out.resolve("openfire-overhead.csv"), csv, StandardCharsets.UTF_8);
        Files.write(out.resolve("openfire-overhead.md"), md, StandardCharsets.UTF_8);
        PathsHarness.Svg.write(out.resolve("openfire-throughput.svg"), "Openfire with and without the plugin: delivered against offered", "delivered/s",
                series, LoadResult::deliveredPerSecond, rates);
        PathsHarness.Svg.write(out.resolve("openfire-p99.svg"), "Openfire with and without the plugin: p99 against offered load", "p99 ms (log)",
                series, r -> r.latencyMillis(0.99), rates);
        System.out.println(String.join("\n", md));
    }

    /** One point per offered rate (repeated steps pooled), in rate order, for the plots. */
    static List<LoadResult> mergedByRate(List<LoadResult> results) {
        Map<Integer, List<LoadResult>> byRate = new java.util.TreeMap<>();
        results.forEach(r -> byRate.computeIfAbsent(r.offered(), k -> new ArrayList<>()).add(r));
        List<LoadResult> merged = new ArrayList<>();
        byRate.forEach((rate, list) -> merged.add(new LoadResult(list.get(0).direction(), rate, list.stream().mapToLong(LoadResult::sent).sum(),
                list.stream().mapToLong(LoadResult::delivered).sum(), list.stream().mapToLong(LoadResult::errors).sum(),
                list.stream().mapToDouble(LoadResult::seconds).sum(), list.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).toArray())));
        return merged;
    }

    /** CPU over all steps of one server and direction divided by all their deliveries (so no step's outlier dominates). */
    static double cpuPerMessage(List<Row> rows, String server, String dir) {
        double cpu = 0;
        long delivered = 0;
        for (Row r : rows) {
            if (r.server().equals(server) && r.direction().equals(dir) && r.result().delivered() > 0) {
                cpu += r.openfireCpuMicrosPerMessage() * r.result().delivered();
                delivered += r.result().delivered();
            }
        }
        return delivered == 0 ? Double.NaN : cpu / delivered;
    }

    private static double mean(List<Row> rows, String server, String dir, String kind, java.util.function.ToDoubleFunction<LoadResult> f) {
        return rows.stream().filter(r -> r.server().equals(server) && r.direction().equals(dir) && r.kind().equals(kind))
                .map(Row::result).mapToDouble(f).average().orElse(Double.NaN);
    }
}
