package org.federationgateway.sip;

import static org.federationgateway.testing.peers.RawSip.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.federationgateway.gateway.SipStatus;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.junit.jupiter.api.Test;

/**
 * RFC 3261 §21.5.4 over a real UDP socket and the real JAIN-SIP endpoint: with a deliberately tiny request queue
 * (one request, one worker, the worker held busy), every MESSAGE sent gets an answer — the one queued its 202 once
 * the worker is free, every other a 503 with Retry-After — so nothing is left to the kernel or a silent queue. The
 * outgoing side likewise: beyond the configured requests awaiting an answer, a message is refused at once with the
 * gateway's own overload result (which the bridge turns into the XMPP error resource-constraint).
 */
class SipOverloadIT {
    private static final String GATEWAY = "127.0.77.1";
    private static final String PEER = "127.0.77.2";
    private static final int PORT = 5060;
    private static final int SENT = 40;

    private static byte[] message(int n, int localPort) {
        String body = "flood " + n;
        return ("MESSAGE sip:romeo@a.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + PEER + ":" + localPort + ";branch=z9hG4bKflood" + n + "\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:romeo@a.test>\r\nFrom: <sip:juliet@b.test>;tag=f" + n + "\r\n"
                + "Call-ID: flood-" + n + "@" + PEER + "\r\nCSeq: 1 MESSAGE\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }


    /** Reads final responses into {@code answers} (Call-ID -> the response) until {@code count} have come or 30 s passed. */
    private static void receive(DatagramSocket socket, Map<String, String> answers, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        byte[] buffer = new byte[65_535];
        while (answers.size() < count && System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!text.startsWith("SIP/2.0 1")) {
                String previous = answers.put(header(text, "Call-ID"), text);
                assertEquals(null, previous, "one final answer per request, got a second: " + text);
            }
        }
    }

    @Test
    void everyRequestBeyondATinyQueueIsAnswered503WithRetryAfterAndTheQueuedOneIsServed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SipCapacity tiny = new SipCapacity(1 << 20, 1, 1, 100, 7);
        SipEndpointSettings settings = new SipEndpointSettings(GATEWAY, PORT, List.of("udp"), PEER, 5999, "udp", Set.of(PEER),
                Duration.ofHours(1), "overload-in").withCapacity(tiny);
        try (SipEndpoint endpoint = SipEndpoint.start(settings, m -> {
            try {
                release.await(60, TimeUnit.SECONDS); // the one worker stays busy while the flood arrives
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(SipStatus.ACCEPTED);
        }, Clock.systemUTC()); DatagramSocket socket = new DatagramSocket(new InetSocketAddress(PEER, 0))) {
            socket.setSoTimeout(200);
            socket.setReceiveBufferSize(1 << 20);
            Map<String, String> answers = new ConcurrentHashMap<>();
            InetAddress gateway = InetAddress.getByName(GATEWAY);
            for (int n = 0; n < SENT; n++) {
                byte[] m = message(n, socket.getLocalPort());
                socket.send(new DatagramPacket(m, m.length, gateway, PORT));
            }
            receive(socket, answers, SENT - 1);
            assertEquals(SENT - 1, answers.size(), "all but the queued request answered while the worker is busy: " + answers.keySet());
            for (String answer : answers.values()) {
                assertTrue(answer.startsWith("SIP/2.0 503 "), answer);
                assertEquals("7", header(answer, "Retry-After"), answer);
            }
            release.countDown();
            receive(socket, answers, SENT);
            assertEquals(SENT, answers.size(), "answers = requests sent");
            long accepted = answers.values().stream().filter(a -> a.startsWith("SIP/2.0 202 ")).count();
            assertEquals(1, accepted, "the queued request was served");
            assertEquals(SENT - 1, endpoint.shedRequests());
        }
    }

    @Test
    void aMessageBeyondThePendingLimitIsRefusedAtOnceWithTheGatewaysOverloadResult() throws Exception {
        // a front end that reads every request and never answers: the first MESSAGE stays pending
        try (DatagramSocket silentFrontEnd = new DatagramSocket(new InetSocketAddress(PEER, 0))) {
            SipCapacity onePending = new SipCapacity(1 << 20, 10, 1, 1, 1);
            SipEndpointSettings settings = new SipEndpointSettings(GATEWAY, PORT + 1, List.of("udp"), PEER, silentFrontEnd.getLocalPort(), "udp",
                    Set.of(PEER), Duration.ofHours(1), "overload-out").withCapacity(onePending);
            try (SipEndpoint endpoint = SipEndpoint.start(settings, m -> CompletableFuture.completedFuture(SipStatus.OK), Clock.systemUTC())) {
                SipMessage m = new SipMessage(SipUri.parse("sip:romeo@a.test"), SipUri.parse("sip:juliet@b.test"), null, null, null, "text/plain",
                        "hi".getBytes(StandardCharsets.UTF_8));
                CompletableFuture<SipStatus> first = endpoint.sendMessage(m, false).toCompletableFuture();
                silentFrontEnd.setSoTimeout(10_000);
                byte[] buffer = new byte[65_535];
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                // The first MESSAGE really left; it waits for an answer that never comes. The endpoint's OPTIONS
                // heartbeat reaches the same front end and may come first: it is read past, and a receive that
                // times out fails the test.
                String received;
                do {
                    silentFrontEnd.receive(p);
                    received = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                } while (received.startsWith("OPTIONS "));
                assertTrue(received.startsWith("MESSAGE "), received);
                SipStatus second = endpoint.sendMessage(m, false).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertSame(SipStatus.OVERLOADED, second);
                assertTrue(second.isGatewayOverload());
                assertEquals(1, endpoint.shedOutgoing());
                assertNotNull(first);
            }
        }
    }
}
