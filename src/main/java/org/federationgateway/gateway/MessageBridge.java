package org.federationgateway.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.Judgement;
import org.federationgateway.enforce.PolicyGate;
import org.federationgateway.enforce.StanzaKinds;
import org.federationgateway.i18n.Messages;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.LocalParty;
import org.federationgateway.policy.StanzaFacts;
import org.federationgateway.policy.StanzaKind;
import org.federationgateway.translate.ErrorMapping;
import org.federationgateway.translate.MessageMapping;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.StanzaCondition;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * One-to-one IM across the bridge (RFC 7572), with the federation policy applied to every message as if it
 * had crossed native federation. Every failure reaches the sender: SIP responses become XMPP errors
 * (RFC 7247 Table 3), XMPP errors become SIP responses (Table 2), silence becomes 408 /
 * remote-server-timeout.
 */
public final class MessageBridge {
    private static final Logger LOG = NodeLog.getLogger(MessageBridge.class);

    /** Whether a SIP-homed user has a partner user among their contacts (for PublicUnverified partners). */
    @FunctionalInterface
    public interface SipContacts {
        boolean knows(String sipHomedBareJid, String remoteBareJid);
    }

    /** Reason code in the log for a SIP request whose sender is not a SIP-homed address (the gateway is no relay). */
    public static final String NOT_SIP_HOMED = "not-sip-homed";

    private final PolicyGate gate;
    private final MessageMapping mapping;
    private final SipHoming homing;
    private final SipContacts contacts;
    private final XmppOutlet xmpp;
    private final SipOutlet sip;
    private final Messages texts;
    private final Duration errorWindow;
    private final Duration answerWithin;
    /** Where SIP→XMPP messages wait out min(errorWindow, answerWithin) before their 202. */
    private final AnswerWindow window;
    /**
     * RFC 3261 §17.1.2.2: a UDP client retransmits a non-INVITE request after T1 (500 ms) without a response, so a
     * MESSAGE is answered before that, whatever the error window.
     */
    public static final Duration ANSWER_WITHIN = Duration.ofMillis(400);
    /** How many answered messages are remembered so that a late XMPP error still reaches their SIP sender. */
    static final int LATE_ERRORS_KEPT = 10_000;
    /** SIP→XMPP messages whose MESSAGE transaction waits for an XMPP error, by stanza id. */
    private final Map<String, CompletableFuture<SipStatus>> awaitingErrors = new ConcurrentHashMap<>();
    /** SIP→XMPP messages already answered 202 whose error window is still open: where a late error goes. */
    private final Map<String, Answered> answered = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answered> eldest) {
            return size() > LATE_ERRORS_KEPT;
        }
    });
    /** What each SIP user's agent has shown it reads (CPIM, isComposing, HTML), learnt from what it sent. */
    private final Map<String, MessageMapping.SipPeer> peers = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MessageMapping.SipPeer> eldest) {
            return size() > LATE_ERRORS_KEPT;
        }
    });

    /** A MESSAGE answered before its error window closed: its sender, the partner it went to, until when. */
    private record Answered(org.federationgateway.translate.SipUri sipSender, org.federationgateway.translate.SipUri partner,
                            java.time.Instant until) {
    }
    private final AtomicLong ids = new AtomicLong();
    /** Messages addressed to the gateway's own SIP users: logged once a minute. */
    private final OncePerMinute ownDomainLog = new OncePerMinute();

    /** True for the first call of each minute. */
    private static final class OncePerMinute {
        private final AtomicLong last = new AtomicLong(System.nanoTime() - 60_000_000_000L);

        boolean refused(String what) {
            long now = System.nanoTime();
            long previous = last.get();
            return now - previous >= 60_000_000_000L && last.compareAndSet(previous, now);
        }
    }
    private final String idPrefix = "fgw-" + Long.toHexString(System.nanoTime()) + "-";

    /**
     * @param errorWindow how long a SIP MESSAGE's transaction waits for an XMPP error before it is answered
     *                    202 Accepted (XMPP has no positive delivery report; RFC 3428 §7 says 202 for relays)
     */
    public MessageBridge(PolicyGate gate, MessageMapping mapping, SipHoming homing, SipContacts contacts, XmppOutlet xmpp, SipOutlet sip,
                         Messages texts, Duration errorWindow) {
        this(gate, mapping, homing, contacts, xmpp, sip, texts, errorWindow, ANSWER_WITHIN);
    }

    /** @param answerWithin the longest a MESSAGE waits for its answer ({@link #ANSWER_WITHIN}; tests may hold it longer) */
    MessageBridge(PolicyGate gate, MessageMapping mapping, SipHoming homing, SipContacts contacts, XmppOutlet xmpp, SipOutlet sip,
                  Messages texts, Duration errorWindow, Duration answerWithin) {
        this.answerWithin = Objects.requireNonNull(answerWithin, "answerWithin");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.homing = Objects.requireNonNull(homing, "homing");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.xmpp = Objects.requireNonNull(xmpp, "xmpp");
        this.sip = Objects.requireNonNull(sip, "sip");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.errorWindow = Objects.requireNonNull(errorWindow, "errorWindow");
        this.window = new AnswerWindow(errorWindow.compareTo(answerWithin) < 0 ? errorWindow : answerWithin, "federationgateway-answer-window");
    }

    /** Answers at once every SIP MESSAGE still in its error window (202: it reached XMPP, no error came) and stops its thread. */
    public void close() {
        window.close();
    }

    /** A message from a partner user to a SIP-homed address (the caller checked the address is SIP-homed). */
    public void fromXmpp(Message m) {
        if (m.getType() == Message.Type.error) {
            errorFromXmpp(m);
            return;
        }
        if (m.getFrom() == null || m.getTo() == null || m.getFrom().getNode() == null) {
            replyError(m, StanzaCondition.BAD_REQUEST, "a bridged message needs a sender and a recipient address");
            return;
        }
        String remoteDomain = m.getFrom().getDomain();
        String sipUser = m.getTo().toBareJID();
        boolean knows = contacts.knows(sipUser, m.getFrom().toBareJID());
        Judgement judged = judge(Direction.INBOUND, remoteDomain, sipUser, StanzaKinds.of(m), knows);
        if (judged.refused()) {
            replyError(m, StanzaCondition.FORBIDDEN, texts.get(judged.reason().messageKey(), remoteDomain));
            return;
        }
        boolean tcp = sip.hasCongestionControlledTransport();
        MessageMapping.ToSip translated = mapping.toSip(m, tcp, peers.getOrDefault(sipUser, MessageMapping.SipPeer.PLAIN));
        if (translated instanceof MessageMapping.Refuse r) {
            replyError(m, r.condition(), r.text());
        } else if (translated instanceof MessageMapping.Send send) {
            SipMessage out = send.message();
            sip.sendMessage(out, out.exceedsPageModeLimit()).whenComplete((result, failure) -> {
                if (failure != null) {
                    LOG.warn("Federation Gateway: MESSAGE to {} failed: {}", out.requestUri(), failure.toString());
                    replyError(m, StanzaCondition.REMOTE_SERVER_TIMEOUT, "the SIP front end did not answer");
                } else if (result.isGatewayOverload()) {
                    replyError(m, StanzaCondition.RESOURCE_CONSTRAINT, texts.get("bridge.overloaded"));
                } else if (!result.isSuccess()) {
                    replyError(m, ErrorMapping.toXmpp(result.status()), result.status() + " " + result.reason());
                } else {
                    gate.count(remoteDomain, Audit.BRIDGED_OUT);
                    if (result.status() == 200 && !send.imdn()) {
                        // The SIP user's agent itself accepted it (a relay answers 202): that is the delivery the
                        // partner's XEP-0184 request or XEP-0333 markable asked about.
                        send.ack().ifPresent(ack -> acknowledge(m, ack));
                    }
                }
            });
        } else if (translated instanceof MessageMapping.NothingToSend nothing) {
            LOG.debug("Federation Gateway: nothing to send to SIP for {} from {}: {}", m.getID(), m.getFrom(), nothing.why());
        }
    }

    /**
     * A test message (Lync's Test-CsXmppIM) from a local sender to a SIP-homed address: translated as any message and
     * sent; completes with the final SIP response, which is the test's evidence. It is not counted as bridged traffic.
     */
    public CompletionStage<SipStatus> sendTest(Message m) {
        MessageMapping.ToSip translated = mapping.toSip(m, sip.hasCongestionControlledTransport(), MessageMapping.SipPeer.PLAIN);
        if (translated instanceof MessageMapping.Send send) {
            return sip.sendMessage(send.message(), send.message().exceedsPageModeLimit());
        }
        String why = translated instanceof MessageMapping.Refuse r ? r.text() : "nothing to send to SIP";
        return CompletableFuture.failedFuture(new IllegalArgumentException(why));
    }

    private void acknowledge(Message original, org.federationgateway.translate.BridgedIds.XmppRequest ack) {
        Message receipt = new Message();
        receipt.setType(original.getType() == null ? Message.Type.normal : original.getType());
        receipt.setFrom(original.getTo());
        receipt.setTo(original.getFrom());
        if (ack.receipt()) {
            receipt.getElement().addElement(org.dom4j.QName.get("received", org.federationgateway.translate.XmppExtensions.RECEIPTS_NS))
                    .addAttribute("id", ack.stanzaId());
        }
        if (ack.markable()) {
            receipt.getElement().addElement(org.dom4j.QName.get("received", org.federationgateway.translate.XmppExtensions.MARKERS_NS))
                    .addAttribute("id", ack.stanzaId());
        }
        try {
            xmpp.send(receipt);
        } catch (XmppUnavailableException e) {
            LOG.info("Federation Gateway: could not send the receipt for {} to {}: {}", ack.stanzaId(), original.getFrom(), e.getMessage());
        }
    }

    /** A MESSAGE from the SIP side. Completes with the response for its transaction. */
    public CompletionStage<SipStatus> fromSip(SipMessage in) {
        MessageMapping.ToXmpp translated = mapping.toXmpp(in);
        if (translated instanceof MessageMapping.Reject reject) {
            return CompletableFuture.completedFuture(new SipStatus(reject.response().status(), reject.response().reason()));
        }
        if (translated instanceof MessageMapping.Absorb absorb) {
            LOG.debug("Federation Gateway: MESSAGE from {} answered without a stanza: {}", in.from(), absorb.why());
            return CompletableFuture.completedFuture(SipStatus.OK);
        }
        MessageMapping.Deliver deliver = (MessageMapping.Deliver) translated;
        Message m = deliver.message();
        if (!homing.isSipHomed(new JID(m.getFrom().toBareJID()))) {
            // No open relay (RFC 8048 §8): only users of the SIP platform speak through the gateway.
            LOG.info("Federation Gateway: refused MESSAGE from {} to {}: reason={} (only users of the SIP platform send through the gateway)",
                    m.getFrom().toBareJID(), m.getTo().toBareJID(), NOT_SIP_HOMED);
            return CompletableFuture.completedFuture(new SipStatus(403, "Sender is not homed on this SIP platform"));
        }
        if (homing.isSipHomed(new JID(m.getTo().toBareJID()))) {
            // The recipient maps back to the gateway's own SIP users: with a partner domain on the component's own
            // server, that is a missing sip.domainMappings pair; said where the administrator looks and to the sender.
            String text = texts.get("bridge.sip.to-own-domain", m.getTo().toBareJID(), in.requestUri().withoutGruu().toString());
            if (ownDomainLog.refused(m.getTo().toBareJID())) {
                LOG.warn("Federation Gateway: refused MESSAGE from {}: {}", in.from(), text);
            }
            return CompletableFuture.completedFuture(new SipStatus(404, text));
        }
        String remoteDomain = m.getTo().getDomain();
        String sipUser = m.getFrom().toBareJID();
        Judgement judged = judge(Direction.OUTBOUND, remoteDomain, sipUser, StanzaKinds.of(m), true);
        if (judged.refused()) {
            ErrorMapping.SipResponse r = ErrorMapping.toSip(StanzaCondition.FORBIDDEN, ErrorMapping.About.FULL_JID,
                    texts.get(judged.reason().messageKey(), remoteDomain), ErrorMapping.RemoteServer.NOT_FOUND);
            return CompletableFuture.completedFuture(new SipStatus(r.status(), r.reason()));
        }
        learn(sipUser, deliver.learnt());
        if (m.getType() == Message.Type.error) {
            // a negative IMDN: the error goes to the XMPP sender as is; nothing to wait for
            try {
                xmpp.send(m);
            } catch (XmppUnavailableException e) {
                return CompletableFuture.completedFuture(new SipStatus(480, "XMPP side temporarily unavailable"));
            }
            return CompletableFuture.completedFuture(SipStatus.OK);
        }
        // The translator's id (carrying an IMDN request) is kept in front, made unique by the bridge's own suffix.
        String id = (m.getID() == null ? "" : m.getID() + ".") + idPrefix + ids.incrementAndGet();
        m.setID(id);
        CompletableFuture<SipStatus> response = new CompletableFuture<>();
        awaitingErrors.put(id, response);
        java.time.Instant windowEnds = java.time.Instant.now().plus(errorWindow);
        // Known before the 202 is given: an error arriving right after it must find where to tell the SIP sender.
        answered.put(id, new Answered(in.from().withoutGruu(), in.requestUri().withoutGruu(), windowEnds));
        response.whenComplete((r, e) -> {
            awaitingErrors.remove(id);
            if (r != SipStatus.ACCEPTED) {
                answered.remove(id);
            }
        });
        try {
            xmpp.send(m);
        } catch (XmppUnavailableException e) {
            awaitingErrors.remove(id);
            answered.remove(id);
            LOG.info("Federation Gateway: MESSAGE from {} not delivered: {}", sipUser, e.getMessage());
            return CompletableFuture.completedFuture(new SipStatus(480, "XMPP side temporarily unavailable"));
        }
        // 202 when the window closes, unless an XMPP error for this id answered it first (errorFromXmpp)
        window.open(response);
        gate.count(remoteDomain, Audit.BRIDGED_IN);
        return response;
    }

    /** Messages still waiting for a possible XMPP error (for the status page and tests). */
    public int awaitingErrors() {
        return awaitingErrors.size();
    }

    private void errorFromXmpp(Message error) {
        CompletableFuture<SipStatus> waiting = error.getID() == null ? null : awaitingErrors.remove(error.getID());
        PacketError pe = error.getError();
        StanzaCondition condition = pe == null ? StanzaCondition.UNDEFINED_CONDITION : StanzaCondition.of(pe);
        boolean fullJid = error.getFrom() != null && error.getFrom().getResource() != null;
        ErrorMapping.SipResponse r = ErrorMapping.toSip(condition, fullJid ? ErrorMapping.About.FULL_JID : ErrorMapping.About.BARE_JID,
                pe == null ? null : pe.getText(), ErrorMapping.RemoteServer.NOT_FOUND);
        if (waiting != null && waiting.complete(new SipStatus(r.status(), r.reason()))) {
            answered.remove(error.getID());
            return;
        }
        Answered late = error.getID() == null ? null : answered.remove(error.getID());
        if (late != null && late.until().isAfter(java.time.Instant.now())) {
            // Answered 202 already (within T1): the SIP sender learns of the error from a MESSAGE of the partner.
            String why = pe == null || pe.getText() == null || pe.getText().isBlank() ? condition.xmpp() : condition.xmpp() + ": " + pe.getText();
            byte[] text = texts.get("bridge.sip.late-error", why).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SipMessage notice = new SipMessage(late.sipSender(), late.partner(), null, null, texts.lang(), MessageMapping.TEXT_PLAIN, text);
            sip.sendMessage(notice, sip.hasCongestionControlledTransport()).whenComplete((res, failure) -> {
                if (failure != null || res == null || !res.isSuccess()) {
                    LOG.info("Federation Gateway: the late error {} for message {} could not be told to {}", condition.xmpp(), error.getID(),
                            late.sipSender());
                }
            });
            return;
        }
        // Answered 202 already: the SIP user cannot be told any more; say so where the administrator looks.
        LOG.info("Federation Gateway: XMPP error {} from {} for message {} arrived after its SIP transaction was answered",
                condition.xmpp(), error.getFrom(), error.getID());
    }

    /** A bridged message's one judgement, with the SIP-homed address as the local party. */
    private Judgement judge(Direction direction, String remoteDomain, String sipUser, StanzaKind kind, boolean sipUserKnowsRemote) {
        return gate.judge(new StanzaFacts(direction, remoteDomain, LocalParty.SIP_ADDRESS, sipUser, kind, sipUserKnowsRemote),
                "bridge-" + direction.code(), sipUser);
    }

    private void learn(String sipUser, MessageMapping.SipPeer learnt) {
        if (learnt.cpim() || learnt.isComposing() || learnt.html()) {
            peers.merge(sipUser, learnt, MessageMapping.SipPeer::with);
        }
    }

    private void replyError(Message refused, StanzaCondition condition, String text) {
        if (refused.getFrom() == null || refused.getType() == Message.Type.error) {
            return;
        }
        Message reply = new Message();
        reply.setType(Message.Type.error);
        reply.setID(refused.getID());
        reply.setFrom(refused.getTo());
        reply.setTo(refused.getFrom());
        if (refused.getThread() != null) {
            reply.setThread(refused.getThread());
        }
        reply.setError(condition.toPacketError(text, texts.lang()));
        try {
            xmpp.send(reply);
        } catch (XmppUnavailableException e) {
            LOG.info("Federation Gateway: could not return the error {} to {}: {}", condition.xmpp(), refused.getFrom(), e.getMessage());
        }
    }
}
