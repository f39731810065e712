package org.federationgateway.openfire;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dom4j.Element;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.i18n.Messages;
import org.federationgateway.testmessage.Evidence;
import org.federationgateway.testmessage.PingAnswer;
import org.federationgateway.testmessage.SessionView;
import org.federationgateway.testmessage.SipAnswer;
import org.federationgateway.testmessage.TestMessages;
import org.federationgateway.translate.TranslationException;
import org.federationgateway.translate.XmppExtensions;
import org.jivesoftware.openfire.PacketRouter;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.OutgoingServerSession;
import org.jivesoftware.openfire.session.Session;
import org.jivesoftware.openfire.user.UserManager;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * The test message's two sides in Openfire: users, outgoing sessions and routing for the XMPP side, the running
 * SIP bridge for the SIP side; and an interceptor that takes the answers to a test (the ping's result or error, the
 * message's error or XEP-0184 receipt) out of the stream, so they reach neither the sender's clients nor offline
 * storage. Answers are matched by stanza id and by the domain they were sent to.
 */
final class OpenfireTestMessage implements TestMessages.XmppSide, TestMessages.SipSide, PacketInterceptor {
    private static final Logger LOG = NodeLog.getLogger(OpenfireTestMessage.class);
    private static final String PING = "urn:xmpp:ping";

    /** An answer awaited: from which domain, and the future it completes. */
    private record Awaited(String domain, CompletableFuture<Packet> answer) {
    }

    private final String domain;
    private final PacketRouter router;
    private final BridgeRoute bridge;
    private final Messages texts;
    private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();

    OpenfireTestMessage(String domain, PacketRouter router, BridgeRoute bridge, Messages texts) {
        this.domain = domain;
        this.router = router;
        this.bridge = bridge;
        this.texts = texts;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public boolean isUser(String username) {
        return UserManager.getInstance().isRegisteredUser(new JID(username, domain, null), false);
    }

    @Override
    public Optional<SessionView> outgoingSession(String remoteDomain) {
        return SessionManager.getInstance().getOutgoingServerSessions(remoteDomain).stream().filter(s -> !s.isClosed()).findFirst()
                .map(OpenfireTestMessage::view);
    }

    private static SessionView view(OutgoingServerSession s) {
        return new SessionView(SessionFactsReader.method(s.getAuthenticationMethod()).code(), s.isEncrypted(),
                s.isEncrypted() ? s.getTLSProtocolName() : "", s.isEncrypted() ? s.getCipherSuiteName() : "");
    }

    @Override
    public PingAnswer ping(String remoteDomain, String id, Duration wait) {
        IQ ping = new IQ(IQ.Type.get, id);
        ping.setFrom(domain);
        ping.setTo(remoteDomain);
        ping.setChildElement("ping", PING);
        Optional<Packet> answer;
        try {
            answer = exchange(ping, remoteDomain, wait);
        } catch (RuntimeException e) {
            return new PingAnswer.NotRouted(e.toString());
        }
        if (answer.isEmpty()) {
            return new PingAnswer.Silence();
        }
        IQ reply = (IQ) answer.get();
        if (reply.getType() == IQ.Type.error) {
            return new PingAnswer.Error(condition(reply.getError()), text(reply.getError()));
        }
        return new PingAnswer.Pong();
    }

    @Override
    public Evidence send(String fromJid, String toJid, String id, String body, Duration wait) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID(id);
        m.setFrom(fromJid);
        m.setTo(toJid);
        m.setBody(body);
        m.getElement().addElement("request", XmppExtensions.RECEIPTS_NS);
        Optional<Packet> answer;
        try {
            answer = exchange(m, new JID(toJid).getDomain(), wait);
        } catch (RuntimeException e) {
            return new Evidence.NotRouted(e.toString());
        }
        if (answer.isEmpty()) {
            return new Evidence.Silence();
        }
        Packet reply = answer.get();
        String from = reply.getFrom() == null ? "" : reply.getFrom().toString();
        if (reply.getError() != null) {
            return new Evidence.StanzaError(from, condition(reply.getError()), text(reply.getError()));
        }
        return new Evidence.Receipt(from);
    }

    /** Routes the stanza and waits for the answer with its id from that domain; empty when none came in time. */
    private Optional<Packet> exchange(Packet packet, String remoteDomain, Duration wait) {
        CompletableFuture<Packet> answer = new CompletableFuture<>();
        awaited.put(packet.getID(), new Awaited(remoteDomain.toLowerCase(java.util.Locale.ROOT), answer));
        try {
            router.route(packet);
            return Optional.of(answer.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            awaited.remove(packet.getID());
        }
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) throws PacketRejectedException {
        if (!incoming || processed || awaited.isEmpty() || packet.getFrom() == null) {
            return;
        }
        String key = answerTo(packet);
        Awaited a = key == null ? null : awaited.get(key);
        if (a == null || !a.domain().equals(packet.getFrom().getDomain().toLowerCase(java.util.Locale.ROOT))) {
            return;
        }
        a.answer().complete(packet.createCopy());
        throw new PacketRejectedException("the answer to a Federation Gateway test message");
    }

    /** The id of the test stanza this one answers: an IQ result or error, a message error, or the id an XEP-0184 receipt names. */
    private static String answerTo(Packet packet) {
        if (packet instanceof IQ iq) {
            return iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error ? iq.getID() : null;
        }
        if (packet instanceof Message m) {
            if (m.getType() == Message.Type.error) {
                return m.getID();
            }
            Element received = m.getElement().element(org.dom4j.QName.get("received", XmppExtensions.RECEIPTS_NS));
            return received == null ? null : received.attributeValue("id");
        }
        return null;
    }

    private static String condition(PacketError error) {
        return error == null || error.getCondition() == null ? "undefined-condition" : error.getCondition().toXMPP();
    }

    private static String text(PacketError error) {
        return error == null || error.getText() == null ? "" : error.getText();
    }

    // ---- the SIP side

    @Override
    public Lookup lookup(String sipUri) {
        Optional<SipBridge> running = bridge.running();
        if (running.isEmpty()) {
            return new Off();
        }
        JID address;
        try {
            address = running.get().xmppAddressOf(sipUri);
        } catch (TranslationException | IllegalArgumentException e) {
            return new NotSipUser(e.getMessage());
        }
        if (running.get().homing().isSipHomed(address)) {
            return new SipUser(address.toBareJID());
        }
        boolean local = address.getDomain().equals(domain) || address.getDomain().endsWith("." + domain);
        return new NotSipUser(texts.get(local ? "testmessage.sip.openfireUser" : "testmessage.sip.otherDomain"));
    }

    @Override
    public SipAnswer sendToSip(String fromJid, String toXmppAddress, String id, String body, Duration wait) {
        SipBridge running = bridge.running().orElseThrow(() -> new IllegalStateException("the SIP bridge stopped"));
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID(id);
        m.setFrom(fromJid);
        m.setTo(toXmppAddress);
        m.setBody(body);
        try {
            SipStatus r = running.sendTest(m).toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return new SipAnswer(r.status(), r.reason());
        } catch (TimeoutException e) {
            // RFC 3261 §8.1.3.1: a request without a final response is treated as a 408.
            return new SipAnswer(408, "Request Timeout (no final response within " + wait.toSeconds() + " s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the SIP answer");
        } catch (ExecutionException e) {
            LOG.info("Federation Gateway: test message to {} not sent: {}", toXmppAddress, e.getCause().toString());
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        }
    }
}
