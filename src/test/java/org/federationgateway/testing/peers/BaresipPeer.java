package org.federationgateway.testing.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * baresip 1.0 (Debian's {@code baresip}) as a SIP user: a generated config directory ({@code -f}), SIP on its own
 * loopback address, one account registered at the front end, one contact (the partner), and the {@code cons}
 * module's TCP console on the same address for commands ({@code /message}, {@code /presence_online},
 * {@code /contacts}). What baresip prints (received messages, contact states) comes back on that console and, with
 * {@code -s}, every SIP message it sends or receives goes to its log. No audio device is opened. Stopped by PID.
 */
public final class BaresipPeer implements AutoCloseable {
    public static final String BINARY = "/usr/bin/baresip";
    public static final int SIP_PORT = 5060;
    public static final int CONSOLE_PORT = 5555;

    private final String address;
    private final PeerProcess process;
    private final Socket console;
    private final StringBuffer consoleText = new StringBuffer();
    private final Thread reader;

    private BaresipPeer(String address, PeerProcess process, Socket console) {
        this.address = address;
        this.process = process;
        this.console = console;
        this.reader = new Thread(this::readConsole, "baresip-console-" + address);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param aor       the account, e.g. {@code sip:romeo@a.test}
     * @param address   the loopback address baresip binds
     * @param frontEnd  {@code host:port} of the registrar and outbound proxy (TCP)
     * @param contact   the one contact, e.g. {@code sip:juliet@b.test}
     * @param presence  subscribe to the contact's presence and publish our own (RFC 3856, RFC 3903)
     */
    public static BaresipPeer start(String aor, String address, String frontEnd, String contact, boolean presence, Path dir) {
        PeerBinaries.require(BINARY, "baresip");
        Ports.requireLoopback(address);
        PeerDirectories.wipe(dir);
        PeerDirectories.write(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen " + address + ":" + SIP_PORT,
                "sip_trans_def tcp",
                "module_path /usr/lib/baresip/modules",
                "module_app account.so",
                "module_app contact.so",
                "module_app menu.so",
                presence ? "module_app presence.so" : "",
                "module cons.so",
                "cons_listen " + address + ":" + CONSOLE_PORT,
                "audio_player none",
                "audio_source none",
                "audio_alert none",
                "") + "\n");
        String outbound = "sip:" + frontEnd + ";transport=tcp";
        PeerDirectories.write(dir.resolve("accounts"), "<" + aor + ";transport=tcp>;outbound=\"" + outbound + "\";regint=300;pubint="
                + (presence ? "300" : "0") + ";auth_pass=none\n");
        PeerDirectories.write(dir.resolve("contacts"), "\"Partner\" <" + contact + ">" + (presence ? ";presence=p2p" : "") + "\n");
        PeerProcess p = PeerProcess.start("baresip " + aor, List.of(BINARY, "-s", "-f", dir.toString()), dir.resolve("baresip.log"));
        try {
            p.awaitPort(address, CONSOLE_PORT, Duration.ofSeconds(15));
            Socket s = new Socket();
            s.connect(new InetSocketAddress(address, CONSOLE_PORT), 5000);
            BaresipPeer peer = new BaresipPeer(address, p, s);
            peer.command("/help"); // the console sends output to connections that have spoken
            return peer;
        } catch (IOException e) {
            p.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private void readConsole() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8))) {
            char[] buf = new char[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                consoleText.append(buf, 0, n);
            }
        } catch (IOException closed) {
            // the console closes when baresip stops
        }
    }

    /** Sends one console command, e.g. {@code /message Hello}. */
    public void command(String line) {
        try {
            OutputStream out = console.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("baresip console: " + line, e);
        }
    }

    /** Sends a MESSAGE to the contact (baresip's "current contact"). */
    public void message(String text) {
        command("/message " + text);
    }

    public String console() {
        return consoleText.toString().replaceAll("\u001B\\[[;0-9]*m", "");
    }

    public String log() {
        return process.log();
    }

    /** Waits until the console shows {@code pattern}. */
    public String awaitConsole(Pattern pattern, Duration timeout) {
        return PeerProcess.awaitLog("baresip console at " + address, this::console, pattern, timeout);
    }

    /** Waits until baresip's SIP trace (its log) shows {@code pattern}. */
    public String awaitLog(Pattern pattern, Duration timeout) {
        process.awaitCondition("/" + pattern + "/ in baresip's log", timeout, () -> pattern.matcher(process.log()).find());
        return process.log();
    }

    /** Waits for the registration at the front end. */
    public void awaitRegistered(Duration timeout) {
        awaitLog(Pattern.compile("(?s)REGISTER sip:.*SIP/2.0 200 OK.*CSeq: \\d+ REGISTER"), timeout);
    }

    /** The status baresip shows for its contact ({@code /contacts}), e.g. Online, Busy, Unknown. */
    public String awaitContactStatus(String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pattern line = Pattern.compile("(?m)^>?\\s*" + Pattern.quote(status) + "\\s+Partner <");
        while (System.nanoTime() < deadline) {
            int mark = consoleText.length();
            command("/contacts");
            Ports.sleep(300);
            String since = consoleText.substring(Math.min(mark, consoleText.length())).replaceAll("\u001B\\[[;0-9]*m", "");
            if (line.matcher(since).find()) {
                return since;
            }
        }
        throw new AssertionError("baresip never showed its contact as " + status + "; console:\n" + tail(console()));
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        command("/quit");
        if (!process.awaitExit(Duration.ofSeconds(3))) {
            process.close();
        }
        process.stop(Duration.ofSeconds(2));
        try {
            console.close();
        } catch (IOException ignored) {
            // stopping anyway
        }
    }
}
