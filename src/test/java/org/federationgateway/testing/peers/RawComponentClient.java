package org.federationgateway.testing.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * An XEP-0114 component written by hand, as a hostile or broken component of the same server would connect: the
 * handshake, then any bytes the test chooses, such as stanzas whose {@code from} is another domain.
 */
public final class RawComponentClient implements AutoCloseable {
    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream[^>]*\\sid=['\"]([^'\"]+)['\"]");
    private static final Pattern CLOSED = Pattern.compile("</stream:stream>");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawComponentClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects as {@code componentDomain} and completes the handshake; throws with what the server said otherwise. */
    public static RawComponentClient connect(String host, int port, String componentDomain, String secret, Duration timeout) {
        Ports.requireLoopback(host);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            RawComponentClient c = new RawComponentClient(socket);
            c.write("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='" + componentDomain + "'>");
            String header = c.readUntil(STREAM_ID);
            Matcher id = STREAM_ID.matcher(header);
            if (!id.find()) {
                throw new AssertionError("no stream id from the server: " + header);
            }
            c.write("<handshake>" + sha1Hex(id.group(1) + secret) + "</handshake>");
            String answer = c.readUntil(Pattern.compile("<handshake\\s*/>|<handshake></handshake>|</stream:stream>"));
            if (!answer.contains("<handshake")) {
                throw new AssertionError("the handshake as " + componentDomain + " was refused: " + answer);
            }
            return c;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            throw new AssertionError("component stream as " + componentDomain + " to " + host + ":" + port + " failed", e);
        }
    }

    /** Sends raw XML (a stanza, typically) on the stream. */
    public void send(String xml) {
        try {
            write(xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the server sends from now until it closes the stream (or the connection), or until the timeout passes
     * without a byte; the text is returned either way, for the test to judge.
     */
    public String readUntilClosed() {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            while (!CLOSED.matcher(read.toString(StandardCharsets.UTF_8)).find()) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                read.write(b);
            }
        } catch (SocketTimeoutException e) {
            // the server kept the stream open: what it sent so far is the answer
        } catch (IOException e) {
            // a reset connection is a closed one
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private void write(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String readUntil(Pattern end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!end.matcher(read.toString(StandardCharsets.UTF_8)).find()) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left
        }
    }
}
