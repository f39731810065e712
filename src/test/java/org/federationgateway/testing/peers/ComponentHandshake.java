package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * The XEP-0114 handshake done by hand: proves a server accepts a component with this name and secret, without the
 * gateway. Returns the server's answer to {@code <handshake/>}.
 */
public final class ComponentHandshake {
    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream[^>]*\\sid=['\"]([^'\"]+)['\"]");

    private ComponentHandshake() {
    }

    /** True when the server answered {@code <handshake/>}; false when it refused (stream error). */
    public static boolean accepted(String host, int port, String componentDomain, String secret, Duration timeout) {
        Ports.requireLoopback(host);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            write(out, "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='"
                    + componentDomain + "'>");
            String header = readUntil(in, STREAM_ID);
            Matcher id = STREAM_ID.matcher(header);
            if (!id.find()) {
                return false;
            }
            write(out, "<handshake>" + sha1Hex(id.group(1) + secret) + "</handshake>");
            String answer = readUntil(in, Pattern.compile("<handshake\\s*/>|<handshake></handshake>|</stream:stream>|<stream:error"));
            return answer.contains("<handshake");
        } catch (IOException e) {
            throw new AssertionError("component handshake with " + host + ":" + port + " failed", e);
        }
    }

    private static void write(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readUntil(InputStream in, Pattern end) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!end.matcher(text).find()) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
