package org.federationgateway.testmessage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.TranslationException;
import org.xmpp.packet.JID;

/**
 * What a test message is asked to do, read from a form or a JSON body: the sender (a user of this server, or the
 * server itself when left empty), the recipient (a partner user's XMPP address, or a {@code sip:} address of a
 * SIP user of this server) and how long to wait for an answer. Every field is checked before anything is sent;
 * each problem is reported under its field's name.
 */
public record TestRequest(String fromUser, Target to, Duration waitFor) {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    public static final int MAX_WAIT_SECONDS = 60;

    /** The recipient. */
    public sealed interface Target {
        String text();
    }

    /** A user at a remote XMPP domain, as a bare address. */
    public record XmppTarget(String bareJid, String domain) implements Target {
        @Override
        public String text() {
            return bareJid;
        }
    }

    /** A SIP address, to be sent through the SIP bridge. */
    public record SipTarget(String uri) implements Target {
        @Override
        public String text() {
            return uri;
        }
    }

    /** A field's problem: the bundle key of its sentence and the arguments. */
    public record Problem(String key, List<String> args) {
        public Problem {
            Objects.requireNonNull(key, "key");
            args = List.copyOf(args);
        }

        static Problem of(String key, String... args) {
            return new Problem(key, List.of(args));
        }
    }

    /** Input that cannot be tested; nothing was sent. */
    public static final class InvalidTestRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Problem> problems;

        public InvalidTestRequest(Map<String, Problem> problems) {
            super("invalid test message: " + problems.keySet(), null, false, false);
            this.problems = Map.copyOf(problems);
        }

        /** By field name: {@code from}, {@code to}, {@code wait}. */
        public Map<String, Problem> problems() {
            return problems;
        }
    }

    public TestRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(waitFor, "waitFor");
    }

    /** Whether the server itself sends it (no user chosen). */
    public boolean fromServer() {
        return fromUser == null;
    }

    /**
     * Reads the three fields.
     *
     * @param from        a user name, {@code user@localDomain}, or empty for the server itself
     * @param to          {@code user@partner.example} or {@code sip:user@host}
     * @param wait        seconds, 1 to {@value #MAX_WAIT_SECONDS}; empty for the default
     * @param localDomain this server's XMPP domain
     * @throws InvalidTestRequest naming every field that is wrong
     */
    public static TestRequest parse(String from, String to, String wait, String localDomain) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        String domain = localDomain.toLowerCase(Locale.ROOT);
        String user = sender(from == null ? "" : from.strip(), domain, problems);
        Target target = target(to == null ? "" : to.strip(), domain, problems);
        Duration waitFor = waitFor(wait == null ? "" : wait.strip(), problems);
        if (target instanceof SipTarget && user == null && !problems.containsKey("from")) {
            problems.put("from", Problem.of("testmessage.error.from.serverToSip"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTestRequest(problems);
        }
        return new TestRequest(user, target, waitFor);
    }

    private static String sender(String from, String domain, Map<String, Problem> problems) {
        if (from.isEmpty()) {
            return null;
        }
        String node = from;
        int at = from.indexOf('@');
        if (at >= 0) {
            node = from.substring(0, at);
            String d = from.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!d.equals(domain)) {
                problems.put("from", Problem.of("testmessage.error.from.domain", from, domain));
                return null;
            }
        }
        try {
            JID jid = new JID(node, domain, null);
            if (jid.getNode() == null || jid.getNode().isEmpty() || from.indexOf('/') >= 0) {
                throw new IllegalArgumentException("no user name");
            }
            return jid.getNode();
        } catch (IllegalArgumentException e) {
            problems.put("from", Problem.of("testmessage.error.from.invalid", from));
            return null;
        }
    }

    private static Target target(String to, String domain, Map<String, Problem> problems) {
        if (to.isEmpty()) {
            problems.put("to", Problem.of("testmessage.error.to.blank"));
            return null;
        }
        String lower = to.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            try {
                SipUri uri = SipUri.parse(to);
                if (uri.scheme().equals("sips")) {
                    problems.put("to", Problem.of("testmessage.error.to.sips", to));
                    return null;
                }
                return new SipTarget(uri.withoutGruu().toString());
            } catch (TranslationException e) {
                problems.put("to", Problem.of("testmessage.error.to.invalid", to, e.getMessage()));
                return null;
            }
        }
        JID jid;
        try {
            jid = new JID(to);
        } catch (IllegalArgumentException e) {
            problems.put("to", Problem.of("testmessage.error.to.invalid", to, String.valueOf(e.getMessage())));
            return null;
        }
        if (jid.getNode() == null || jid.getNode().isEmpty()) {
            problems.put("to", Problem.of("testmessage.error.to.nouser", to));
            return null;
        }
        String d = jid.getDomain().toLowerCase(Locale.ROOT);
        if (d.equals(domain) || d.endsWith("." + domain)) {
            problems.put("to", Problem.of("testmessage.error.to.local", to, domain));
            return null;
        }
        return new XmppTarget(jid.toBareJID(), d);
    }

    private static Duration waitFor(String wait, Map<String, Problem> problems) {
        if (wait.isEmpty()) {
            return DEFAULT_WAIT;
        }
        try {
            int seconds = Integer.parseInt(wait);
            if (seconds >= 1 && seconds <= MAX_WAIT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.put("wait", Problem.of("testmessage.error.wait", wait, String.valueOf(MAX_WAIT_SECONDS)));
        return null;
    }
}
