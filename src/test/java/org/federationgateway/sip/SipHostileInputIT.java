package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.federationgateway.gateway.SipStatus;
import org.federationgateway.testing.CapturedLog;
import org.federationgateway.testing.MutableClock;
import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/**
 * Oversized and unbridgeable SIP requests sent over TCP to the gateway's real JAIN-SIP endpoint by a trusted peer:
 * each is answered with an error naming the reason, nothing of it reaches XMPP, and the next ordinary MESSAGE on the
 * same connection is delivered. Behind the endpoint is the real translation (RFC 7572), as the bridge runs it.
 */
class SipHostileInputIT {
    private static final String GATEWAY = "127.0.76.1";
    private static final String PEER = "127.0.76.2";
    private static final String STRANGER = "127.0.76.3";
    private static final int PORT = 5060;
    private static final MessageMapping MAPPING = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.CHAT);
    private static final List<Message> DELIVERED = new CopyOnWriteArrayList<>();
    /** The endpoint's clock, moved by the flood test to end the untrusted-refusal log's interval. */
    private static final MutableClock CLOCK = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    private static SipEndpoint endpoint;
    private static int sequence;

    @BeforeAll
    static void start() throws Exception {
        SipEndpointSettings settings = new SipEndpointSettings(GATEWAY, PORT, List.of("tcp"), PEER, 5999, "tcp", Set.of(PEER),
                Duration.ofHours(1), "hostile");
        endpoint = SipEndpoint.start(settings, m -> {
            MessageMapping.ToXmpp out = MAPPING.toXmpp(m);
            if (out instanceof MessageMapping.Deliver d) {
                DELIVERED.add(d.message());
                return CompletableFuture.completedFuture(SipStatus.OK);
            }
            MessageMapping.Reject r = (MessageMapping.Reject) out;
            return CompletableFuture.completedFuture(new SipStatus(r.response().status(), r.response().reason()));
        }, CLOCK);
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static byte[] message(String extraHeaders, byte[] body) {
        int n = ++sequence;
        String head = "MESSAGE sip:romeo@a.test SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP " + PEER + ":5999;branch=z9hG4bKhostile" + n + "\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:romeo@a.test>\r\nFrom: <sip:juliet@b.test>;tag=h" + n + "\r\n"
                + "Call-ID: hostile-" + n + "@" + PEER + "\r\nCSeq: 1 MESSAGE\r\n" + extraHeaders
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Reads one response's status line and headers (and skips its body). */
    private static String response(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the gateway closed the connection; read so far: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static Socket connect() throws Exception {
        return connect(PEER);
    }

    private static Socket connect(String from) throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(GATEWAY, PORT), 5_000);
        s.setSoTimeout(30_000);
        return s;
    }

    private static void assertNextOrdinaryMessageIsDelivered(OutputStream out, InputStream in) throws Exception {
        int before = DELIVERED.size();
        out.write(message("", "still here".getBytes(StandardCharsets.UTF_8)));
        out.flush();
        String ok = response(in);
        assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        assertEquals(before + 1, DELIVERED.size());
        assertEquals("still here", DELIVERED.get(DELIVERED.size() - 1).getBody());
    }

    @Test
    void aOneMegabyteBodyIsAnswered413AndTheConnectionKeepsServing() throws Exception {
        try (Socket s = connect(); OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
            int before = DELIVERED.size();
            byte[] body = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
            out.write(message("", body));
            out.flush();
            String answer = response(in);
            assertTrue(answer.startsWith("SIP/2.0 413 the MESSAGE body is 1000000 bytes; the gateway bridges at most "
                    + MessageMapping.MAX_INBOUND_BODY), answer);
            assertEquals(before, DELIVERED.size(), "nothing reached XMPP");
            assertNextOrdinaryMessageIsDelivered(out, in);
        }
    }

    @Test
    void aControlCharacterXmppCannotCarryIsAnswered400() throws Exception {
        try (Socket s = connect(); OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
            int before = DELIVERED.size();
            out.write(message("", "a\u0000b".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            String answer = response(in);
            assertTrue(answer.startsWith("SIP/2.0 400 the body holds U+0000, which XMPP cannot carry"), answer);
            assertEquals(before, DELIVERED.size(), "nothing reached XMPP");
            assertNextOrdinaryMessageIsDelivered(out, in);
        }
    }

    /** A 64 KB header is answered 513 naming the limit; nothing reaches XMPP and the same connection keeps serving. */
    @Test
    void aSixtyFourKilobyteHeaderIsAnswered513AndTheConnectionKeepsServing() throws Exception {
        try (Socket s = connect(); OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
            int before = DELIVERED.size();
            out.write(message("X-Padding: " + "p".repeat(64 * 1024) + "\r\n", "with padding".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            String answer = response(in);
            assertTrue(answer.startsWith("SIP/2.0 513 the request's headers are "), answer.substring(0, Math.min(200, answer.length())));
            assertTrue(answer.lines().findFirst().orElseThrow().endsWith("bytes; the gateway reads at most " + RequestDispatcher.MAX_HEADER_BYTES), answer);
            assertEquals(before, DELIVERED.size(), "nothing reached XMPP");
            assertNextOrdinaryMessageIsDelivered(out, in);
        }
    }

    /**
     * A 10 MB body (a PIDF document, as a NOTIFY would carry it) is beyond what the SIP stack reads for one message
     * (1 MiB): it closes that connection without reading the rest; nothing reaches XMPP, and the gateway serves the
     * next connection.
     */
    @Test
    void aTenMegabyteNotifyIsCutOffAndTheGatewayKeepsServing() throws Exception {
        int before = DELIVERED.size();
        try (Socket s = connect(); OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
            int n = ++sequence;
            int size = 10 * 1024 * 1024;
            String head = "NOTIFY sip:gateway@" + GATEWAY + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP " + PEER + ":5999;branch=z9hG4bKpidf" + n + "\r\n"
                    + "Max-Forwards: 70\r\nTo: <sip:gateway@" + GATEWAY + ">;tag=gw" + n + "\r\nFrom: <sip:juliet@b.test>;tag=h" + n + "\r\n"
                    + "Call-ID: pidf-" + n + "@" + PEER + "\r\nCSeq: 1 NOTIFY\r\nEvent: presence\r\nSubscription-State: active;expires=600\r\n"
                    + "Contact: <sip:juliet@" + PEER + ":5999;transport=tcp>\r\n"
                    + "Content-Type: application/pidf+xml\r\nContent-Length: " + size + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.UTF_8));
            byte[] open = "<?xml version='1.0'?><presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:juliet@b.test'><note>"
                    .getBytes(StandardCharsets.UTF_8);
            out.write(open);
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            String outcome = "sent whole";
            try {
                for (long sent = open.length; sent < size; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                }
                out.flush();
                int b = in.read();
                outcome = b < 0 ? "closed" : "answered " + (char) b;
            } catch (java.io.IOException e) {
                outcome = "closed";
            }
            assertEquals("closed", outcome, "the stack stops reading a message over its 1 MiB limit");
        }
        assertEquals(before, DELIVERED.size(), "nothing reached XMPP");
        try (Socket s = connect(); OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
            assertNextOrdinaryMessageIsDelivered(out, in);
        }
    }

    private static void flood(OutputStream out, InputStream in, int requests, String tag) throws Exception {
        for (int i = 0; i < requests; i++) {
            String options = "OPTIONS sip:" + GATEWAY + " SIP/2.0\r\nVia: SIP/2.0/TCP " + STRANGER + ":5999;branch=z9hG4bKflood" + tag + i
                    + "\r\nMax-Forwards: 70\r\nTo: <sip:" + GATEWAY + ">\r\nFrom: <sip:x@" + STRANGER + ">;tag=f" + i
                    + "\r\nCall-ID: flood-" + tag + i + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            out.write(options.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = response(in);
            assertTrue(answer.startsWith("SIP/2.0 403 Not a trusted peer"), answer);
        }
    }

    private static List<String> refusalLines(CapturedLog log) {
        return log.text().lines().filter(l -> l.contains("refused SIP OPTIONS from untrusted " + STRANGER)).toList();
    }

    /**
     * A flood from an untrusted address: every request refused 403 and counted exactly; the log grows by one line per
     * interval of the endpoint's clock (moved by the test, so the assertion is on the log, not on how long it took),
     * and that line counts the refusals it stands for.
     */
    @Test
    void aFloodFromAnUntrustedAddressIsRefusedAndLoggedOncePerInterval() throws Exception {
        long refusedBefore = endpoint.refusedUntrusted();
        int flood = 1_000;
        try (CapturedLog captured = CapturedLog.start(); Socket s = connect(STRANGER); OutputStream out = s.getOutputStream();
             InputStream in = s.getInputStream()) {
            CLOCK.advance(RefusalLog.INTERVAL); // an interval of its own, whatever refusals came before
            flood(out, in, flood, "a");
            assertEquals(1, refusalLines(captured).size(), "one line for the first interval:\n" + captured.text());
            CLOCK.advance(RefusalLog.INTERVAL.minusSeconds(1));
            flood(out, in, flood, "b");
            assertEquals(1, refusalLines(captured).size(), "still one line within the interval:\n" + captured.text());
            CLOCK.advance(Duration.ofSeconds(1));
            flood(out, in, flood, "c");
            List<String> lines = refusalLines(captured);
            assertEquals(2, lines.size(), "a second line once the interval is over:\n" + captured.text());
            assertTrue(lines.get(1).contains((2 * flood - 1) + " more refused since"), "the line counts what it stands for: " + lines.get(1));
        }
        assertEquals(refusedBefore + 3L * flood, endpoint.refusedUntrusted(), "every refusal is counted");
        try (Socket s = connect(); OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
            assertNextOrdinaryMessageIsDelivered(out, in);
        }
    }
}
