package org.federationgateway.sip;

import static org.federationgateway.testing.peers.RawSip.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.federationgateway.gateway.SipStatus;
import org.junit.jupiter.api.Test;

/**
 * SIP over UDP through the real JAIN-SIP endpoint, whose UDP reader reuses one buffer per socket
 * (ReusedBufferUdpMessageProcessor): datagrams of 40 KB, 8 KB and 20 bytes, one after the other, each reach the
 * bridge whole and none is mixed with the one before; and a MESSAGE retransmitted after its 202 (RFC 3261 §17.2.2) is
 * answered with that 202 again and reaches the bridge once.
 */
class SipUdpDatagramsIT {
    private static final String GATEWAY = "127.0.79.1";
    private static final String PEER = "127.0.79.2";
    private static final int PORT = 5060;

    /** The next final response, skipping provisional ones; a receive that times out fails the test. */
    private static String finalResponse(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[65_535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            socket.receive(p);
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!text.startsWith("SIP/2.0 1")) {
                return text;
            }
        }
    }


    @Test
    void aLargeDatagramArrivesWholeAndSmallOnesAfterItAreNotMixedWithIt() throws Exception {
        java.util.Map<String, Integer> bodies = new java.util.concurrent.ConcurrentHashMap<>();
        SipEndpointSettings settings = new SipEndpointSettings(GATEWAY, PORT + 1, List.of("udp"), PEER, 5999, "udp", Set.of(PEER),
                Duration.ofHours(1), "datagrams");
        try (SipEndpoint endpoint = SipEndpoint.start(settings, m -> {
            bodies.put(new String(m.body(), StandardCharsets.UTF_8).substring(0, 12), m.body().length);
            return CompletableFuture.completedFuture(SipStatus.ACCEPTED);
        }, Clock.systemUTC()); DatagramSocket socket = new DatagramSocket(new InetSocketAddress(PEER, 0))) {
            socket.setSoTimeout(10_000);
            InetAddress gateway = InetAddress.getByName(GATEWAY);
            int[] sizes = {40_000, 20, 8_000, 20};
            for (int n = 0; n < sizes.length; n++) {
                String body = String.format("datagram %03d", n) + "x".repeat(sizes[n]);
                byte[] m = ("MESSAGE sip:romeo@a.test SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + PEER + ":" + socket.getLocalPort() + ";branch=z9hG4bKsize" + n + "\r\n"
                        + "Max-Forwards: 70\r\nTo: <sip:romeo@a.test>\r\nFrom: <sip:juliet@b.test>;tag=s" + n + "\r\n"
                        + "Call-ID: size-" + n + "@" + PEER + "\r\nCSeq: 1 MESSAGE\r\n"
                        + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(m, m.length, gateway, PORT + 1));
                String answer = finalResponse(socket);
                assertEquals("size-" + n + "@" + PEER, header(answer, "Call-ID"));
            }
            for (int n = 0; n < sizes.length; n++) {
                assertEquals(12 + sizes[n], bodies.get(String.format("datagram %03d", n)), "message " + n + " whole");
            }
        }
    }

    /**
     * The sender acts as an RFC 3261 §17.1.2.2 client transaction whose 202 was lost: it retransmits at T1, 2·T1, 4·T1
     * until a final response comes. JAIN-SIP 1.3.0-91 does not answer a retransmission that arrives in the
     * microseconds between its writing the final response and keeping it as bytes (the completed transaction then
     * refuses to send it again); the next retransmission is answered. The gateway must answer within those tries, with
     * the same response (its To tag included), and bridge the message once.
     */
    @Test
    void aMessageRetransmittedAfterIts202IsAnsweredAgainAndBridgedOnce() throws Exception {
        int messages = 20;
        AtomicInteger bridged = new AtomicInteger();
        SipEndpointSettings settings = new SipEndpointSettings(GATEWAY, PORT + 2, List.of("udp"), PEER, 5999, "udp", Set.of(PEER),
                Duration.ofHours(1), "retransmission");
        try (SipEndpoint endpoint = SipEndpoint.start(settings, m -> {
            bridged.incrementAndGet();
            return CompletableFuture.completedFuture(SipStatus.ACCEPTED);
        }, Clock.systemUTC()); DatagramSocket socket = new DatagramSocket(new InetSocketAddress(PEER, 0))) {
            InetAddress gateway = InetAddress.getByName(GATEWAY);
            for (int n = 0; n < messages; n++) {
                String body = "again " + n;
                byte[] m = ("MESSAGE sip:romeo@a.test SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + PEER + ":" + socket.getLocalPort() + ";branch=z9hG4bKagain" + n + "\r\n"
                        + "Max-Forwards: 70\r\nTo: <sip:romeo@a.test>\r\nFrom: <sip:juliet@b.test>;tag=a" + n + "\r\n"
                        + "Call-ID: again-" + n + "@" + PEER + "\r\nCSeq: 1 MESSAGE\r\n"
                        + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8);
                socket.setSoTimeout(10_000);
                socket.send(new DatagramPacket(m, m.length, gateway, PORT + 2));
                String first = finalResponse(socket);
                assertTrue(first.startsWith("SIP/2.0 202 "), first);
                String again = null;
                for (int attempt = 0, wait = 500; attempt < 4 && again == null; attempt++, wait *= 2) {
                    socket.send(new DatagramPacket(m, m.length, gateway, PORT + 2)); // as if the 202 had been lost
                    socket.setSoTimeout(wait);
                    try {
                        again = finalResponse(socket);
                    } catch (SocketTimeoutException e) {
                        // unanswered: retransmitted again, as the sender's Timer E does
                    }
                }
                assertTrue(again != null && again.startsWith("SIP/2.0 202 "), "message " + n + ": the retransmission is answered 202: " + again);
                assertEquals("again-" + n + "@" + PEER, header(again, "Call-ID"));
                assertEquals(header(first, "To"), header(again, "To"), "the same response, its To tag included");
            }
            assertEquals(messages, bridged.get(), "each message reached the bridge once");
        }
    }
}
