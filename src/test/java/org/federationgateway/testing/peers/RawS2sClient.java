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
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

import org.federationgateway.testing.Ports;

/**
 * A server-to-server stream written by hand, as a partner's server (or an attacker holding a partner's certificate)
 * would open it: STARTTLS with the domain's certificate, SASL EXTERNAL (RFC 6120 §6, XEP-0178), then any bytes the
 * test chooses, such as stanzas whose {@code from} is another domain. Reads byte by byte so nothing of the TLS
 * handshake is taken from the plain stream.
 */
public final class RawS2sClient implements AutoCloseable {
    private static final String STREAM_NS = "http://etherx.jabber.org/streams";
    private static final Pattern FEATURES_END = Pattern.compile("</stream:features>|<stream:features\\s*/>");
    private static final Pattern CLOSED = Pattern.compile("</stream:stream>");

    private final String from;
    private final String to;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Duration timeout;

    private RawS2sClient(String from, String to, Duration timeout) {
        this.from = from;
        this.to = to;
        this.timeout = timeout;
    }

    /**
     * Connects from {@code localAddress} to {@code host:port}, authenticates as {@code from} towards {@code to} with
     * SASL EXTERNAL over TLS, and returns the authenticated stream; throws with what the server said otherwise.
     */
    public static RawS2sClient authenticate(String localAddress, String host, int port, String from, String to, IssuedCertificate certificate,
                                            X509TrustManager trust, Duration timeout) {
        Ports.requireLoopback(host);
        RawS2sClient c = new RawS2sClient(from, to, timeout);
        try {
            c.socket = new Socket();
            c.socket.bind(new InetSocketAddress(localAddress, 0));
            c.socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            c.socket.setSoTimeout((int) timeout.toMillis());
            c.in = c.socket.getInputStream();
            c.out = c.socket.getOutputStream();
            c.openStream();
            String features = c.readUntil(FEATURES_END);
            if (!features.contains("starttls")) {
                throw new AssertionError("no STARTTLS offered: " + features);
            }
            c.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            String proceed = c.readUntil(Pattern.compile("<proceed[^>]*/>|<failure"));
            if (!proceed.contains("<proceed")) {
                throw new AssertionError("STARTTLS refused: " + proceed);
            }
            SSLSocket tls = (SSLSocket) context(certificate, trust).getSocketFactory().createSocket(c.socket, host, port, true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            c.socket = tls;
            c.in = tls.getInputStream();
            c.out = tls.getOutputStream();
            c.openStream();
            String secured = c.readUntil(FEATURES_END);
            if (!secured.contains(">EXTERNAL<")) {
                throw new AssertionError("SASL EXTERNAL not offered over TLS: " + secured);
            }
            c.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>"
                    + Base64.getEncoder().encodeToString(from.getBytes(StandardCharsets.UTF_8)) + "</auth>");
            String outcome = c.readUntil(Pattern.compile("<success[^>]*(/>|</success>)|</failure>|</stream:stream>"));
            if (!outcome.contains("<success")) {
                throw new AssertionError("SASL EXTERNAL as " + from + " refused: " + outcome);
            }
            c.openStream();
            c.readUntil(FEATURES_END);
            return c;
        } catch (IOException | GeneralSecurityException e) {
            c.close();
            throw new AssertionError("S2S stream as " + from + " to " + host + ":" + port + " failed", e);
        }
    }

    private static SSLContext context(IssuedCertificate certificate, X509TrustManager trust) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream p12 = Files.newInputStream(certificate.pkcs12())) {
            keys.load(p12, certificate.pkcs12Password());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, certificate.pkcs12Password());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {trust}, null);
        return context;
    }

    private void openStream() throws IOException {
        write("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='" + STREAM_NS + "' from='" + from + "' to='" + to
                + "' version='1.0'>");
    }

    /** Sends raw XML (a stanza, typically) on the authenticated stream. */
    public void send(String xml) {
        try {
            write(xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the server sends from now until it closes the stream (or the connection), or until {@code timeout} passes
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
                throw new IOException("the server closed the connection; read: " + read.toString(StandardCharsets.UTF_8));
            }
            read.write(b);
            if (read.toString(StandardCharsets.UTF_8).contains("</stream:stream>")) {
                throw new IOException("the server closed the stream: " + read.toString(StandardCharsets.UTF_8));
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing is all that is left
        }
    }
}
