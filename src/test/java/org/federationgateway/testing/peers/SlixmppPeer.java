package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * A partner's XMPP user on a real third-party client library: slixmpp (Debian's {@code python3-slixmpp}) running a
 * small script the test writes ({@code slixmpp_client.py}), logged in over c2s with STARTTLS trusting the test CA.
 * Commands go over a line-based control socket on its own loopback address; every stanza it receives is one JSON line
 * in its log. Stopped by PID.
 */
public final class SlixmppPeer implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    public static final int CONTROL_PORT = 7000;

    private final PeerProcess process;
    private final Socket control;

    private SlixmppPeer(PeerProcess process, Socket control) {
        this.process = process;
        this.control = control;
    }

    /**
     * @param server    c2s address of the account's server
     * @param caFile    the CA the server's certificate is issued by
     * @param address   loopback address of the control socket
     */
    public static SlixmppPeer start(XmppAccount account, String server, int port, Path caFile, String address, Path dir) {
        PeerBinaries.require(PYTHON, "python3");
        PeerBinaries.requirePackage("python3-slixmpp");
        Ports.requireLoopback(server);
        Ports.requireLoopback(address);
        PeerDirectories.wipe(dir);
        Path script = dir.resolve("slixmpp_client.py");
        try (InputStream in = SlixmppPeer.class.getResourceAsStream("/peers/slixmpp_client.py")) {
            PeerDirectories.write(script, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jid = account.username() + "@" + account.domain() + "/slixmpp";
        PeerProcess p = PeerProcess.start("slixmpp " + jid, List.of(PYTHON, "-u", script.toString(), jid, account.password(), server,
                Integer.toString(port), caFile.toString(), address, Integer.toString(CONTROL_PORT)), dir.resolve("slixmpp.log"));
        try {
            p.awaitPort(address, CONTROL_PORT, Duration.ofSeconds(20));
            p.awaitCondition("the session", Duration.ofSeconds(20), () -> p.log().contains("\"event\": \"ready\""));
            Socket s = new Socket();
            s.connect(new InetSocketAddress(address, CONTROL_PORT), 5000);
            return new SlixmppPeer(p, s);
        } catch (IOException e) {
            p.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private void send(String json) {
        try {
            OutputStream out = control.getOutputStream();
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("slixmpp control", e);
        }
    }

    /** Sends a stanza exactly as written. */
    public void raw(String xml) {
        send("{\"op\": \"raw\", \"xml\": " + json(xml) + "}");
    }

    public void presence(String show, String status) {
        send("{\"op\": \"presence\", \"show\": " + json(show == null ? "" : show) + ", \"status\": " + json(status == null ? "" : status) + "}");
    }

    public void subscribe(String bareJid) {
        send("{\"op\": \"subscribe\", \"to\": " + json(bareJid) + "}");
    }

    /** The XML of every received stanza of that kind, in order. */
    public List<String> received(String kind) {
        String event = "\"event\": \"" + kind + "\"}";
        return process.log().lines().filter(l -> l.startsWith("{\"xml\": ") && l.endsWith(event)).map(SlixmppPeer::xmlField).toList();
    }

    /** Waits for a received stanza of that kind ("message", "presence", "iq") whose XML matches. */
    public String await(String kind, Predicate<String> matching, String what, Duration timeout) {
        String[] found = new String[1];
        process.awaitCondition(what, timeout, () -> {
            for (String xml : received(kind)) {
                if (matching.test(xml)) {
                    found[0] = xml;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public String await(String kind, Pattern pattern, Duration timeout) {
        return await(kind, x -> pattern.matcher(x).find(), kind + " matching /" + pattern + "/", timeout);
    }

    public String log() {
        return process.log();
    }

    private static String xmlField(String line) {
        // {"xml": "...", "event": "..."}: json.dumps keeps insertion order, xml first
        int start = line.indexOf("\"xml\": \"") + 8;
        int end = line.lastIndexOf("\", \"event\"");
        if (start < 8 || end < start) {
            return "";
        }
        return unescape(line.substring(start, end));
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            send("{\"op\": \"quit\"}");
            process.awaitExit(Duration.ofSeconds(3));
        } catch (UncheckedIOException ignored) {
            // already gone
        }
        process.stop(Duration.ofSeconds(2));
        try {
            control.close();
        } catch (IOException ignored) {
            // stopping anyway
        }
    }
}
