package org.federationgateway.sip;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipOutlet;
import org.federationgateway.gateway.SipPresenceOutlet;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.translate.SipMessage;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * The gateway's SIP endpoint: the stack ({@link SipStackLifecycle}), what the bridges send ({@link SipClient}),
 * the OPTIONS heartbeat to the front end ({@link FrontEndHeartbeat}), and requests from trusted peers dispatched
 * to one handler per method ({@link RequestDispatcher}). This class only routes the stack's events between them.
 * Opened first (the bridges are built on it as their outlet), then served; {@link #close()} undoes everything.
 */
public final class SipEndpoint implements SipOutlet, SipPresenceOutlet, SipListener, AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(SipEndpoint.class);

    /** The front end as the heartbeat last saw it. */
    public enum FrontEndState { UNKNOWN, UP, DOWN }

    /** A front-end state with the time it was reached. */
    public record FrontEndStatus(FrontEndState state, Instant since, String detail) {
    }

    private final SipEndpointSettings settings;
    private final SipStackLifecycle stack;
    private final ClientTransactions transactions;
    private final SipClient client;
    private final FrontEndHeartbeat heartbeat;
    private final Clock clock;
    /** Set once by {@link #serve}; the stack dispatches nothing before (its listener is added there). */
    private volatile RequestDispatcher dispatcher;

    private SipEndpoint(SipEndpointSettings settings, Clock clock) throws SipStartException {
        this.settings = settings;
        this.stack = SipStackLifecycle.open(settings);
        this.transactions = new ClientTransactions(stack.provider());
        this.client = new SipClient(settings, stack.provider(), transactions, stack.builder());
        this.heartbeat = new FrontEndHeartbeat(settings, client, clock);
        this.clock = clock;
    }

    /**
     * Binds the listening points without serving yet: the bridges are built on this endpoint as their outlet,
     * then handed to {@link #serve}. A taken port or a bad address fails here with a message naming them.
     */
    public static SipEndpoint open(SipEndpointSettings settings, Clock clock) throws SipStartException {
        return new SipEndpoint(Objects.requireNonNull(settings), Objects.requireNonNull(clock));
    }

    /** Starts the stack: requests from trusted peers go to {@code inbound}; the OPTIONS heartbeat begins. Once only. */
    public synchronized SipEndpoint serve(SipInbound inbound) throws SipStartException {
        Objects.requireNonNull(inbound, "inbound");
        if (dispatcher != null) {
            throw new IllegalStateException("the SIP endpoint serves already");
        }
        Responder responder = new Responder(stack.builder());
        dispatcher = new RequestDispatcher(stack.provider(), new TrustedPeers(settings.trustedPeers(), settings.tls()), responder,
                RequestDispatcher.handlersFor(inbound, responder), settings.capacity(), clock);
        stack.start(this);
        heartbeat.start();
        return this;
    }

    /**
     * Opens and serves at once. A taken port or a bad address fails here with a message naming them.
     *
     * @param inbound handles requests from trusted peers; a MESSAGE completes with the response to send
     */
    public static SipEndpoint start(SipEndpointSettings settings, SipInbound inbound, Clock clock) throws SipStartException {
        SipEndpoint endpoint = open(settings, clock);
        try {
            return endpoint.serve(inbound);
        } catch (SipStartException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /** IM only (presence requests answered 489). */
    public static SipEndpoint start(SipEndpointSettings settings, Function<SipMessage, CompletionStage<SipStatus>> messages, Clock clock)
            throws SipStartException {
        return start(settings, SipInbound.messagesOnly(messages), clock);
    }

    // ---- what the bridges send ----

    @Override
    public CompletionStage<SipStatus> sendMessage(SipMessage message, boolean congestionControlled) {
        return client.sendMessage(message, congestionControlled);
    }

    @Override
    public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
        return client.subscribe(dialog, cseq, expires);
    }

    @Override
    public CompletionStage<SipStatus> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
        return client.notify(dialog, cseq, subscriptionState, pidf);
    }

    @Override
    public boolean hasCongestionControlledTransport() {
        return client.hasCongestionControlledTransport();
    }

    // ---- status ----

    public FrontEndStatus frontEnd() {
        return heartbeat.status();
    }

    /**
     * Runs {@code listener} each time the front end answers OPTIONS again after the heartbeat saw it down (a restart
     * or an outage of at least one heartbeat interval). It runs on the heartbeat's thread: hand long work elsewhere.
     */
    public void onFrontEndBackUp(Runnable listener) {
        heartbeat.onBackUp(listener);
    }

    /** The last OPTIONS round trip to the front end in milliseconds, or -1 when there is none. */
    public long frontEndRoundTripMillis() {
        return heartbeat.roundTripMillis();
    }

    /** Where the front end is, as configured: host:port;transport. */
    public String frontEndTarget() {
        return settings.frontEndHost() + ":" + settings.frontEndPort() + ";transport=" + settings.frontEndTransport();
    }

    public long refusedUntrusted() {
        RequestDispatcher d = dispatcher;
        return d == null ? 0 : d.refusedUntrusted();
    }

    /** Requests answered 503 because the request queue was full ({@link SipCapacity#requestQueue()}). */
    public long shedRequests() {
        RequestDispatcher d = dispatcher;
        return d == null ? 0 : d.shed();
    }

    /** Messages from XMPP refused with resource-constraint because too many requests awaited an answer. */
    public long shedOutgoing() {
        return client.shed();
    }

    // ---- the stack's events ----

    @Override
    public void processRequest(RequestEvent event) {
        dispatcher.dispatch(event);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        if (r.getStatusCode() >= 200 && event.getClientTransaction() != null) {
            transactions.answered(event.getClientTransaction(), r);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() != null) {
            transactions.ended(event.getClientTransaction());
        }
    }

    /**
     * A connection towards a peer failed: transactions waiting on it will see no response (a stream transport is
     * not retransmitted over), so they end now as 408 instead of after Timer F.
     */
    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("Federation Gateway: SIP transport error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
        if (event.getTransport() != null && !"udp".equalsIgnoreCase(event.getTransport())) {
            transactions.connectionLost(event.getHost(), event.getPort());
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            transactions.ended(event.getClientTransaction());
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs of the stack's own: AUTOMATIC_DIALOG_SUPPORT is off and the bridge keeps its dialogs itself
    }

    // ---- lifecycle ----

    @Override
    public void close() {
        heartbeat.close();
        RequestDispatcher d = dispatcher;
        stack.close(this);
        if (d != null) {
            d.close();
        }
        transactions.endAll();
    }
}
