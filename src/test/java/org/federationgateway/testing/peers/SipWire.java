package org.federationgateway.testing.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.federationgateway.testing.Ports;

/** One SIP request written as text over a new TCP connection from a chosen loopback address, and its first answer. */
public final class SipWire {
    private SipWire() {
    }

    /** Sends {@code request} from {@code source} to {@code host:port}; returns the first response's start line and headers. */
    public static String send(String source, String host, int port, String request, Duration timeout) {
        Ports.requireLoopback(source);
        Ports.requireLoopback(host);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return headers(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("SIP over TCP from " + source + " to " + host + ":" + port, e);
        }
    }

    /** Reads up to the blank line that ends a message's headers (a 100 Trying is skipped). */
    private static String headers(InputStream in) throws IOException {
        while (true) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                buf.write(c);
                String text = buf.toString(StandardCharsets.UTF_8);
                if (text.endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String text = buf.toString(StandardCharsets.UTF_8);
            if (c < 0 || !text.startsWith("SIP/2.0 100 ")) {
                return text;
            }
            // skip the provisional answer's body, if any
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?mi)^Content-Length:\\s*(\\d+)").matcher(text);
            if (m.find()) {
                in.readNBytes(Integer.parseInt(m.group(1)));
            }
        }
    }
}
