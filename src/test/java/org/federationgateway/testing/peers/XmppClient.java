package org.federationgateway.testing.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.net.ssl.X509TrustManager;

import org.federationgateway.testing.Ports;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * A Smack 4.4 user logged in to a server on loopback. It connects to the given address directly (no DNS), trusts
 * only the test CA, and keeps every message and presence it receives so a test can wait for the one it expects.
 */
public final class XmppClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    /** Where and as whom to connect; {@code trustManager == null} means no TLS (a PLAIN-mode server). */
    public record Settings(XmppAccount account, String host, int port, X509TrustManager trustManager) {
        public Settings {
            Ports.requireLoopback(host);
        }
    }

    private final XMPPTCPConnection connection;
    private final List<Message> messages = new ArrayList<>();
    private volatile java.util.function.Consumer<Message> messageListener = m -> { };
    private final List<Presence> presences = new ArrayList<>();
    private volatile java.util.function.Consumer<Presence> presenceListener = p -> { };
    private volatile boolean keepReceived = true;

    private XmppClient(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    /** Connects, logs in, sends initial presence. Subscription requests wait for {@link #approve}. */
    public static XmppClient connect(Settings settings) {
        return connect(settings, "test");
    }

    /**
     * As {@link #connect(Settings)}, bound to {@code resource}: a second client of the same account needs its own
     * resource, or the server replaces the first one's session (stream error conflict) and it receives nothing more.
     */
    public static XmppClient connect(Settings settings, String resource) {
        try {
            XMPPTCPConnectionConfiguration.Builder config = XMPPTCPConnectionConfiguration.builder()
                    .setUsernameAndPassword(settings.account().username(), settings.account().password())
                    .setXmppDomain(settings.account().domain())
                    .setHostAddress(InetAddress.getByName(settings.host()))
                    .setPort(settings.port())
                    .setResource(resource)
                    .setConnectTimeout((int) DEFAULT_TIMEOUT.toMillis());
            if (settings.trustManager() == null) {
                config.setSecurityMode(SecurityMode.disabled);
            } else {
                // Required STARTTLS, verified against the test CA and the server's name (XmppHostnameVerifier).
                config.setSecurityMode(SecurityMode.required).setCustomX509TrustManager(settings.trustManager());
            }
            XMPPTCPConnection connection = new XMPPTCPConnection(config.build());
            connection.setReplyTimeout(DEFAULT_TIMEOUT.toMillis());
            Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.manual);
            XmppClient client = new XmppClient(connection);
            connection.addAsyncStanzaListener(client::received, StanzaTypeFilter.MESSAGE);
            connection.addAsyncStanzaListener(client::received, StanzaTypeFilter.PRESENCE);
            try {
                connection.connect().login();
                connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());
            } catch (Exception e) {
                connection.disconnect();
                throw e;
            }
            return client;
        } catch (IOException | SmackException | XMPPException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("cannot log in " + settings.account().bareJid() + " at " + settings.host() + ":" + settings.port(), e);
        }
    }

    /** Also hands every message received from now on to {@code l}, as it arrives (for the load harness). */
    public void onMessage(java.util.function.Consumer<Message> l) {
        this.messageListener = l;
    }

    /** Also hands every presence received from now on to {@code l}, as it arrives (for the load harness). */
    public void onPresence(java.util.function.Consumer<Presence> l) {
        this.presenceListener = l;
    }

    /**
     * Hands stanzas only to the listeners from now on, without keeping them for the await and count methods: a load
     * run of hours would otherwise keep every stanza it received.
     */
    public synchronized void listenersOnly() {
        keepReceived = false;
        messages.clear();
        presences.clear();
    }

    private void received(Stanza stanza) {
        if (stanza instanceof Message m) {
            messageListener.accept(m);
        } else if (stanza instanceof Presence p) {
            presenceListener.accept(p);
        }
        if (!keepReceived) {
            return;
        }
        synchronized (this) {
            if (stanza instanceof Message m) {
                messages.add(m);
            } else if (stanza instanceof Presence p) {
                presences.add(p);
            }
            notifyAll();
        }
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    public boolean isSecure() {
        return connection.isSecureConnection();
    }

    /** Sends a chat message and returns its stanza id, so that an error answering it can be told apart. */
    public String sendTracked(String to, String body) {
        Message m = chat(to, body);
        send(m);
        return m.getStanzaId();
    }

    /** The first message received so far that matches, without consuming it. */
    public synchronized java.util.Optional<Message> firstMessage(Predicate<Message> matching) {
        return messages.stream().filter(matching).findFirst();
    }

    /** The first presence received so far that matches, without consuming it. */
    public synchronized java.util.Optional<Presence> firstPresence(Predicate<Presence> matching) {
        return presences.stream().filter(matching).findFirst();
    }

    /** Whether this user's roster says it receives {@code bareJid}'s presence (subscription to or both), now. */
    public boolean isSubscribedTo(String bareJid) {
        RosterEntry entry = Roster.getInstanceFor(connection).getEntry(bareJid(bareJid));
        return entry != null && entry.canSeeHisPresence();
    }

    /** The messages received so far that match, without consuming them. */
    public synchronized long count(Predicate<Message> matching) {
        return messages.stream().filter(matching).count();
    }

    public void sendMessage(String to, String body) {
        send(chat(to, body));
    }

    private Message chat(String to, String body) {
        return connection.getStanzaFactory().buildMessageStanza().to(jid(to)).ofType(Message.Type.chat)
                .addExtension(new EscapedBody(body)).build();
    }

    /**
     * A {@code <body/>} whose text escapes {@code >} as well: Smack 4.4 escapes only {@code <} and {@code &} in
     * text, so a body containing {@code ]]>} would be sent as is, which XML forbids in character data, and the
     * server would close the stream as invalid XML.
     */
    record EscapedBody(String text) implements org.jivesoftware.smack.packet.ExtensionElement {
        @Override
        public String getElementName() {
            return "body";
        }

        @Override
        public String getNamespace() {
            return "jabber:client";
        }

        @Override
        public CharSequence toXML(org.jivesoftware.smack.packet.XmlEnvironment enclosing) {
            return "<body>" + escape(text) + "</body>";
        }

        static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }

    public void send(Stanza stanza) {
        try {
            connection.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            throw new AssertionError("not connected", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first message received (before or during the wait) with this body; it is then consumed. */
    public Message awaitMessage(String body, Duration timeout) {
        return awaitMessage(m -> body.equals(m.getBody()), "a message with body \"" + body + "\"", timeout);
    }

    public Message awaitMessage(Predicate<Message> matching, String description, Duration timeout) {
        return await(messages, matching, description, timeout);
    }

    public Presence awaitPresence(Predicate<Presence> matching, String description, Duration timeout) {
        return await(presences, matching, description, timeout);
    }

    /** Asks {@code bareJid} to share presence (presence type subscribe, adding a roster item). */
    public void requestSubscription(String bareJid) {
        try {
            Roster.getInstanceFor(connection).sendSubscriptionRequest(JidCreate.bareFrom(bareJid));
        } catch (SmackException | XmppStringprepException e) {
            throw new AssertionError("cannot subscribe to " + bareJid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Stops watching {@code bareJid} (presence type unsubscribe). */
    public void unsubscribe(String bareJid) {
        send(connection.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.unsubscribe).to(bareJid(bareJid)).build());
    }

    /** Waits for a subscription request from {@code bareJid} and approves it (presence type subscribed). */
    public void approve(String bareJid, Duration timeout) {
        BareJid from = bareJid(bareJid);
        awaitPresence(p -> p.getType() == Presence.Type.subscribe && from.equals(p.getFrom().asBareJid()),
                "a subscription request from " + bareJid, timeout);
        send(connection.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribed).to(from).build());
    }

    /** Waits until this user's roster says it receives {@code bareJid}'s presence (subscription to or both). */
    public void awaitSubscribedTo(String bareJid, Duration timeout) {
        Roster roster = Roster.getInstanceFor(connection);
        BareJid jid = bareJid(bareJid);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            RosterEntry entry = roster.getEntry(jid);
            if (entry != null && entry.canSeeHisPresence()) {
                return;
            }
            Ports.sleep(50);
        }
        throw new AssertionError(account() + " is not subscribed to " + bareJid + " after " + timeout.toMillis() + " ms");
    }

    private String account() {
        return String.valueOf(connection.getUser());
    }

    private synchronized <T extends Stanza> T await(List<T> received, Predicate<T> matching, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < received.size(); i++) {
                if (matching.test(received.get(i))) {
                    return received.remove(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(account() + " did not receive " + description + " within " + timeout.toMillis()
                        + " ms; it received " + received);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Jid jid(String text) {
        try {
            return JidCreate.from(text);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static BareJid bareJid(String text) {
        try {
            return JidCreate.bareFrom(text);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
