package org.federationgateway.sip;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.RequestEventExt;
import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipOutlet;
import org.federationgateway.gateway.SipPresenceOutlet;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipResult;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.federationgateway.translate.TranslationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's JAIN-SIP stack: listens on the configured address and transports, accepts requests only
 * from trusted peers (403 and a log line for anyone else), sends MESSAGE to the front end and keeps an
 * OPTIONS heartbeat to it. Everything it registers is undone by {@link #close()}.
 */
public final class SipEndpoint implements SipOutlet, SipPresenceOutlet, SipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

    /** The front end as the heartbeat last saw it. */
    public enum FrontEndState { UNKNOWN, UP, DOWN }

    /** A front-end state with the time it was reached. */
    public record FrontEndStatus(FrontEndState state, Instant since, String detail) {
    }

    private final SipEndpointSettings settings;
    /** Set once by {@link #serve}; requests are not dispatched before (the listener is added there). */
    private volatile SipInbound inbound;
    private final Clock clock;
    private final SipStack stack;
    private final SipProvider provider;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private final SipRequests requests;
    /** Client transactions waiting for their final response; completed with null on timeout. */
    private final Map<ClientTransaction, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService heartbeat;
    private final AtomicReference<FrontEndStatus> frontEnd;
    private final AtomicLong refusedUntrusted = new AtomicLong();

    private SipEndpoint(SipEndpointSettings settings, Clock clock) throws SipException {
        this.settings = settings;
        this.clock = clock;
        this.frontEnd = new AtomicReference<>(new FrontEndStatus(FrontEndState.UNKNOWN, clock.instant(), ""));
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        try {
            stack = factory.createSipStack(stackProperties(settings));
            requests = new SipRequests(factory.createAddressFactory(), factory.createHeaderFactory(), factory.createMessageFactory(), settings);
            SipProvider p = null;
            for (String transport : settings.transports()) {
                ListeningPoint lp = stack.createListeningPoint(settings.listenAddress(), settings.portFor(transport), transport);
                listeningPoints.add(lp);
                if (p == null) {
                    p = stack.createSipProvider(lp);
                } else {
                    p.addListeningPoint(lp);
                }
            }
            provider = p;
        } catch (Exception e) {
            closeQuietly();
            throw e instanceof SipException se ? se : new SipException("cannot start the SIP stack on " + settings.listenAddress()
                    + ":" + settings.port() + " " + settings.transports() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds the listening points without serving yet: the bridges are built on this endpoint as their outlet,
     * then handed to {@link #serve}. A taken port or a bad address fails here with a message naming them.
     */
    public static SipEndpoint open(SipEndpointSettings settings, Clock clock) throws SipStartException {
        try {
            return new SipEndpoint(Objects.requireNonNull(settings), Objects.requireNonNull(clock));
        } catch (SipException e) {
            throw new SipStartException(e.getMessage(), e);
        }
    }

    /** Starts the stack: requests from trusted peers go to {@code inbound}; the OPTIONS heartbeat begins. Once only. */
    public SipEndpoint serve(SipInbound inbound) throws SipStartException {
        Objects.requireNonNull(inbound, "inbound");
        synchronized (this) {
            if (this.inbound != null) {
                throw new IllegalStateException("the SIP endpoint serves already");
            }
            this.inbound = inbound;
            try {
                provider.addSipListener(this);
                stack.start();
            } catch (java.util.TooManyListenersException | SipException e) {
                throw new SipStartException("cannot start the SIP stack on " + settings.listenAddress() + ":" + settings.port() + ": "
                        + e.getMessage(), e);
            }
            heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "federationgateway-sip-keepalive");
                t.setDaemon(true);
                return t;
            });
            long every = settings.keepAlive().toMillis();
            heartbeat.scheduleWithFixedDelay(this::sendKeepAlive, 0, every, TimeUnit.MILLISECONDS);
        }
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
    public static SipEndpoint start(SipEndpointSettings settings, Function<SipMessage, CompletionStage<SipResult>> messages, Clock clock)
            throws SipStartException {
        return start(settings, SipInbound.messagesOnly(messages), clock);
    }

    private static String storeType(String path) {
        return path.toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
    }

    private static final java.util.concurrent.atomic.AtomicLong STARTS = new java.util.concurrent.atomic.AtomicLong();

    static Properties stackProperties(SipEndpointSettings settings) {
        Properties p = new Properties();
        // SipFactory hands out the cached stack of a known name even after it stopped, so each start gets a new name.
        p.setProperty("javax.sip.STACK_NAME", settings.stackName() + "#" + STARTS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "1048576");
        if (settings.tls() != null) {
            // Read by the stack itself, so the JVM-wide javax.net.ssl properties of Openfire stay untouched.
            p.setProperty("javax.net.ssl.keyStore", settings.tls().keyStore());
            p.setProperty("javax.net.ssl.keyStorePassword", settings.tls().keyStorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", storeType(settings.tls().keyStore()));
            p.setProperty("javax.net.ssl.trustStore", settings.tls().trustStore());
            p.setProperty("javax.net.ssl.trustStorePassword", settings.tls().trustStorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", storeType(settings.tls().trustStore()));
            // Peers may present a certificate; those whose names are trusted may then send from any address.
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Want");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
        }
        return p;
    }

    // ---- outbound ----

    @Override
    public CompletionStage<SipResult> sendMessage(SipMessage message, boolean congestionControlled) {
        String transport = congestionControlled && !settings.frontEndTransport().equals("tcp") && settings.hasTcp() ? "tcp" : settings.frontEndTransport();
        try {
            return send(requests.message(message, transport, provider.getNewCallId().getCallId())).thenApply(SipEndpoint::result);
        } catch (TranslationException e) {
            return CompletableFuture.completedFuture(new SipResult(400, e.getMessage()));
        } catch (Exception e) {
            LOG.warn("Federation Gateway: cannot send MESSAGE to the SIP front end {}:{}: {}", settings.frontEndHost(), settings.frontEndPort(), e.toString());
            return CompletableFuture.completedFuture(new SipResult(408, "SIP front end unreachable"));
        }
    }

    @Override
    public CompletionStage<SubscribeAnswer> subscribe(SipDialog dialog, long cseq, int expires) {
        try {
            return send(requests.subscribe(dialog, cseq, expires, settings.frontEndTransport())).thenApply(r -> {
                if (r == null) {
                    return new SubscribeAnswer(new SipResult(408, "Request Timeout"), dialog, 0);
                }
                return new SubscribeAnswer(result(r), SipRequests.completeDialog(dialog, r), SipRequests.expires(r, expires));
            });
        } catch (Exception e) {
            LOG.warn("Federation Gateway: cannot send SUBSCRIBE for {}: {}", dialog.remoteUri(), e.toString());
            return CompletableFuture.completedFuture(new SubscribeAnswer(new SipResult(408, "SIP front end unreachable"), dialog, 0));
        }
    }

    @Override
    public CompletionStage<SipResult> notify(SipDialog dialog, long cseq, String subscriptionState, byte[] pidf) {
        try {
            return send(requests.notify(dialog, cseq, subscriptionState, pidf, settings.frontEndTransport())).thenApply(SipEndpoint::result);
        } catch (Exception e) {
            LOG.warn("Federation Gateway: cannot send NOTIFY to {}: {}", dialog.remoteUri(), e.toString());
            return CompletableFuture.completedFuture(new SipResult(408, "Unreachable"));
        }
    }

    private CompletableFuture<Response> send(Request request) throws SipException {
        ClientTransaction tx = provider.getNewClientTransaction(request);
        CompletableFuture<Response> f = new CompletableFuture<>();
        pending.put(tx, f);
        try {
            tx.sendRequest();
        } catch (SipException e) {
            pending.remove(tx);
            throw e;
        }
        return f;
    }

    private static SipResult result(Response r) {
        return r == null ? new SipResult(408, "Request Timeout") : new SipResult(r.getStatusCode(), r.getReasonPhrase());
    }

    @Override
    public boolean hasCongestionControlledTransport() {
        return settings.hasTcp() || settings.frontEndTransport().equals("tls");
    }

    public FrontEndStatus frontEnd() {
        return frontEnd.get();
    }

    /** Where the front end is, as configured: host:port;transport. */
    public String frontEndTarget() {
        return settings.frontEndHost() + ":" + settings.frontEndPort() + ";transport=" + settings.frontEndTransport();
    }

    public long refusedUntrusted() {
        return refusedUntrusted.get();
    }

    private void sendKeepAlive() {
        try {
            send(requests.options(settings.frontEndTransport(), provider.getNewCallId().getCallId()))
                    .whenComplete((r, e) -> frontEndAnswered(e != null ? null : result(r)));
        } catch (Exception e) {
            frontEndAnswered(new SipResult(408, e.toString()));
        }
    }

    /** Any response means the front end is alive (a 404 or 405 to OPTIONS still proves it answers). */
    private void frontEndAnswered(SipResult r) {
        boolean up = r != null && r.status() != 408 && r.status() != 503;
        FrontEndState next = up ? FrontEndState.UP : FrontEndState.DOWN;
        FrontEndStatus before = frontEnd.get();
        if (before.state() != next) {
            frontEnd.set(new FrontEndStatus(next, clock.instant(), r == null ? "" : r.status() + " " + r.reason()));
            if (up) {
                LOG.info("Federation Gateway: SIP front end {}:{} is up", settings.frontEndHost(), settings.frontEndPort());
            } else {
                LOG.warn("Federation Gateway: SIP front end {}:{} does not answer OPTIONS ({})", settings.frontEndHost(), settings.frontEndPort(),
                        r == null ? "" : r.status() + " " + r.reason());
            }
        }
    }

    // ---- inbound ----

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        String source = event instanceof RequestEventExt ext ? ext.getRemoteIpAddress() : null;
        try {
            ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction() : provider.getNewServerTransaction(request);
            if (source == null || !settings.trustedPeers().contains(source) && !trustedByCertificate(st)) {
                refusedUntrusted.incrementAndGet();
                LOG.info("Federation Gateway: refused SIP {} from untrusted {} (not a configured front end or trusted peer)", request.getMethod(), source);
                respond(st, request, new SipResult(403, "Not a trusted peer"));
                return;
            }
            switch (request.getMethod()) {
                case Request.OPTIONS -> respond(st, request, SipResult.OK);
                case Request.MESSAGE -> message(st, request);
                case Request.SUBSCRIBE -> subscribe(st, request);
                case Request.NOTIFY -> respond(st, request, notifyIn(request));
                default -> respond(st, request, new SipResult(405, "Method Not Allowed"));
            }
        } catch (Exception e) {
            LOG.warn("Federation Gateway: cannot handle SIP {} from {}: {}", request.getMethod(), source, e.toString());
        }
    }

    /** Over TLS, a peer whose certificate (already verified against the trust store) names a trusted peer. */
    private boolean trustedByCertificate(ServerTransaction st) {
        if (settings.tls() == null || settings.tls().trustedPeerNames().isEmpty() || !(st instanceof gov.nist.javax.sip.ServerTransactionExt ext)) {
            return false;
        }
        try {
            java.security.cert.Certificate[] chain = ext.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x509
                    && CertificateNames.of(x509).stream().anyMatch(settings.tls().trustedPeerNames()::contains);
        } catch (Exception e) {
            return false; // not TLS, or no certificate presented
        }
    }

    private void message(ServerTransaction st, Request request) {
        SipMessage in;
        try {
            in = requests.toSipMessage(request);
        } catch (TranslationException e) {
            respond(st, request, new SipResult(400, e.getMessage()));
            return;
        }
        inbound.message(in).whenComplete((r, e) -> respond(st, request, e != null ? new SipResult(500, "Gateway error") : r));
    }

    private void subscribe(ServerTransaction st, Request request) {
        if (!SipRequests.isPresenceEvent(request)) {
            respond(st, request, new SipResult(489, "Bad Event"));
            return;
        }
        PresenceBridge.SubscribeOutcome outcome;
        try {
            outcome = inbound.subscribe(SipUri.parse(request.getRequestURI().toString()), SipRequests.fromUri(request),
                    SipRequests.watcherDialog(request), SipRequests.expires(request, 3600));
        } catch (TranslationException e) {
            respond(st, request, new SipResult(400, e.getMessage()));
            return;
        }
        try {
            st.sendResponse(requests.subscribeResponse(request, outcome.result(), outcome.localTag(), outcome.expires()));
        } catch (Exception e) {
            LOG.debug("Federation Gateway: could not answer SUBSCRIBE: {}", e.toString());
            return;
        }
        outcome.afterResponse().run();
    }

    private SipResult notifyIn(Request request) {
        if (!SipRequests.isPresenceEvent(request)) {
            return new SipResult(489, "Bad Event");
        }
        return inbound.notify(SipRequests.callId(request), SipRequests.header(request, "Subscription-State"),
                SipRequests.header(request, "Content-Language"), request.getRawContent());
    }

    private void respond(ServerTransaction st, Request request, SipResult result) {
        try {
            st.sendResponse(requests.response(request, result));
        } catch (Exception e) {
            LOG.debug("Federation Gateway: could not answer {} {}: {}", request.getMethod(), result.status(), e.toString());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        if (r.getStatusCode() < 200 || event.getClientTransaction() == null) {
            return;
        }
        CompletableFuture<Response> f = pending.remove(event.getClientTransaction());
        if (f != null) {
            f.complete(r);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() != null) {
            CompletableFuture<Response> f = pending.remove(event.getClientTransaction());
            if (f != null) {
                f.complete(null);
            }
        }
    }

    /**
     * A connection towards a peer failed: transactions waiting on it will see no response (a stream transport is
     * not retransmitted over), so they end now as 408 instead of after Timer F.
     */
    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("Federation Gateway: SIP transport error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
        if (event.getTransport() == null || "udp".equalsIgnoreCase(event.getTransport())) {
            return;
        }
        pending.keySet().removeIf(tx -> {
            if (!SipRequests.goesTo(tx.getRequest(), event.getHost(), event.getPort())) {
                return false;
            }
            CompletableFuture<Response> f = pending.get(tx);
            if (f != null) {
                f.complete(null);
            }
            return true;
        });
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            CompletableFuture<Response> f = pending.remove(event.getClientTransaction());
            if (f != null) {
                f.complete(null);
            }
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    // ---- lifecycle ----

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            try {
                heartbeat.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
        pending.values().forEach(f -> f.complete(null));
        pending.clear();
    }

    private void closeQuietly() {
        if (stack == null) {
            return;
        }
        try {
            if (provider != null) {
                provider.removeSipListener(this);
                stack.deleteSipProvider(provider);
            }
        } catch (Exception e) {
            LOG.debug("SIP provider removal: {}", e.toString());
        }
        for (ListeningPoint lp : listeningPoints) {
            try {
                stack.deleteListeningPoint(lp);
            } catch (Exception e) {
                LOG.debug("SIP listening point removal: {}", e.toString());
            }
        }
        stack.stop();
    }
}
