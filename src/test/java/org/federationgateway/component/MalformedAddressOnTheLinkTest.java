package org.federationgateway.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.federationgateway.testing.CapturedLog;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * A broken XMPP server sends, on the XEP-0114 link, a stanza whose {@code from} or {@code to} is no JID (the fuzz
 * finding {@code from='@domain/r'}). No real server sends that (Prosody, ejabberd and Openfire check addresses), so
 * the server here is a script on a loopback socket. The one stanza is refused with {@code jid-malformed}
 * (RFC 6120 §8.3.3.8) and logged with its reason code; the link stays open and the next stanza is delivered on the
 * same connection.
 */
class MalformedAddressOnTheLinkTest {
    private static final String COMPONENT = "sip.xmpp.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * Runs the server's side: handshake, the stanzas, then reads what the component sends until it holds {@code until},
     * which it completes {@code sent} with; the connection stays open until {@code done}.
     */
    private static void serve(ServerSocket server, String stanzas, String until, CompletableFuture<String> sent, CountDownLatch done)
            throws IOException, InterruptedException {
        try (Socket s = server.accept(); OutputStream out = s.getOutputStream(); InputStream in = s.getInputStream()) {
            s.setSoTimeout((int) TIMEOUT.toMillis());
            readUntil(in, ">");
            out.write(("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'"
                    + " from='" + COMPONENT + "' id='id1'>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            readUntil(in, "</handshake>");
            out.write(("<handshake/>" + stanzas).getBytes(StandardCharsets.UTF_8));
            out.flush();
            sent.complete(readUntil(in, until));
            done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.UTF_8).contains(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the component closed the link; read: " + read.toString(StandardCharsets.UTF_8));
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static void refusedAndTheLinkKeepsServing(String hostile, String errorTo) throws Exception {
        BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); CapturedLog log = CapturedLog.start()) {
            String good = "<message from='a@xmpp.test/r' to='b@" + COMPONENT + "' id='good'><body>after</body></message>";
            CompletableFuture<String> sent = new CompletableFuture<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread script = new Thread(() -> {
                try {
                    serve(server, hostile + good, "</message>", sent, done);
                } catch (IOException | InterruptedException e) {
                    sent.completeExceptionally(e);
                }
            });
            script.start();
            ComponentSettings settings = new ComponentSettings(server.getInetAddress().getHostAddress(), server.getLocalPort(), COMPONENT, "secret",
                    Duration.ofMillis(200), Duration.ofSeconds(1));
            try (ComponentHost host = ComponentHost.start(settings, received::add)) {
                Packet next = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(next instanceof Message m && "after".equals(m.getBody()), "the stanza after the refused one is delivered: " + next);
                String fromGateway = sent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(fromGateway.contains("type=\"error\"") && fromGateway.contains("<jid-malformed")
                        && fromGateway.contains("to=\"" + errorTo + "\"") && fromGateway.contains("id=\"bad\""), fromGateway);
                assertEquals(1, host.status().connects(), "one connection: the link was not dropped");
                assertTrue(host.status().connected());
            } finally {
                done.countDown();
                script.join(TIMEOUT.toMillis());
            }
            assertTrue(log.text().contains("refused a message on the component link from 127.0.0.1: reason=jid-malformed"), log.text());
            assertTrue(received.isEmpty(), "the refused stanza reached nobody: " + received);
        }
    }

    @Test
    void aFromWithAnEmptyLocalpartIsRefusedWithAnErrorToItsDomain() throws Exception {
        refusedAndTheLinkKeepsServing("<message from='@domain/r' to='b@" + COMPONENT + "' id='bad'><body>x</body></message>", "domain");
    }

    @Test
    void aToThatIsNoJidIsRefusedWithAnErrorToItsSender() throws Exception {
        refusedAndTheLinkKeepsServing("<message from='a@xmpp.test/r' to='b@@" + COMPONENT + "' id='bad'><body>x</body></message>",
                "a@xmpp.test/r");
    }
}
