package org.federationgateway.testing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;

/**
 * The bridge under load, on its own lab (127.0.92.x, gateway as its own process from the standalone jar):
 * XMPP -> SIP (a Smack sender on the partner Prosody -> S2S -> Prosody a.test -> gateway -> Kamailio -> a
 * registered JAIN-SIP phone) and SIP -> XMPP (a JAIN-SIP sender -> Kamailio -> gateway -> S2S -> a Smack receiver)
 * at each offered rate. Records delivered per second, p50 / p99 / max latency, errors and losses; writes CSV, a
 * Markdown table and a latency plot. Never asserts. Every path in one run: {@link PathsHarness}; against Kamailio's
 * own SIP–XMPP gateway: {@link GatewaysHarness}.
 * <pre>scripts/bench.sh [rates, e.g. 50,100,200,500] [seconds per step]</pre>
 */
public final class LoadHarness {
    static final String PREFIX = "127.0.92";

    /** What one step has seen so far. */
    private static final class Step {
        final String tag;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        /** Errors by what they said: an XMPP error condition or a SIP status. */
        final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();

        void failed(String kind) {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }

        Step(String tag) {
            this.tag = tag;
        }

        /** Bodies are "<tag> <sequence> <nanoTime at sending>"; the clock is this JVM's on both ends. */
        void arrived(String body) {
            if (body == null || !body.startsWith(tag + " ")) {
                return;
            }
            String[] parts = body.split(" ");
            latencies.add((System.nanoTime() - Long.parseLong(parts[parts.length - 1])) / 1000);
            delivered.incrementAndGet();
        }
    }

    private volatile Step current = new Step("-");

    public static void main(String[] args) throws Exception {
        List<Integer> rates = args.length > 0 ? Arrays.stream(args[0].split(",")).map(String::trim).map(Integer::valueOf).toList() : List.of(50, 100, 200, 500);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path jar = Path.of(args.length > 2 ? args[2] : "standalone/target/federationgateway-standalone.jar").toAbsolutePath();
        Path out = Path.of(args.length > 3 ? args[3] : "target/bench").toAbsolutePath();
        int status = 0;
        try {
            new LoadHarness().run(rates, seconds, jar, out);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // Smack and JAIN-SIP leave non-daemon threads behind
    }

    private void run(List<Integer> rates, int seconds, Path jar, Path out) throws Exception {
        Files.createDirectories(out);
        List<LoadResult> toSip = new ArrayList<>();
        List<LoadResult> toXmpp = new ArrayList<>();
        try (Lab lab = Lab.start(PREFIX, "bench", false, jar);
             SipUserAgent romeo = lab.phone("romeo", 0);
             SipUserAgent benvolio = lab.phone("benvolio", 1);
             XmppClient juliet = lab.juliet()) {
            romeo.onRequest(r -> {
                if ("MESSAGE".equals(r.method())) {
                    current.arrived(r.body());
                }
            });
            juliet.onMessage(m -> {
                if (m.getType() == Message.Type.error) {
                    current.failed(m.getError() == null ? "error" : m.getError().getCondition().toString());
                } else {
                    current.arrived(m.getBody());
                }
            });
            // Warm both paths up (JIT, S2S sessions, TCP connections) before measuring.
            step("warm-up-x2s", 50, 3, seq -> juliet.sendMessage("romeo@sip.a.test", body("warm-up-x2s", seq)));
            step("warm-up-s2x", 50, 3, seq -> send(benvolio, "warm-up-s2x", seq));
            for (int rate : rates) {
                toSip.add(print(step("xmpp-to-sip", rate, seconds, seq -> juliet.sendMessage("romeo@sip.a.test", body("xmpp-to-sip@" + rate, seq)))));
                toXmpp.add(print(step("sip-to-xmpp", rate, seconds, seq -> send(benvolio, "sip-to-xmpp@" + rate, seq))));
            }
        }
        write(out, List.of(toSip, toXmpp));
    }

    private void send(SipUserAgent from, String tag, long seq) {
        from.sendMessageAsync("sip:juliet@b.test", body(tag, seq)).thenAccept(status -> {
            if (status >= 300) {
                current.failed("SIP " + status);
            }
        });
    }

    private static String body(String tag, long seq) {
        return tag + " " + seq + " " + System.nanoTime();
    }

    /** Sends at {@code rate} per second for {@code seconds}, then waits until every message is delivered or answered (at most 15 s). */
    private LoadResult step(String direction, int rate, int seconds, LongConsumer sendOne) throws InterruptedException {
        String tag = direction.startsWith("warm-up") ? direction : direction + "@" + rate;
        Step step = new Step(tag);
        current = step;
        long total = (long) rate * seconds;
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        ScheduledFuture<?> sending = pacer.scheduleAtFixedRate(() -> {
            long n = sent.getAndIncrement();
            if (n < total) {
                sendOne.accept(n);
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (sent.get() < total) {
            Thread.sleep(10);
        }
        sending.cancel(false);
        pacer.shutdown();
        double sendingSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (step.delivered.get() + step.errors.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(200); // stragglers
        long[] latencies = step.latencies.stream().mapToLong(Long::longValue).toArray();
        if (!step.errorKinds.isEmpty()) {
            System.out.println(tag + " errors: " + step.errorKinds);
        }
        return new LoadResult(direction, rate, total, step.delivered.get(), step.errors.get(), sendingSeconds, latencies);
    }

    private static LoadResult print(LoadResult r) {
        System.out.println(r.markdownRow());
        return r;
    }

    private static void write(Path out, List<List<LoadResult>> all) throws IOException {
        List<String> csv = new ArrayList<>(List.of(LoadResult.csvHeader()));
        List<String> md = new ArrayList<>(List.of("| direction | offered/s | sent | delivered | errors | lost | delivered/s | p50 ms | p99 ms | max ms |",
                "|---|---|---|---|---|---|---|---|---|---|"));
        for (List<LoadResult> results : all) {
            results.forEach(r -> {
                csv.add(r.csv());
                md.add(r.markdownRow());
            });
        }
        Files.write(out.resolve("results.csv"), csv, StandardCharsets.UTF_8);
        Files.write(out.resolve("results.md"), md, StandardCharsets.UTF_8);
        LatencyPlot.write(out.resolve("latency.png"), "Federation Gateway bridge: latency against offered load",
                List.of(new LatencyPlot.Series("XMPP -> SIP", all.get(0)), new LatencyPlot.Series("SIP -> XMPP", all.get(1))));
        System.out.println(String.join("\n", md));
        System.out.println("written: " + out.resolve("results.csv") + ", results.md, latency.png");
    }
}
