package org.federationgateway.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/**
 * XEP-0114 §3 from the component's side against a scripted server on an ephemeral loopback port: the handshake is
 * the SHA-1 of the stream id and the secret, and every stanza sent afterwards reaches the server whole and in order,
 * each one at once (TCP_NODELAY: no stanza waits behind the acknowledgement of the one before it).
 */
class Xep0114ComponentLinkWritingTest {
    private static final String SECRET = "s3cret";
    private static final int STANZAS = 200;

    @Test
    void section3HandshakeThenEveryStanzaWholeInOrderAndWithoutDelay() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            CompletableFuture<String> afterHandshake = CompletableFuture.supplyAsync(() -> serve(server));
            ComponentSettings settings = new ComponentSettings(loopback.getHostAddress(), server.getLocalPort(), "gw.a.test", SECRET,
                    Duration.ofMillis(100), Duration.ofSeconds(1));
            try (ComponentConnection c = ComponentConnection.open(settings)) {
                assertTrue(c.sendsWithoutDelay());
                for (int i = 0; i < STANZAS; i++) {
                    Message m = new Message();
                    m.setFrom("romeo@gw.a.test");
                    m.setTo("juliet@b.test");
                    m.setID("m" + i);
                    m.setBody("hello " + i + " <&>");
                    c.send(m);
                }
            }
            String stream = afterHandshake.get(30, TimeUnit.SECONDS);
            Matcher ids = Pattern.compile("<message [^>]*id=\"(m\\d+)\"[^>]*>.*?</message>").matcher(stream);
            int n = 0;
            while (ids.find()) {
                assertEquals("m" + n, ids.group(1));
                assertTrue(ids.group().contains("<body>hello " + n + " &lt;&amp;&gt;</body>"), ids.group());
                n++;
            }
            assertEquals(STANZAS, n);
            assertTrue(stream.endsWith("</stream:stream>"), stream.substring(Math.max(0, stream.length() - 80)));
        }
    }

    /** Answers the stream header and a correct handshake, then returns everything the component wrote until it closed. */
    private static String serve(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readUntil(in, ">"); // <?xml ...?>
            readUntil(in, ">"); // <stream:stream ...>
            out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " from='gw.a.test' id='3BF96D32'>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String handshake = readUntil(in, "</handshake>");
            if (!handshake.equals("<handshake>" + Handshake.digest("3BF96D32", SECRET) + "</handshake>")) {
                throw new AssertionError("handshake " + handshake);
            }
            out.write("<handshake/>".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readUntil(InputStream in, String end) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("stream ended before " + end);
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
