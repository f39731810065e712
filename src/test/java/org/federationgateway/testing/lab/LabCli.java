package org.federationgateway.testing.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.Ports;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * The lab's small command line: send and watch from either side. Every command prints its outcome in one line and
 * ends as soon as it is known: exit 0 when the message was delivered (or the subscription granted), 1 when it was
 * refused, failed or no outcome came within {@link #WAIT}, 2 for a command line that cannot be run as given.
 */
public final class LabCli {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** The lab's XMPP users and the last octet of their server's address, in the order they are listed. */
    static final Map<String, Integer> XMPP_USERS = users();
    /** The lab's SIP phone that prints what it receives in the lab log ({@link LabMain}). */
    static final String PHONE = "romeo@sip.a.test";
    private static final String SENDER_PHONE = "benvolio";

    private LabCli() {
    }

    private static Map<String, Integer> users() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("juliet@b.test", 2);
        m.put("carol@c.test", 3);
        m.put("ethan@e.test", 4);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** What a command came to: its one line, and whether it counts as success. */
    record Outcome(boolean success, String line) {
        static Outcome ok(String line) {
            return new Outcome(true, line);
        }

        static Outcome failed(String line) {
            return new Outcome(false, line);
        }
    }

    /** A command line that cannot be run as given; the message says what to do instead. */
    static final class Mistake extends RuntimeException {
        Mistake(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            Outcome outcome = run(args);
            System.out.println(outcome.line());
            status = outcome.success() ? 0 : 1;
        } catch (Mistake m) {
            System.err.println(m.getMessage());
            status = 2;
        } catch (Exception | AssertionError e) {
            System.out.println("failed: " + sentence(e) + " (is the lab up? scripts/lab.sh status; its log is target/lab/lab.log)");
            if (System.getenv("LAB_DEBUG") != null) {
                e.printStackTrace();
            }
            status = 1;
        }
        // Smack and JAIN-SIP leave non-daemon executor threads behind after close; a CLI must end.
        System.exit(status);
    }

    static Outcome run(String[] args) throws Exception {
        if (args.length == 0) {
            throw usage();
        }
        return switch (args[0]) {
            case "send-xmpp" -> {
                require(args, 4, "send-xmpp FROM-JID TO-JID TEXT, e.g. send-xmpp juliet@b.test romeo@sip.a.test \"Hello Romeo\"");
                yield sendXmpp(args[1], args[2], args[3]);
            }
            case "send-sip" -> {
                require(args, 3, "send-sip TO-SIP-URI TEXT, e.g. send-sip sip:juliet@b.test \"Hello Juliet\"");
                yield sendSip(args[1], args[2]);
            }
            case "presence" -> {
                require(args, 3, "presence WATCHER-JID CONTACT-JID, e.g. presence juliet@b.test romeo@sip.a.test");
                yield presence(args[1], args[2]);
            }
            default -> throw usage();
        };
    }

    // ---- send-xmpp ----

    private static Outcome sendXmpp(String from, String to, String text) throws Exception {
        String sender = labUser(from, "the sender");
        String recipient = bare(to);
        Path log = PluginRoot.resolve("target/lab/lab.log");
        try (XmppClient client = xmpp(sender); Watch watch = Watch.of(client);
             XmppClient receiver = XMPP_USERS.containsKey(recipient) && !recipient.equals(sender) ? xmpp(recipient) : null) {
            long logOffset = size(log);
            String id = client.sendTracked(to, text);
            Supplier<Boolean> delivered;
            String where;
            if (receiver != null) {
                delivered = () -> receiver.count(m -> m.getType() != Message.Type.error && text.equals(m.getBody())) > 0;
                where = recipient + " received it";
            } else if (recipient.equals(sender)) {
                delivered = () -> client.count(m -> m.getType() != Message.Type.error && text.equals(m.getBody())) > 0;
                where = recipient + " received it";
            } else if (recipient.equals(PHONE)) {
                delivered = () -> phoneReceived(log, logOffset, text);
                where = "romeo's SIP phone received it (target/lab/lab.log)";
            } else {
                delivered = () -> false;
                where = null;
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<Message> error = firstError(client, id);
                if (error.isPresent()) {
                    return Outcome.failed("refused: " + sender + " -> " + to + ": " + describe(error.get().getError()) + " (error from " + error.get().getFrom() + ")");
                }
                if (watch.closed() != null) {
                    return Outcome.failed("not delivered: the server closed " + sender + "'s connection: " + watch.closed());
                }
                if (delivered.get()) {
                    return Outcome.ok("delivered: " + sender + " -> " + to + ": " + where);
                }
                Ports.sleep(50);
            }
            String seen = where == null
                    ? "; the lab cannot watch " + recipient + " (it watches " + PHONE + " and " + String.join(", ", XMPP_USERS.keySet()) + ")"
                    : ", and " + (recipient.equals(PHONE) ? "romeo's phone" : recipient) + " did not receive it";
            return Outcome.failed("no outcome within " + WAIT.toSeconds() + " s: " + sender + " -> " + to + ": no error came back" + seen + openfireHint());
        }
    }

    private static boolean phoneReceived(Path log, long offset, String text) {
        String added = readFrom(log, offset);
        int at = added.indexOf("[phone romeo] MESSAGE from ");
        while (at >= 0) {
            int colon = added.indexOf(": ", at);
            if (colon >= 0 && added.startsWith(text, colon + 2)) {
                return true;
            }
            at = added.indexOf("[phone romeo] MESSAGE from ", at + 1);
        }
        return false;
    }

    // ---- send-sip ----

    private static Outcome sendSip(String toUri, String text) throws Exception {
        if (!toUri.startsWith("sip:") || !toUri.contains("@")) {
            throw new Mistake("send-sip needs a SIP URI such as sip:juliet@b.test (the lab's XMPP users: "
                    + String.join(", ", XMPP_USERS.keySet()) + "), not " + toUri);
        }
        String recipient = bare(toUri.substring(4));
        String domain = recipient.substring(recipient.indexOf('@') + 1);
        if (domain.equals("a.test") || domain.equals("sip.a.test")) {
            throw new Mistake(toUri + " is on the lab's SIP side; send-sip sends from the SIP phone " + SENDER_PHONE
                    + " to an XMPP user, e.g. sip:juliet@b.test (for SIP to SIP, use Kamailio at 127.0.90.5:5060 directly)");
        }
        // The recipient signs in first: a message to someone offline is refused by their server.
        try (XmppClient receiver = XMPP_USERS.containsKey(recipient) ? xmpp(recipient) : null;
             SipUserAgent phone = new SipUserAgent(SENDER_PHONE, "a.test", LabMain.PREFIX + ".11", 5081, "tcp", LabMain.PREFIX + ".5:5060")) {
            int registered = phone.register(300);
            if (registered != 200) {
                return Outcome.failed("failed: the phone " + SENDER_PHONE + " could not register at Kamailio (SIP " + registered + " " + phone.lastReasonPhrase() + ")");
            }
            String sender = SENDER_PHONE + "@sip.a.test (SIP phone)";
            CompletableFuture<Integer> response = phone.sendMessageAsync(toUri, text);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (response.isDone()) {
                    int status = response.join();
                    String answer = "SIP " + status + " " + phone.lastReasonPhrase();
                    if (status >= 300) {
                        return Outcome.failed("refused: " + sender + " -> " + toUri + ": " + answer + " - " + explain(status, recipient));
                    }
                    if (receiver == null) {
                        return Outcome.ok("accepted: " + sender + " -> " + toUri + ": " + answer
                                + " (the lab cannot watch " + recipient + "; it watches " + String.join(", ", XMPP_USERS.keySet()) + ")");
                    }
                    if (receiver.count(m -> text.equals(m.getBody())) > 0) {
                        return Outcome.ok("delivered: " + sender + " -> " + toUri + ": " + answer + ", " + recipient + " received it");
                    }
                }
                Ports.sleep(50);
            }
            return Outcome.failed("no outcome within " + WAIT.toSeconds() + " s: " + sender + " -> " + toUri + ": "
                    + (response.isDone() ? "SIP " + response.join() + ", but " + recipient + " did not receive it" : "no SIP response")
                    + openfireHint());
        }
    }

    private static String explain(int status, String recipient) {
        String domain = recipient.substring(recipient.indexOf('@') + 1);
        return switch (status) {
            case 403 -> domain.equals("c.test")
                    ? "the gateway's federation policy refused it"
                    : "the gateway or " + domain + " refused it (" + domain
                            + " answers with an error for a user who does not exist or is not signed in)";
            case 404 -> "no such user: " + recipient;
            case 408 -> "nothing answered in time";
            case 480 -> "the gateway's XMPP side is not connected (target/peers/lab/gateway/gateway.log)";
            default -> "the gateway or the recipient's server refused it";
        };
    }

    // ---- presence ----

    private static Outcome presence(String watcherJid, String contact) throws Exception {
        String watcher = labUser(watcherJid, "the watcher");
        String who = bare(contact);
        try (XmppClient client = xmpp(watcher); Watch watch = Watch.of(client)) {
            client.requestSubscription(who);
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean subscribed = false;
            while (System.nanoTime() < deadline) {
                Optional<Presence> answer = client.firstPresence(p -> p.getFrom() != null && who.equals(p.getFrom().asBareJid().toString())
                        && (p.getType() == Presence.Type.error || p.getType() == Presence.Type.unsubscribed
                        || p.getType() == Presence.Type.available || p.getType() == Presence.Type.unavailable));
                if (answer.isPresent()) {
                    Presence p = answer.get();
                    switch (p.getType()) {
                        case error:
                            return Outcome.failed("refused: " + watcher + " cannot watch " + who + ": " + describe(p.getError()));
                        case unsubscribed:
                            return Outcome.failed("refused: " + who + " declined " + watcher + "'s subscription");
                        default:
                            return Outcome.ok(watcher + " is subscribed to " + who + "; " + describe(p));
                    }
                }
                if (watch.closed() != null) {
                    return Outcome.failed("failed: the server closed " + watcher + "'s connection: " + watch.closed());
                }
                subscribed = subscribed || client.isSubscribedTo(who);
                Ports.sleep(50);
            }
            return subscribed
                    ? Outcome.ok(watcher + " is subscribed to " + who + "; " + who + " sent no presence within " + WAIT.toSeconds() + " s (offline)")
                    : Outcome.failed("no outcome within " + WAIT.toSeconds() + " s: " + who + " neither granted nor refused " + watcher
                            + "'s subscription" + openfireHint());
        }
    }

    /** {@code romeo@sip.a.test/desk is available: At the desk phone}; a {@code <show/>} value is added as {@code (away)}. */
    static String describe(Presence p) {
        boolean available = p.getType() == Presence.Type.available;
        return p.getFrom() + " is " + (available ? "available" : "unavailable")
                + (available && p.getMode() != null && p.getMode() != Presence.Mode.available ? " (" + p.getMode() + ")" : "")
                + (p.getStatus() == null ? "" : ": " + p.getStatus());
    }

    // ---- shared ----

    private static XmppClient xmpp(String bareJid) {
        int host = XMPP_USERS.get(bareJid);
        String address = LabMain.PREFIX + "." + host;
        String[] parts = bareJid.split("@", 2);
        try {
            return XmppClient.connect(new XmppClient.Settings(new XmppAccount(parts[0], parts[1], "secret"), address, 5222, LabTrust.trustManager()));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new Mistake("cannot read the lab's CA (target/peers/lab/certs/truststore.p12): start the lab with scripts/lab.sh up");
        } catch (AssertionError e) {
            throw new IllegalStateException("cannot sign in " + bareJid + " at " + address + ":5222 (" + sentence(e.getCause() == null ? e : e.getCause()) + ")");
        }
    }

    private static String labUser(String jid, String role) {
        String bare = bare(jid);
        if (XMPP_USERS.containsKey(bare)) {
            return bare;
        }
        String domain = bare.contains("@") ? bare.substring(bare.indexOf('@') + 1) : bare;
        if (domain.equals("a.test") || domain.equals("sip.a.test")) {
            throw new Mistake(jid + " is on the lab's local domain, whose users are SIP users (such as " + PHONE + "); as " + role
                    + " use one of the partners' users: " + String.join(", ", XMPP_USERS.keySet()) + " (send-sip sends from the SIP side)");
        }
        throw new Mistake(jid + " is not a lab user; as " + role + " use one of " + String.join(", ", XMPP_USERS.keySet()) + " (all passwords: secret)");
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return (slash < 0 ? jid : jid.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<Message> firstError(XmppClient client, String id) {
        return client.firstMessage(m -> m.getType() == Message.Type.error && id.equals(m.getStanzaId()));
    }

    static String describe(StanzaError error) {
        if (error == null) {
            return "an error without a condition";
        }
        String text = error.getDescriptiveText();
        return error.getCondition() + (text == null || text.isBlank() ? "" : " - " + text);
    }

    private static String openfireHint() {
        String home = System.getenv("OPENFIRE_HOME");
        return home == null || home.isBlank() ? ""
                : " (Openfire closes a refused partner's session without a stanza error: see target/peers/lab/openfire/logs/openfire.log)";
    }

    private static String sentence(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readFrom(Path file, long offset) {
        try (var channel = Files.newByteChannel(file)) {
            channel.position(offset);
            return new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void require(String[] args, int count, String form) {
        if (args.length != count) {
            throw new Mistake("usage: scripts/lab.sh " + form + (args.length > count ? " (quote TEXT if it has spaces)" : ""));
        }
    }

    private static Mistake usage() {
        return new Mistake("usage: scripts/lab.sh send-xmpp FROM-JID TO-JID TEXT | send-sip TO-SIP-URI TEXT | presence WATCHER-JID CONTACT-JID");
    }

    /** Notices a stream the server closed (say, for invalid XML), so a command does not wait for an answer that cannot come. */
    private static final class Watch implements ConnectionListener, AutoCloseable {
        private final XmppClient client;
        private final AtomicReference<String> closed = new AtomicReference<>();

        private Watch(XmppClient client) {
            this.client = client;
        }

        static Watch of(XmppClient client) {
            Watch w = new Watch(client);
            client.connection().addConnectionListener(w);
            return w;
        }

        String closed() {
            if (closed.get() == null && !client.connection().isConnected()) {
                closed.compareAndSet(null, "the connection is gone");
            }
            return closed.get();
        }

        @Override
        public void connectionClosed() {
            closed.compareAndSet(null, "the stream was closed");
        }

        @Override
        public void connectionClosedOnError(Exception e) {
            closed.compareAndSet(null, sentence(e));
        }

        @Override
        public void connected(XMPPConnection connection) {
        }

        @Override
        public void authenticated(XMPPConnection connection, boolean resumed) {
        }

        @Override
        public void close() {
            client.connection().removeConnectionListener(this);
        }
    }
}
