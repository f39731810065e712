package org.federationgateway.testing.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.federationgateway.gateway.SipStatus;
import org.federationgateway.sip.SipEndpoint;
import org.federationgateway.sip.SipEndpointSettings;

/**
 * The gateway's SIP endpoint alone under a UDP MESSAGE flood (127.0.78.1, sender 127.0.78.2), the bridge answering
 * every MESSAGE 202 at once: what the SIP stack itself allocates and keeps per message. Prints the young collections
 * during the run and the heap after a full collection while the transactions are still in their Timer J (32 s).
 * Run it with the build to measure first on the class path, so builds compare:
 * <pre>java -Xmx1g -Xmn64m -cp standalone/target/federationgateway-standalone.jar:target/test-classes \
 *     org.federationgateway.testing.bench.UdpFloodHarness 12000 1000</pre>
 * Never asserts.
 */
public final class UdpFloodHarness {
    private UdpFloodHarness() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        String gateway = "127.0.78.1";
        String peer = "127.0.78.2";
        SipEndpointSettings settings = new SipEndpointSettings(gateway, 5060, List.of("udp"), peer, 5999, "udp", Set.of(peer), Duration.ofHours(1),
                "udp-flood");
        AtomicLong bridged = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        try (SipEndpoint endpoint = SipEndpoint.start(settings, m -> {
            bridged.incrementAndGet();
            return CompletableFuture.completedFuture(SipStatus.ACCEPTED);
        }, Clock.systemUTC()); DatagramSocket socket = new DatagramSocket(new InetSocketAddress(peer, 0))) {
            socket.setReceiveBufferSize(8 << 20);
            Thread reader = new Thread(() -> {
                byte[] b = new byte[65_535];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(b, b.length);
                        socket.receive(p);
                        String status = new String(b, 0, Math.min(12, p.getLength()), StandardCharsets.US_ASCII);
                        if (status.startsWith("SIP/2.0 ") && status.charAt(8) != '1') {
                            answered.incrementAndGet();
                            if (status.startsWith("SIP/2.0 202")) {
                                accepted.incrementAndGet();
                            }
                        }
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            }, "udp-flood-reader");
            reader.setDaemon(true);
            reader.start();
            long gcBefore = youngCollections();
            InetAddress to = InetAddress.getByName(gateway);
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                String body = "flood " + i;
                byte[] m = ("MESSAGE sip:romeo@a.test SIP/2.0\r\nVia: SIP/2.0/UDP " + peer + ":" + socket.getLocalPort() + ";branch=z9hG4bKflood" + i
                        + "\r\nMax-Forwards: 70\r\nTo: <sip:romeo@a.test>\r\nFrom: <sip:juliet@b.test>;tag=f" + i + "\r\nCall-ID: flood-" + i + "@" + peer
                        + "\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(m, m.length, to, 5060));
                long wait = t0 + (i + 1) * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (answered.get() < messages && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long young = youngCollections() - gcBefore;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(java.util.Locale.ROOT, "sent %d, answered %d (202: %d, shed with 503: %d), bridged %d; young collections %d; heap after a"
                            + " full collection %.1f MB%n", messages, answered.get(), accepted.get(), endpoint.shedRequests(), bridged.get(), young,
                    (rt.totalMemory() - rt.freeMemory()) / 1e6);
        }
        System.exit(0);
    }

    private static long youngCollections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Old") && !gc.getName().contains("MarkSweep") && !gc.getName().contains("Concurrent")) {
                n += Math.max(0, gc.getCollectionCount());
            }
        }
        return n;
    }
}
