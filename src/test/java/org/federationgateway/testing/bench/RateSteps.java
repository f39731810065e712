package org.federationgateway.testing.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.federationgateway.testing.peers.SipUserAgent;

/**
 * The step loop the load harnesses share: offers one path a fixed rate for a number of seconds, counts what the
 * receivers report for the step under way, then waits a bounded time for the stragglers. Messages carry their step's
 * tag, sequence number and the sending time ({@code "<tag> <seq> <nanoTime>"}), so a receiver hands every body it
 * gets to {@link #arrived} and a late message of an earlier step is not counted for the current one. Sender and
 * receiver share this JVM's clock. What each harness adds is its own lab, paths and tables.
 */
final class RateSteps {
    /** What one step has seen so far. */
    private static final class Step {
        final String tag;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        /** Errors by what they said: an XMPP error condition or a SIP status. */
        final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

        Step(String tag) {
            this.tag = tag;
        }
    }

    private final Duration drain;
    private volatile Step current = new Step("-");

    /** @param drain how long a step waits after its last message for every message to be delivered or answered */
    RateSteps(Duration drain) {
        this.drain = drain;
    }

    /** The body of message {@code seq} of the step under way. */
    String body(long seq) {
        return current.tag + " " + seq + " " + System.nanoTime();
    }

    /** A receiver got a message with this body: counted with its latency when it belongs to the step under way. */
    void arrived(String body) {
        Step s = current;
        if (body == null || !body.startsWith(s.tag + " ")) {
            return;
        }
        int sentAt = body.lastIndexOf(' ');
        s.latencies.add((System.nanoTime() - Long.parseLong(body, sentAt + 1, body.length(), 10)) / 1000);
        s.delivered.incrementAndGet();
    }

    /** A message of the step under way was answered with an error ({@code kind}: its condition or status). */
    void failed(String kind) {
        failed(current, kind);
    }

    private static void failed(Step s, String kind) {
        s.errors.incrementAndGet();
        s.errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** A sender of SIP MESSAGEs from {@code from} to {@code to}; a final response of 300 or more counts as an error of the step it was sent in. */
    LongConsumer sip(SipUserAgent from, String to) {
        return seq -> {
            Step s = current;
            from.sendMessageAsync(to, body(seq)).whenComplete((status, error) -> {
                if (error != null) {
                    failed(s, "SIP send failed: " + error.getClass().getSimpleName());
                } else if (status >= 300) {
                    failed(s, "SIP " + status);
                }
            });
        };
    }

    /**
     * Seconds every path is offered before the first measured step, the same for every path and gateway: the JVM
     * gateway compiles its code paths meanwhile (JIT), the servers open their sessions and connections.
     */
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmUpSeconds", 10);

    /** The warm-up of one path, at the lowest rate of the run, for {@link #WARM_UP_SECONDS}; printed, not recorded. */
    LoadResult warmUp(String path, int rate, LongConsumer sendOne) throws InterruptedException {
        LoadResult w = step(path, "warm-up-" + path, rate, WARM_UP_SECONDS, sendOne);
        System.out.println("warm-up " + path + " at " + rate + "/s for " + WARM_UP_SECONDS + " s: " + w.delivered() + "/" + w.sent() + " delivered, "
                + w.errors() + " errors");
        return w;
    }

    /** A step's result and the CPU each process used meanwhile, in % of one core. */
    record Measured(LoadResult result, Map<String, Double> cpuPercent) {
    }

    /** {@link #step}, with the CPU ticks {@code cpu} samples (per process group) read before and after it. */
    Measured measured(String path, String tag, int rate, int seconds, LongConsumer sendOne, Supplier<Map<String, long[]>> cpu)
            throws InterruptedException {
        Map<String, long[]> before = cpu.get();
        long t0 = System.nanoTime();
        LoadResult r = step(path, tag, rate, seconds, sendOne);
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Measured(r, PathsHarness.ProcCpu.percent(before, cpu.get(), wall));
    }

    /**
     * Offers {@code rate} messages per second for {@code seconds} through {@code sendOne} (given each message's
     * sequence number), then waits at most the drain time for every message to be delivered or answered.
     *
     * @param path the path's name in the result; {@code tag} names the step in the messages' bodies
     */
    LoadResult step(String path, String tag, int rate, int seconds, LongConsumer sendOne) throws InterruptedException {
        Step step = new Step(tag);
        current = step;
        long total = (long) rate * seconds;
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long t0 = System.nanoTime();
        ScheduledFuture<?> sending = pacer.scheduleAtFixedRate(() -> {
            long n = sent.getAndIncrement();
            if (n < total) {
                // A task that throws is never run again by the executor, and the step would wait for ever.
                try {
                    sendOne.accept(n);
                } catch (RuntimeException e) {
                    failed(step, "send failed: " + e.getClass().getSimpleName());
                }
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        while (sent.get() < total) {
            Thread.sleep(10);
        }
        sending.cancel(false);
        pacer.shutdown();
        double sendingSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + drain.toNanos();
        while (step.delivered.get() + step.errors.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // stragglers
        if (!step.errorKinds.isEmpty()) {
            System.out.println(tag + " errors: " + step.errorKinds);
        }
        return new LoadResult(path, rate, total, step.delivered.get(), step.errors.get(), sendingSeconds,
                step.latencies.stream().mapToLong(Long::longValue).toArray());
    }
}
