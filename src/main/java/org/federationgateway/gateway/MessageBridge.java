package org.federationgateway.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.Outcome;
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
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(MessageBridge.class);

    /** Whether a SIP-homed user has a partner user among their contacts (for PublicUnverified partners). */
    @FunctionalInterface
    public interface SipContacts {
        boolean knows(String sipHomedBareJid, String remoteBareJid);
    }

    private final PolicyGate gate;
    private final MessageMapping mapping;
    private final SipHoming homing;
    private final SipContacts contacts;
    private final XmppOutlet xmpp;
    private final SipOutlet sip;
    private final Messages texts;
    private final Duration errorWindow;
    /** SIP→XMPP messages whose MESSAGE transaction waits for an XMPP error, by stanza id. */
    private final Map<String, CompletableFuture<SipResult>> awaitingErrors = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final String idPrefix = "fgw-" + Long.toHexString(System.nanoTime()) + "-";

    /**
     * @param errorWindow how long a SIP MESSAGE's transaction waits for an XMPP error before it is answered
     *                    202 Accepted (XMPP has no positive delivery report; RFC 3428 §7 says 202 for relays)
     */
    public MessageBridge(PolicyGate gate, MessageMapping mapping, SipHoming homing, SipContacts contacts, XmppOutlet xmpp, SipOutlet sip,
                         Messages texts, Duration errorWindow) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.homing = Objects.requireNonNull(homing, "homing");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.xmpp = Objects.requireNonNull(xmpp, "xmpp");
        this.sip = Objects.requireNonNull(sip, "sip");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.errorWindow = Objects.requireNonNull(errorWindow, "errorWindow");
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
        Outcome judged = judge(Direction.INBOUND, remoteDomain, sipUser, StanzaKinds.of(m), knows);
        if (judged.refused()) {
            replyError(m, StanzaCondition.FORBIDDEN, texts.get(judged.reason().messageKey(), remoteDomain));
            return;
        }
        boolean tcp = sip.hasCongestionControlledTransport();
        MessageMapping.ToSip translated = mapping.toSip(m, tcp);
        if (translated instanceof MessageMapping.Refuse r) {
            replyError(m, r.condition(), r.text());
        } else if (translated instanceof MessageMapping.Send send) {
            SipMessage out = send.message();
            sip.sendMessage(out, out.exceedsPageModeLimit()).whenComplete((result, failure) -> {
                if (failure != null) {
                    LOG.warn("Federation Gateway: MESSAGE to {} failed: {}", out.requestUri(), failure.toString());
                    replyError(m, StanzaCondition.REMOTE_SERVER_TIMEOUT, "the SIP front end did not answer");
                } else if (!result.isSuccess()) {
                    replyError(m, ErrorMapping.toXmpp(result.status()), result.status() + " " + result.reason());
                } else {
                    gate.count(remoteDomain, Audit.BRIDGED_OUT);
                }
            });
        }
        // NothingToSend: chat states and receipts have no page-mode form (RFC 7572 §4)
    }

    /** A MESSAGE from the SIP side. Completes with the response for its transaction. */
    public CompletionStage<SipResult> fromSip(SipMessage in) {
        MessageMapping.ToXmpp translated = mapping.toXmpp(in);
        if (translated instanceof MessageMapping.Reject reject) {
            return CompletableFuture.completedFuture(new SipResult(reject.response().status(), reject.response().reason()));
        }
        if (translated instanceof MessageMapping.Absorb absorb) {
            LOG.debug("Federation Gateway: MESSAGE from {} answered without a stanza: {}", in.from(), absorb.why());
            return CompletableFuture.completedFuture(SipResult.OK);
        }
        Message m = ((MessageMapping.Deliver) translated).message();
        if (!homing.isSipHomed(new JID(m.getFrom().toBareJID()))) {
            // No open relay (RFC 8048 §8): only users of the SIP platform speak through the gateway.
            LOG.info("Federation Gateway: refused MESSAGE from {}: not a SIP-homed address", m.getFrom().toBareJID());
            return CompletableFuture.completedFuture(new SipResult(403, "Sender is not homed on this SIP platform"));
        }
        String remoteDomain = m.getTo().getDomain();
        String sipUser = m.getFrom().toBareJID();
        Outcome judged = judge(Direction.OUTBOUND, remoteDomain, sipUser, StanzaKinds.of(m), true);
        if (judged.refused()) {
            ErrorMapping.SipResponse r = ErrorMapping.toSip(StanzaCondition.FORBIDDEN, ErrorMapping.About.FULL_JID,
                    texts.get(judged.reason().messageKey(), remoteDomain), ErrorMapping.RemoteServer.NOT_FOUND);
            return CompletableFuture.completedFuture(new SipResult(r.status(), r.reason()));
        }
        String id = idPrefix + ids.incrementAndGet();
        m.setID(id);
        CompletableFuture<SipResult> response = new CompletableFuture<>();
        awaitingErrors.put(id, response);
        response.completeOnTimeout(SipResult.ACCEPTED, errorWindow.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> awaitingErrors.remove(id));
        try {
            xmpp.send(m);
        } catch (XmppUnavailableException e) {
            awaitingErrors.remove(id);
            LOG.info("Federation Gateway: MESSAGE from {} not delivered: {}", sipUser, e.getMessage());
            return CompletableFuture.completedFuture(new SipResult(480, "XMPP side temporarily unavailable"));
        }
        gate.count(remoteDomain, Audit.BRIDGED_IN);
        return response;
    }

    /** Messages still waiting for a possible XMPP error (for the status page and tests). */
    public int awaitingErrors() {
        return awaitingErrors.size();
    }

    private void errorFromXmpp(Message error) {
        CompletableFuture<SipResult> waiting = error.getID() == null ? null : awaitingErrors.remove(error.getID());
        PacketError pe = error.getError();
        StanzaCondition condition = pe == null ? StanzaCondition.UNDEFINED_CONDITION : StanzaCondition.of(pe);
        boolean fullJid = error.getFrom() != null && error.getFrom().getResource() != null;
        ErrorMapping.SipResponse r = ErrorMapping.toSip(condition, fullJid ? ErrorMapping.About.FULL_JID : ErrorMapping.About.BARE_JID,
                pe == null ? null : pe.getText(), ErrorMapping.RemoteServer.NOT_FOUND);
        if (waiting != null && waiting.complete(new SipResult(r.status(), r.reason()))) {
            return;
        }
        // Answered 202 already: the SIP user cannot be told any more; say so where the administrator looks.
        LOG.info("Federation Gateway: XMPP error {} from {} for message {} arrived after its SIP transaction was answered",
                condition.xmpp(), error.getFrom(), error.getID());
    }

    /** A bridged message's one judgement, with the SIP-homed address as the local party. */
    private Outcome judge(Direction direction, String remoteDomain, String sipUser, StanzaKind kind, boolean sipUserKnowsRemote) {
        return gate.judge(new StanzaFacts(direction, remoteDomain, LocalParty.SIP_ADDRESS, sipUser, kind, sipUserKnowsRemote),
                "bridge-" + direction.code(), sipUser);
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
