package org.federationgateway.testing.lab;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.federationgateway.testing.peers.SipUserAgent;

/**
 * The demo lab (scripts/lab.sh up): every peer on 127.0.90.x, the gateway from the standalone jar, and a SIP
 * phone romeo that stays registered and prints what it receives. Runs until SIGTERM (scripts/lab.sh down).
 */
public final class LabMain {
    public static final String PREFIX = "127.0.90";
    /** romeo registers for this long ({@link Lab#phone}) and refreshes well before it runs out. */
    static final int REGISTRATION_SECONDS = 300;
    static final int REFRESH_SECONDS = 120;

    private LabMain() {
    }

    public static void main(String[] args) throws Exception {
        Path standalone = Path.of(args.length > 0 ? args[0] : "standalone/target/federationgateway-standalone.jar").toAbsolutePath();
        Path plugin = Path.of(args.length > 1 ? args[1] : "target/federationgateway.jar").toAbsolutePath();
        String openfireHome = System.getenv("OPENFIRE_HOME");
        boolean withOpenfire = openfireHome != null && !openfireHome.isBlank();
        // scripts/lab.sh up --cluster has checked both variables already.
        boolean cluster = withOpenfire && "1".equals(System.getenv("LAB_CLUSTER"));
        Lab lab = cluster
                ? Lab.startWithOpenfireCluster(PREFIX, "lab", Path.of(openfireHome), plugin, Path.of(System.getenv("OPENFIRE_HAZELCAST_PLUGIN")))
                : withOpenfire ? Lab.startWithOpenfire(PREFIX, "lab", Path.of(openfireHome), plugin) : Lab.start(PREFIX, "lab", true, standalone);
        SipUserAgent romeo = lab.phone("romeo", 0);
        String pidf = """
                <?xml version="1.0" encoding="UTF-8"?>
                <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
                  <tuple id="desk"><status><basic>open</basic></status><note>At the desk phone</note></tuple>
                </presence>""";
        romeo.publish(pidf, 3600);
        // A phone refreshes its registration and its presence before they expire; the lab may stay up for days.
        java.util.concurrent.ScheduledExecutorService refresh = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "romeo-refresh");
            t.setDaemon(true);
            return t;
        });
        refresh.scheduleWithFixedDelay(() -> report("register", romeo.register(REGISTRATION_SECONDS)), REFRESH_SECONDS, REFRESH_SECONDS,
                java.util.concurrent.TimeUnit.SECONDS);
        refresh.scheduleWithFixedDelay(() -> report("publish", romeo.publish(pidf, 3600)), 1800, 1800, java.util.concurrent.TimeUnit.SECONDS);
        romeo.onRequest(r -> System.out.println("[phone romeo] " + r.method() + " from " + r.from() + (r.body().isBlank() ? "" : ": " + r.body())));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            refresh.shutdownNow();
            romeo.close();
            lab.close();
            stop.countDown();
        }, "lab-shutdown"));
        System.out.println(whoIsWho(withOpenfire, cluster));
        if (cluster) {
            System.out.println(CLUSTER.formatted(PREFIX));
        }
        System.out.println("LAB READY");
        System.out.flush();
        stop.await();
    }

    static final String CLUSTER = """
            Clustered: a.test is two Openfire nodes of one cluster (Hazelcast plugin, PostgreSQL at %1$s.9)
              node 1   %1$s.1 (admin console :9090)   its SIP endpoint %1$s.6:5060
              node 2   %1$s.7 (admin console :9090)   its SIP endpoint %1$s.8:5060
              Kamailio dispatches requests for partner domains to both nodes (OPTIONS probes, round robin, failover);
              the partners' servers know both nodes' addresses for a.test.""";

    private static void report(String what, int status) {
        if (status / 100 != 2) {
            System.out.println("[phone romeo] " + what + " refresh answered " + status);
        }
    }

    static String whoIsWho(boolean withOpenfire, boolean cluster) {
        String local = withOpenfire
                ? "a.test       Openfire  %1$s.1   local domain with the plugin (admin console http://%1$s.1:9090, admin / adminpw)"
                : "a.test       Prosody   %1$s.1   local domain; the gateway is its component sip.a.test";
        return ("Federation lab on loopback (all passwords: secret)\n  " + local + "\n" + """
                  b.test       Prosody   %1$s.2   partner (Federated)   user juliet@b.test
                  c.test       Prosody   %1$s.3   NOT a partner         user carol@c.test
                  e.test       ejabberd  %1$s.4   partner (Federated)   user ethan@e.test
                  Kamailio               %1$s.5:5060 (udp, tcp)   SIP domain a.test
                  gateway                %1$s.6:5060              SIP users appear as <user>@sip.a.test (the gateway's subdomain)
                  SIP phone romeo        %1$s.10:5080 (tcp)       romeo@sip.a.test on the XMPP side
                Try:
                  scripts/lab.sh send-xmpp juliet@b.test romeo@sip.a.test "Hello Romeo"   (romeo's phone receives it; the lab log shows it)
                  scripts/lab.sh send-sip sip:juliet@b.test "Hello Juliet"               (the SIP phone benvolio sends; juliet receives it)
                  scripts/lab.sh presence juliet@b.test romeo@sip.a.test                 (juliet subscribes and prints romeo's presence)
                  scripts/lab.sh send-xmpp carol@c.test romeo@sip.a.test "hi"             %2$s
                  scripts/lab.sh down
                """).formatted(PREFIX, withOpenfire
                ? "(refused: Openfire closes c.test's session with policy-violation; see "
                        + (cluster ? "the openfire.log of the node c.test reached, target/peers/lab/openfire-node1/logs or -node2/logs)"
                                : "target/peers/lab/openfire/logs/openfire.log)")
                : "(refused: c.test is not a partner; carol gets the error)");
    }
}
