package org.federationgateway.testing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    private final RateSteps steps = new RateSteps(Duration.ofSeconds(15));

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
            // Warm both paths up (JIT, S2S sessions, TCP connections) before measuring.
            LongConsumer toRomeo = seq -> juliet.sendMessage("romeo@sip.a.test", steps.body(seq));
            LongConsumer toJuliet = steps.sip(benvolio, "sip:juliet@b.test");
            steps.step("warm-up-x2s", "warm-up-x2s", 50, 3, toRomeo);
            steps.step("warm-up-s2x", "warm-up-s2x", 50, 3, toJuliet);
            for (int rate : rates) {
                toSip.add(print(steps.step("xmpp-to-sip", "xmpp-to-sip@" + rate, rate, seconds, toRomeo)));
                toXmpp.add(print(steps.step("sip-to-xmpp", "sip-to-xmpp@" + rate, rate, seconds, toJuliet)));
            }
        }
        write(out, List.of(toSip, toXmpp));
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
