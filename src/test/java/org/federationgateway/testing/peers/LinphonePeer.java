package org.federationgateway.testing.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * Linphone (Debian's {@code linphone-cli}, {@code linphonec} 5.1) as a SIP user, in a network namespace of its own
 * whose only interface is {@code lo}: nothing it sends can leave the machine's loopback, whatever address it picks.
 * Its SIP listener is bound ({@code [sip] bind_address}) to its lab address inside the namespace; its one TCP
 * connection to the front end goes to a relay in the namespace that listens on the front end's address and port and
 * hands the bytes through a UNIX socket to a second relay outside, which connects to the real front end from the
 * user's lab address. To the front end the relay looks like a NAT: it registers the source of the REGISTER and reaches
 * Linphone back over that same connection. Commands go to linphonec's console (its standard input); its console output
 * and its SIP trace ({@code -d 6}) go to files. Stopped with {@code quit} (it unregisters and unpublishes), else by PID.
 */
public final class LinphonePeer implements AutoCloseable {
    public static final String BINARY = "/usr/bin/linphonec";
    public static final String RELAY = "/usr/bin/socat";
    public static final String UNSHARE = "/usr/bin/unshare";
    public static final int SIP_PORT = 5060;

    private final String aor;
    private final Path dir;
    private final PeerProcess relay;
    private final PeerProcess linphone;

    private LinphonePeer(String aor, Path dir, PeerProcess relay, PeerProcess linphone) {
        this.aor = aor;
        this.dir = dir;
        this.relay = relay;
        this.linphone = linphone;
    }

    /**
     * @param aor        the account, e.g. {@code sip:linus@a.test}
     * @param address    the loopback address Linphone binds (in its namespace) and the relay connects from (outside)
     * @param frontEnd   the front end's loopback address (registrar and outbound proxy, TCP port 5060)
     * @param friends    addresses whose presence Linphone subscribes to (RFC 3856), e.g. {@code sip:juliet@b.test}
     */
    public static LinphonePeer start(String aor, String address, String frontEnd, List<String> friends, Path dir) {
        PeerBinaries.require(BINARY, "linphone-cli");
        PeerBinaries.require(RELAY, "socat");
        PeerBinaries.require(UNSHARE, "util-linux");
        PeerBinaries.require("/usr/sbin/ip", "iproute2");
        Ports.requireLoopback(address);
        Ports.requireLoopback(frontEnd);
        PeerDirectories.wipe(dir);
        Path home = dir.resolve("home");
        PeerDirectories.write(home.resolve(".local/share/linphone/.keep"), "");
        Path socket = dir.resolve("front-end.sock");
        StringBuilder rc = new StringBuilder();
        rc.append("[sip]\n")
                .append("bind_address=").append(address).append('\n')
                .append("sip_port=0\nsip_tcp_port=").append(SIP_PORT).append("\nsip_tls_port=0\n")
                .append("guess_hostname=0\nipv6_migration_done=1\ndefault_proxy=0\n")
                .append("[net]\nenable_ipv6=0\nfirewall_policy=0\nstun_server=\nnat_policy_ref=\n")
                .append("[rtp]\naudio_rtp_port=7078\nvideo_rtp_port=9078\n")
                .append("[sound]\nplayback_dev_id=\nringer_dev_id=\ncapture_dev_id=\n")
                // Linphone's apps enable CPIM in basic chat rooms for every account (their default chat mode); linphonec
                // 5.1 reads this account setting from the accounts' default values only.
                .append("[proxy_default_values]\ncpim_in_basic_chat_rooms_enabled=1\n")
                .append("[proxy_0]\n")
                .append("reg_proxy=<sip:").append(frontEnd).append(":5060;transport=tcp>\n")
                .append("reg_route=<sip:").append(frontEnd).append(":5060;transport=tcp;lr>\n")
                .append("reg_identity=").append(aor).append('\n')
                .append("reg_expires=300\nreg_sendregister=1\npublish=1\ncpim_in_basic_chat_rooms_enabled=1\n");
        for (int i = 0; i < friends.size(); i++) {
            rc.append("[friend_").append(i).append("]\nurl=\"Friend ").append(i).append("\" <").append(friends.get(i))
                    .append(">\npol=accept\nsubscribe=1\n");
        }
        Path rcFile = dir.resolve("linphonerc");
        PeerDirectories.write(rcFile, rc.toString());
        // Inside the namespace: lo up, connections to the front end leave from the user's address, the inner relay
        // listens where the front end would, then linphonec replaces the shell (its standard input is our pipe).
        String inner = String.join("\n",
                "set -e",
                "ip link set lo up",
                "ip route add local " + frontEnd + "/32 dev lo src " + address + " table local",
                // liblinphone finds "its" address by connecting a UDP socket towards a public address (no packet is
                // sent) and takes the network as down while that fails or yields 127.0.0.1: a default route on lo
                // with the user's address as source answers it; whatever took that route would stay on lo.
                "ip route add default dev lo src " + address,
                "echo \"namespace links: $(ip -o link show | awk -F': ' '{print $2}' | tr '\\n' ' ')\"",
                RELAY + " TCP-LISTEN:5060,bind=" + frontEnd + ",reuseaddr,fork UNIX-CONNECT:" + socket + " 2>>'" + dir.resolve("relay-inner.log") + "' &",
                "i=0; until ss -Hltn 'sport = :5060' | grep -q '" + frontEnd + ":5060'; do i=$((i+1)); [ $i -lt 200 ] || exit 3; sleep 0.05; done",
                "export HOME='" + home + "'",
                "exec " + BINARY + " -c '" + rcFile + "' -d 6 -l '" + dir.resolve("linphone.log") + "'",
                "");
        Path script = dir.resolve("namespace.sh");
        PeerDirectories.write(script, inner);
        PeerProcess outer = PeerProcess.start("relay for linphonec " + aor, List.of(RELAY, "UNIX-LISTEN:" + socket + ",fork,unlink-early",
                "TCP:" + frontEnd + ":5060,bind=" + address), dir.resolve("relay-outer.log"));
        PeerProcess p = null;
        try {
            outer.awaitCondition("the relay's socket " + socket, Duration.ofSeconds(10), () -> Files.exists(socket));
            p = PeerProcess.startInteractive("linphonec " + aor, List.of(UNSHARE, "--net", "/bin/sh", script.toString()), dir.resolve("console.log"));
            LinphonePeer peer = new LinphonePeer(aor, dir, outer, p);
            return peer;
        } catch (RuntimeException | Error e) {
            if (p != null) {
                p.close();
            }
            outer.close();
            throw e;
        }
    }

    /** The network links linphonec's namespace has, as it printed them at start (only {@code lo}). */
    public List<String> namespaceLinks(Duration timeout) {
        String console = PeerProcess.awaitLog("linphonec " + aor, this::console, Pattern.compile("namespace links: [^\\n]*\\n"), timeout);
        Matcher m = Pattern.compile("namespace links: ([^\\n]*)\\n").matcher(console);
        m.find();
        return List.of(m.group(1).trim().split("\\s+"));
    }

    /** One console command, e.g. {@code chat sip:juliet@b.test "Hello"}. */
    public void command(String line) {
        linphone.send(line);
    }

    /** Sends an instant message (linphonec's {@code chat}: the rest of the line is the text, quotes included). */
    public void chat(String to, String text) {
        if (text.contains("\n")) {
            throw new IllegalArgumentException("linphonec's chat command takes one line");
        }
        command("chat " + to + " " + text);
    }

    /** What linphonec printed on its console (received messages, friends' presence). */
    public String console() {
        return linphone.log();
    }

    /** Linphone's own log: every SIP message it sent and received, and its chat and presence states. */
    public String log() {
        return PeerProcess.readLog(dir.resolve("linphone.log"));
    }

    public String awaitConsole(Pattern pattern, Duration timeout) {
        return PeerProcess.awaitLog("linphonec console of " + aor, this::console, pattern, timeout);
    }

    /** Waits until what the console printed after {@code mark} (a length of {@link #console()}) shows {@code pattern}. */
    public String awaitConsoleSince(int mark, Pattern pattern, Duration timeout) {
        return PeerProcess.awaitLog("linphonec console of " + aor, () -> console().substring(Math.min(mark, console().length())), pattern, timeout);
    }

    public String awaitLog(Pattern pattern, Duration timeout) {
        linphone.awaitCondition("/" + pattern + "/ in linphonec's log", timeout, () -> pattern.matcher(log()).find());
        return log();
    }

    /** Waits for the registration at the front end. */
    public void awaitRegistered(Duration timeout) {
        awaitLog(Pattern.compile("to \\[LinphoneRegistrationOk\\]"), timeout);
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        try {
            if (linphone.isAlive()) {
                command("quit");
            }
        } catch (RuntimeException ignored) {
            // its console is gone: it is stopping anyway
        }
        if (!linphone.awaitExit(Duration.ofSeconds(5))) {
            linphone.close();
        }
        linphone.stop(Duration.ofSeconds(2));
        relay.stop(Duration.ofSeconds(2));
    }
}
