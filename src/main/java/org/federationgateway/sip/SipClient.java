package org.federationgateway.sip;

import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipOutlet;
import org.federationgateway.gateway.SipPresenceOutlet;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.TranslationException;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * What the bridges send to the SIP side: MESSAGE, SUBSCRIBE and NOTIFY. A request that cannot be built or sent
 * completes at once with the response its sender should see (400 for an untranslatable address, else 408).
 */
final class SipClient implements SipOutlet, SipPresenceOutlet {
    private static final Logger LOG = NodeLog.getLogger(SipClient.class);

    private final SipEndpointSettings settings;
    private final SipProvider provider;
    private final ClientTransactions transactions;
    private final ImRequests im;
    private final PresenceRequests presence;
    private final java.util.concurrent.atomic.AtomicLong shed = new java.util.concurrent.atomic.AtomicLong();
    /** MESSAGEs sent and not yet answered: what the limit is about (the OPTIONS heartbeat and presence are not). */
    private final java.util.concurrent.atomic.AtomicInteger messagesAwaitingAnswer = new java.util.concurrent.atomic.AtomicInteger();

    SipClient(SipEndpointSettings settings, SipProvider provider, ClientTransactions transactions, HeaderBuilder builder) {
        this.settings = settings;
        this.provider = provider;
        this.transactions = transactions;
        this.im = new ImRequests(builder);
        this.presence = new PresenceRequests(builder);
    }

    /** Messages refused because {@link SipCapacity#pendingRequests()} requests awaited an answer already. */
    long shed() {
        return shed.get();
    }

    @Override
    public CompletionStage<SipStatus> sendMessage(SipMessage message, boolean congestionControlled) {
        if (messagesAwaitingAnswer.incrementAndGet() > settings.capacity().pendingRequests()) {
            messagesAwaitingAnswer.decrementAndGet();
            shed.incrementAndGet();
            return CompletableFuture.completedFuture(SipStatus.OVERLOADED);
        }
        String transport = congestionControlled && !settings.frontEndTransport().equals("tcp") && settings.hasTcp() ? "tcp" : settings.frontEndTransport();
        try {
            return transactions.send(im.message(message, transport, provider.getNewCallId().getCallId()))
                    .whenComplete((r, failure) -> messagesAwaitingAnswer.decrementAndGet()).thenApply(SipClient::result);
        } catch (TranslationException e) {
            messagesAwaitingAnswer.decrementAndGet();
            return CompletableFuture.completedFuture(new SipStatus(400, e.getMessage()));
        } catch (ParseException | InvalidArgumentException | SipException e) {
            messagesAwaitingAnswer.decrementAndGet();
            LOG.warn("Federation Gateway: cannot send MESSAGE to the SIP front end {}:{}: {}", settings.frontEndHost(), settings.frontEndPort(), e.toString());
            return CompletableFuture.completedFuture(new SipStatus(408, "SIP front end unreachable"));
        }
    }

    @Override
    public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
        try {
            return transactions.send(presence.subscribe(dialog, cseq, expires, settings.frontEndTransport())).thenApply(r -> {
                if (r == null) {
                    return new SubscribeAnswer(new SipStatus(408, "Request Timeout"), dialog, 0);
                }
                return new SubscribeAnswer(result(r), HeaderReader.completeDialog(dialog, r), HeaderReader.expires(r, expires));
            });
        } catch (ParseException | InvalidArgumentException | SipException e) {
            LOG.warn("Federation Gateway: cannot send SUBSCRIBE for {}: {}", dialog.remoteUri(), e.toString());
            return CompletableFuture.completedFuture(new SubscribeAnswer(new SipStatus(408, "SIP front end unreachable"), dialog, 0));
        }
    }

    @Override
    public CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
        try {
            return transactions.send(presence.notify(dialog, cseq, subscriptionState, pidf, settings.frontEndTransport())).thenApply(SipClient::result);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            LOG.warn("Federation Gateway: cannot send NOTIFY to {}: {}", dialog.remoteUri(), e.toString());
            return CompletableFuture.completedFuture(new SipStatus(408, "Unreachable"));
        }
    }

    @Override
    public boolean hasCongestionControlledTransport() {
        return settings.hasTcp() || settings.frontEndTransport().equals("tls");
    }

    /** The heartbeat's OPTIONS. */
    CompletableFuture<Response> options() throws ParseException, InvalidArgumentException, SipException {
        return transactions.send(im.options(settings.frontEndTransport(), provider.getNewCallId().getCallId()));
    }

    static SipStatus result(Response r) {
        return r == null ? new SipStatus(408, "Request Timeout") : new SipStatus(r.getStatusCode(), r.getReasonPhrase());
    }
}
