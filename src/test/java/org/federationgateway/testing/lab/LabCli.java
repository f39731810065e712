package org.federationgateway.testing.lab;

import java.time.Duration;

import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;

/** The lab's small command line: send and watch from either side. */
public final class LabCli {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private LabCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        run(args);
        // Smack and JAIN-SIP leave non-daemon executor threads behind after close; a CLI must end.
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            case "send-xmpp" -> {
                require(args, 4);
                try (XmppClient from = xmpp(args[1])) {
                    from.sendMessage(args[2], args[3]);
                    System.out.println(args[1] + " -> " + args[2] + ": sent");
                    printReplies(from);
                }
            }
            case "send-sip" -> {
                require(args, 3);
                try (XmppClient juliet = xmpp("juliet@b.test");
                     SipUserAgent phone = new SipUserAgent("benvolio", "a.test", LabMain.PREFIX + ".11", 5081, "tcp", LabMain.PREFIX + ".5:5060")) {
                    phone.register(300);
                    int status = phone.sendMessage(args[1], args[2]);
                    System.out.println("benvolio@sip.a.test (SIP) -> " + args[1] + ": SIP " + status);
                    printReplies(juliet);
                }
            }
            case "presence" -> {
                require(args, 3);
                try (XmppClient watcher = xmpp(args[1])) {
                    watcher.requestSubscription(args[2]);
                    watcher.awaitSubscribedTo(args[2], WAIT);
                    System.out.println(args[1] + " is subscribed to " + args[2] + "; presence seen in the next " + WAIT.toSeconds() + " s:");
                    printPresences(watcher, args[2]);
                }
            }
            default -> usage();
        }
    }

    private static XmppClient xmpp(String bareJid) throws Exception {
        String[] parts = bareJid.split("@", 2);
        int host = switch (parts[1]) {
            case "b.test" -> 2;
            case "c.test" -> 3;
            case "e.test" -> 4;
            default -> throw new IllegalArgumentException("the lab has users on b.test, c.test and e.test");
        };
        return XmppClient.connect(new XmppClient.Settings(new XmppAccount(parts[0], parts[1], "secret"), LabMain.PREFIX + "." + host, 5222,
                LabTrust.trustManager()));
    }

    private static void printReplies(XmppClient client) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Message m = client.awaitMessage(x -> true, "a message", Duration.ofMillis(500));
                System.out.println(m.getType() == Message.Type.error
                        ? "error from " + m.getFrom() + ": " + m.getError().getCondition() + " - " + m.getError().getDescriptiveText()
                        : m.getFrom() + " -> " + m.getTo() + ": " + m.getBody());
            } catch (AssertionError none) {
                // keep listening until the deadline
            }
        }
    }

    private static void printPresences(XmppClient client, String contact) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var p = client.awaitPresence(x -> x.getFrom().asBareJid().toString().equals(contact), "presence of " + contact, Duration.ofMillis(500));
                System.out.println("  " + p.getFrom() + " is " + (p.isAvailable() ? "available" : "unavailable")
                        + (p.getMode() == null || !p.isAvailable() ? "" : " (" + p.getMode() + ")")
                        + (p.getStatus() == null ? "" : ": " + p.getStatus()));
            } catch (AssertionError none) {
                // keep listening until the deadline
            }
        }
    }

    private static void require(String[] args, int count) {
        if (args.length < count) {
            usage();
        }
    }

    private static void usage() {
        System.err.println("usage: send-xmpp <from-jid> <to-jid> <text> | send-sip <to-sip-uri> <text> | presence <watcher-jid> <contact-jid>");
        System.exit(2);
    }
}
