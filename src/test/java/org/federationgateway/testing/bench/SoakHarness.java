package org.federationgateway.testing.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;

/**
 * Soak: both bridge directions at once at a fixed rate each for a number of minutes, through the real lab (gateway
 * from the standalone jar as its own process). Every minute the gateway's heap after a full GC (jcmd GC.run, then
 * GC.heap_info), its threads and open file descriptors (/proc) are sampled, with messages sent, delivered and
 * answered with an error so far. Writes soak.csv, soak.md and soak.svg (heap and threads over time). Never asserts.
 * <pre>scripts/bench.sh soak [rate per direction] [minutes]</pre>
 */
public final class SoakHarness {
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
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

    private static void run(int rate, int minutes, Path jar, Path out) throws Exception {
        Files.createDirectories(out);
        AtomicLong sent = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> csv = new ArrayList<>(List.of("minute,sent,delivered,errors,heap_after_gc_kib,threads,fds"));
        try (Lab lab = Lab.start(PathsHarness.PREFIX, "soak", false, jar);
             SipUserAgent romeo = lab.phone("romeo", 0);
             SipUserAgent benvolio = lab.phone("benvolio", 1);
             XmppClient juliet = lab.juliet()) {
            romeo.onRequest(r -> {
                if ("MESSAGE".equals(r.method()) && r.body() != null && r.body().startsWith("soak ")) {
                    delivered.incrementAndGet();
                }
            });
            juliet.onMessage(m -> {
                if (m.getType() == Message.Type.error) {
                    errors.incrementAndGet();
                } else if (m.getBody() != null && m.getBody().startsWith("soak ")) {
                    delivered.incrementAndGet();
                }
            });
            long pid = gatewayPid();
            ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
            long period = 1_000_000_000L / rate;
            pacer.scheduleAtFixedRate(() -> {
                sent.incrementAndGet();
                juliet.sendMessage("romeo@sip.a.test", "soak " + sent.get());
            }, 0, period, TimeUnit.NANOSECONDS);
            pacer.scheduleAtFixedRate(() -> {
                sent.incrementAndGet();
                benvolio.sendMessageAsync("sip:juliet@b.test", "soak " + sent.get()).thenAccept(s -> {
                    if (s >= 300) {
                        errors.incrementAndGet();
                    }
                });
            }, period / 2, period, TimeUnit.NANOSECONDS);
            for (int minute = 0; minute <= minutes; minute++) {
                if (minute > 0) {
                    Thread.sleep(60_000);
                }
                String row = String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d", minute, sent.get(), delivered.get(), errors.get(), heapAfterGcKib(pid),
                        threads(pid), fds(pid));
                csv.add(row);
                System.out.println(row);
            }
            pacer.shutdownNow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (delivered.get() + errors.get() < sent.get() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            csv.add(String.format(Locale.ROOT, "end,%d,%d,%d,%d,%d,%d", sent.get(), delivered.get(), errors.get(), heapAfterGcKib(pid), threads(pid), fds(pid)));
        }
        Files.write(out.resolve("soak.csv"), csv, StandardCharsets.UTF_8);
        List<String> md = new ArrayList<>(List.of("| minute | sent | delivered | errors | heap after GC KiB | threads | fds |", "|---|---|---|---|---|---|---|"));
        csv.stream().skip(1).forEach(r -> md.add("| " + r.replace(",", " | ") + " |"));
        Files.write(out.resolve("soak.md"), md, StandardCharsets.UTF_8);
        System.out.println(String.join("\n", md));
    }

    private static long gatewayPid() throws Exception {
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                try {
                    String cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if ("gateway".equals(PathsHarness.ProcCpu.group(cmd, "soak"))) {
                        return Long.parseLong(d.getFileName().toString());
                    }
                } catch (Exception notAProcess) {
                    // not a process directory, or gone
                }
            }
        }
        throw new IllegalStateException("no gateway process found");
    }

    private static long heapAfterGcKib(long pid) throws Exception {
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

    private static long threads(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring(8).trim());
            }
        }
        return -1;
    }

    private static long fds(long pid) throws Exception {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }
}
