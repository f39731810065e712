package org.federationgateway.testing.bench;

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
import java.util.Properties;
import java.util.function.LongConsumer;

import org.federationgateway.testing.peers.Commands;
import org.federationgateway.testing.peers.EjabberdPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.PeerProcess;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;

/**
 * The project's gateway against Kamailio's own SIP–XMPP gateway (its {@code xmpp} module), both as components of one
 * ejabberd (kx.test, 127.0.93.1): the same JAIN-SIP sender and receiver over UDP, the same Smack user alice@kx.test,
 * the four paths interleaved at each offered rate. Kamailio 5.6's module runs with the LD_PRELOAD work-around for
 * kamailio#4154 (src/test/resources/kamailio/xmpp-expat-atts.c, compiled here with gcc). Addressing is each gateway's
 * own: sip:alice@kx.test / bob@gw.kx.test for the project's gateway (sip.domainMappings gw.kx.test=sip.kx.test),
 * sip:alice*kx.test@sip.kx.test / bob*sip.kx.test@km.kx.test for Kamailio's. Writes gateways.csv, gateways.md and
 * gateways-throughput.svg / gateways-p99.svg. Never asserts. Several builds of the project's gateway
 * (GATEWAY_JARS=label=jar,...) run side by side in the same lab, each its own component (gw-&lt;label&gt;.kx.test) and
 * SIP address, their paths interleaved with Kamailio's at each rate.
 * <pre>scripts/bench.sh gateways [rates] [seconds]</pre>
 */
public final class GatewaysHarness {
    static final String P = "127.0.93";
    static final String LAB = "gateways";

    private final RateSteps steps = new RateSteps(Duration.ofSeconds(5));

    public static void main(String[] args) throws Exception {
        List<Integer> rates = Arrays.stream(args[0].split(",")).map(String::trim).map(Integer::valueOf).toList();
        int seconds = Integer.parseInt(args[1]);
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String entry : args[2].split(",")) {
            String[] kv = entry.split("=", 2);
            jars.put(kv.length == 2 ? kv[0] : "gateway", Path.of(kv[kv.length - 1]).toAbsolutePath());
        }
        Path out = Path.of(args[3]).toAbsolutePath();
        int status = 0;
        try {
            new GatewaysHarness().run(rates, seconds, jars, out);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /**
     * One gateway build in the lab: its component domain, XEP-0114 port, SIP address and the address of the user
     * agent that sends to it (the one peer it trusts). A single build keeps the names gw.kx.test and "gateway".
     */
    record Build(String label, Path jar, String name, String domain, int componentPort, String sipAddress, String senderAddress) {
        static List<Build> of(Map<String, Path> jars) {
            List<Build> builds = new ArrayList<>();
            boolean single = jars.size() == 1;
            int i = 0;
            for (Map.Entry<String, Path> j : jars.entrySet()) {
                String name = single ? "gateway" : "gateway-" + j.getKey();
                builds.add(new Build(j.getKey(), j.getValue(), name, single ? "gw.kx.test" : "gw-" + j.getKey() + ".kx.test",
                        i == 0 ? 5347 : 5349 + i, i == 0 ? P + ".6" : P + "." + (20 + i), i == 0 ? P + ".10" : P + "." + (30 + i)));
                i++;
            }
            return builds;
        }
    }

    private void run(List<Integer> rates, int seconds, Map<String, Path> jars, Path out) throws Exception {
        List<Build> builds = Build.of(jars);
        Files.createDirectories(out);
        Path dir = PeerDirectories.fresh(LAB + "/build");
        Path shim = dir.resolve("xmpp-expat-atts.so");
        Path source = dir.resolve("xmpp-expat-atts.c");
        try (var in = GatewaysHarness.class.getResourceAsStream("/kamailio/xmpp-expat-atts.c")) {
            Files.write(source, in.readAllBytes());
        }
        Commands.run(Duration.ofSeconds(60), "gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(), source.toString(), "-Wl,--no-as-needed", "-ldl", "-lexpat");
        TestCertificates certificates = TestCertificates.create(PeerDirectories.fresh(LAB + "/certs"));
        TestHosts.Builder names = TestHosts.builder().add("kx.test", P + ".1").add("km.kx.test", P + ".1");
        builds.forEach(b -> names.add(b.domain(), P + ".1"));
        EjabberdPeer.Builder server = EjabberdPeer.builder("kx.test", P + ".1").mode(S2sMode.SECURE).tls(certificates, certificates.issue("kx.test"))
                .hosts(names.build()).account("alice", "secret").component("km.kx.test", "secret", 5348);
        builds.forEach(b -> server.component(b.domain(), "secret", b.componentPort()));
        List<Row> rows = new ArrayList<>();
        List<AutoCloseable> gateways = new ArrayList<>();
        try (EjabberdPeer ejabberd = server.directory(PeerDirectories.fresh(LAB + "/kx.test")).start();
             AutoCloseable stopGateways = () -> {
                 for (AutoCloseable g : gateways) {
                     g.close();
                 }
             };
             PeerProcess kamailio = startKamailio(shim);
             SipUserAgent uas = new SipUserAgent("bob", "sip.kx.test", P + ".11", 5090, "udp", P + ".6:5060");
             SipUserAgent toKamailio = new SipUserAgent("bob", "sip.kx.test", P + ".12", 5082, "udp", P + ".7:5060");
             XmppClient alice = XmppClient.connect(ejabberd.clientSettings(new XmppAccount("alice", "kx.test", "secret")))) {
            uas.onRequest(r -> {
                if ("MESSAGE".equals(r.method())) {
                    steps.arrived(r.body());
                }
            });
            alice.onMessage(m -> {
                if (m.getType() == Message.Type.error) {
                    steps.failed(m.getError() == null ? "error" : m.getError().getCondition().toString());
                } else {
                    steps.arrived(m.getBody());
                }
            });
            Map<String, LongConsumer> toXmpp = new LinkedHashMap<>();
            Map<String, LongConsumer> toSip = new LinkedHashMap<>();
            for (Build b : builds) {
                gateways.add(startGateway(b));
                SipUserAgent sender = new SipUserAgent("bob", "sip.kx.test", b.senderAddress(), 5080, "udp", b.sipAddress() + ":5060");
                gateways.add(sender);
                toXmpp.put(b.name() + "-sip-to-xmpp", steps.sip(sender, "sip:alice@kx.test"));
                toSip.put(b.name() + "-xmpp-to-sip", seq -> alice.sendMessage("carol@" + b.domain(), steps.body(seq)));
            }
            Thread.sleep(2000); // the components settle
            Map<String, LongConsumer> paths = new LinkedHashMap<>(toXmpp);
            paths.put("kamailio-xmpp-sip-to-xmpp", steps.sip(toKamailio, "sip:alice*kx.test@sip.kx.test"));
            paths.putAll(toSip);
            paths.put("kamailio-xmpp-xmpp-to-sip", seq -> alice.sendMessage("carol*sip.kx.test@km.kx.test", steps.body(seq)));
            int lowest = rates.stream().mapToInt(Integer::intValue).min().orElse(100);
            for (Map.Entry<String, LongConsumer> p : paths.entrySet()) {
                steps.warmUp(p.getKey(), lowest, p.getValue()); // the same for both gateways: JIT, component links, ejabberd's routes
            }
            for (int rate : rates) {
                for (Map.Entry<String, LongConsumer> p : paths.entrySet()) {
                    RateSteps.Measured m = steps.measured(p.getKey(), p.getKey() + "@" + rate, rate, seconds, p.getValue(), GatewaysHarness::cpu);
                    Row row = new Row(p.getKey(), m.result(), m.cpuPercent());
                    rows.add(row);
                    System.out.println(m.result().markdownRow() + " cpu " + row.cpu());
                }
            }
            if (!kamailio.isAlive()) {
                System.out.println("Kamailio ended during the run: " + kamailio.tail());
            }
        }
        write(out, rows, rates);
    }

    record Row(String path, LoadResult result, Map<String, Double> cpu) {
    }

    /** CPU ticks of ejabberd (beam), the gateway and Kamailio. */
    private static Map<String, long[]> cpu() {
        Map<String, long[]> all = PathsHarness.ProcCpu.sample(LAB);
        Map<String, long[]> ticks = new LinkedHashMap<>();
        all.forEach((g, t) -> ticks.put(g.equals("kamailio") ? "kamailio-xmpp" : g, t));
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                try {
                    String cmd = new String(Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains("beam") && cmd.contains("/target/peers/" + LAB + "/")) {
                        String stat = Files.readString(d.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.computeIfAbsent("ejabberd", k -> new long[1])[0] += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (Exception gone) {
                    // not a process, or gone
                }
            }
        } catch (java.io.IOException e) {
            return ticks;
        }
        return ticks;
    }

    private PeerProcess startGateway(Build build) throws Exception {
        Path dir = PeerDirectories.fresh(LAB + "/" + build.name());
        Properties p = new Properties();
        p.setProperty("component.domain", build.domain());
        p.setProperty("component.server.host", P + ".1");
        p.setProperty("component.server.port", Integer.toString(build.componentPort()));
        p.setProperty("component.secret", "secret");
        p.setProperty("sip.listen.address", build.sipAddress());
        p.setProperty("sip.listen.port", "5060");
        p.setProperty("sip.listen.transports", "udp");
        p.setProperty("sip.frontEnd.host", P + ".11");
        p.setProperty("sip.frontEnd.port", "5090");
        p.setProperty("sip.frontEnd.transport", "udp");
        p.setProperty("sip.trustedPeers", build.senderAddress());
        p.setProperty("sip.domainMappings", build.domain() + "=sip.kx.test");
        p.setProperty("sip.keepAlive", "30");
        p.setProperty("db.url", "jdbc:hsqldb:file:" + dir.resolve("db/gateway") + ";shutdown=true");
        p.setProperty("policy.partners", "kx.test:federated");
        p.setProperty("policy.global.xmppAccess", "true");
        Path props = dir.resolve("gateway.properties");
        try (var o = Files.newOutputStream(props)) {
            p.store(o, "written by the gateways harness");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jvm = System.getProperty("lab.gateway.jvmOptions", "").strip();
        if (!jvm.isEmpty()) {
            command.addAll(List.of(jvm.split("\\s+")));
        }
        command.addAll(List.of("-jar", build.jar().toString(), props.toString()));
        PeerProcess gw = PeerProcess.start(build.name(), command, dir.resolve("gateway.log"));
        gw.awaitCondition("the gateway's component link", Duration.ofSeconds(30),
                () -> gw.log().contains("Federation Gateway component " + build.domain() + " started"));
        return gw;
    }

    private static PeerProcess startKamailio(Path shim) throws Exception {
        Path dir = PeerDirectories.fresh(LAB + "/kamailio");
        String cfg = new String(GatewaysHarness.class.getResourceAsStream("/kamailio/xmpp-gateway.cfg").readAllBytes(), StandardCharsets.UTF_8)
                .replace("@SIP@", P + ".7").replace("@XMPP@", P + ".1").replace("@UAS@", P + ".11:5090");
        Path file = dir.resolve("kamailio.cfg");
        Files.writeString(file, cfg);
        PeerProcess k = PeerProcess.start("kamailio xmpp gateway", List.of("/usr/sbin/kamailio", "-f", file.toString(), "-DD", "-E", "-m", "256",
                "-M", "8", "-Y", dir.toString(), "-P", dir.resolve("kamailio.pid").toString()), dir.resolve("kamailio.log"),
                Map.of("LD_PRELOAD", shim.toString()), "TERM");
        k.awaitCondition("Kamailio listening on UDP", Duration.ofSeconds(15), () -> k.log().contains("udp: " + P + ".7:5060"));
        return k;
    }

    private static void write(Path out, List<Row> rows, List<Integer> rates) throws java.io.IOException {
        List<String> procs = rows.stream().flatMap(r -> r.cpu().keySet().stream()).distinct().sorted().toList();
        List<String> csv = new ArrayList<>();
        csv.add(LoadResult.csvHeader().replaceFirst("direction", "path") + procs.stream().map(p -> ",cpu_" + p + "_pct").reduce("", String::concat));
        List<String> md = new ArrayList<>();
        md.add("| path | offered/s | sent | delivered | errors | lost | delivered/s | p50 ms | p99 ms | " + String.join(" | ", procs.stream().map(p -> p + " CPU %").toList()) + " |");
        md.add("|---|---|---|---|---|---|---|---|---|" + "---|".repeat(procs.size()));
        Map<String, List<LoadResult>> series = new LinkedHashMap<>();
        for (Row row : rows) {
            LoadResult r = row.result();
            String cpu = procs.stream().map(p -> String.format(Locale.ROOT, "%.0f", row.cpu().getOrDefault(p, 0.0))).reduce((a, b) -> a + "," + b).orElse("");
            csv.add(r.csv() + "," + cpu);
            md.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f | %.2f | %.2f | %s |", row.path(), r.offered(), r.sent(), r.delivered(),
                    r.errors(), r.lost(), r.deliveredPerSecond(), r.latencyMillis(0.5), r.latencyMillis(0.99), cpu.replace(",", " | ")));
            series.computeIfAbsent(row.path(), k -> new ArrayList<>()).add(r);
        }
        md.add("");
        md.add("| path | knee (msg/s) |");
        md.add("|---|---|");
        series.forEach((name, results) -> md.add("| " + name + " | " + PathsHarness.knee(results) + " |"));
        Files.write(out.resolve("gateways.csv"), csv, StandardCharsets.UTF_8);
        Files.write(out.resolve("gateways.md"), md, StandardCharsets.UTF_8);
        PathsHarness.Svg.write(out.resolve("gateways-throughput.svg"), "Gateways on one ejabberd: delivered against offered", "delivered/s", series,
                LoadResult::deliveredPerSecond, rates);
        PathsHarness.Svg.write(out.resolve("gateways-p99.svg"), "Gateways on one ejabberd: p99 against offered", "p99 ms (log)", series,
                r -> r.latencyMillis(0.99), rates);
        System.out.println(String.join("\n", md));
    }
}
