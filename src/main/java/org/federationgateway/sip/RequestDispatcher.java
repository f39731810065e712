package org.federationgateway.sip;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.RequestEventExt;
import org.federationgateway.gateway.SipStatus;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * Incoming requests: refused with 403 (logged at most once a minute, see {@link RefusalLog}) unless from a trusted peer, then handed to the handler
 * of their method; a method without one is answered 405 with an Allow header listing the handlers there are.
 * Requests for a handler are queued for the worker threads up to {@link SipCapacity#requestQueue()}; beyond it they are
 * answered 503 with Retry-After at once (see {@link Admission}), counted and logged at most once a minute, so an
 * overloaded gateway says so instead of losing requests.
 */
final class RequestDispatcher implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(RequestDispatcher.class);

    private final SipProvider provider;
    private final TrustedPeers trusted;
    private final Responder responder;
    private final Map<String, SipMethodHandler> handlers;
    private final AtomicLong refusedUntrusted = new AtomicLong();
    private final RefusalLog refusalLog;
    private final SipCapacity capacity;
    private final ExecutorService workers;
    /** Requests queued for the workers or being handled by them. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong lastShedLog = new AtomicLong(System.nanoTime() - SHED_LOG_INTERVAL_NANOS);
    private final AtomicLong shedSinceLog = new AtomicLong();
    private static final long SHED_LOG_INTERVAL_NANOS = 60_000_000_000L;

    RequestDispatcher(SipProvider provider, TrustedPeers trusted, Responder responder, Map<String, SipMethodHandler> handlers) {
        this(provider, trusted, responder, handlers, SipCapacity.DEFAULT);
    }

    RequestDispatcher(SipProvider provider, TrustedPeers trusted, Responder responder, Map<String, SipMethodHandler> handlers, SipCapacity capacity) {
        this(provider, trusted, responder, handlers, capacity, java.time.Clock.systemUTC());
    }
    /**
     * The most header bytes a request may carry (RFC 3261 §21.5.14: 513 Message Too Large beyond it). Bodies are
     * limited on their own (413); this keeps one oversized header (64 KB and more) from being parsed on into the bridge.
     */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** @param clock the time the untrusted-refusal log's interval is measured in (the endpoint's clock) */
    RequestDispatcher(SipProvider provider, TrustedPeers trusted, Responder responder, Map<String, SipMethodHandler> handlers, SipCapacity capacity,
                      java.time.Clock clock) {
        this.refusalLog = new RefusalLog(clock);
        this.provider = provider;
        this.trusted = trusted;
        this.responder = responder;
        this.handlers = new LinkedHashMap<>(handlers);
        this.capacity = capacity;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(capacity.workerThreads(), r -> {
            Thread t = new Thread(r, "federationgateway-sip-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The handlers of the endpoint: OPTIONS answered 200 here (the front end's own heartbeat), the rest by the bridge. */
    static Map<String, SipMethodHandler> handlersFor(SipInbound inbound, Responder responder) {
        Map<String, SipMethodHandler> h = new LinkedHashMap<>();
        h.put(Request.MESSAGE, new MessageHandler(inbound, responder));
        h.put(Request.OPTIONS, (st, request) -> responder.respond(st, request, SipStatus.OK));
        h.put(Request.SUBSCRIBE, new SubscribeHandler(inbound, responder));
        h.put(Request.NOTIFY, new NotifyHandler(inbound, responder));
        return h;
    }

    void dispatch(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return; // the gateway sends no INVITE, so an ACK belongs to nothing of its own
        }
        String source = event instanceof RequestEventExt ext ? ext.getRemoteIpAddress() : null;
        ServerTransaction st;
        try {
            st = event.getServerTransaction() != null ? event.getServerTransaction() : provider.getNewServerTransaction(request);
        } catch (SipException e) {
            // a retransmission racing its original, or a request the stack cannot keep state for: the original is answered
            LOG.debug("Federation Gateway: no transaction for SIP {} from {}: {}", request.getMethod(), source, e.toString());
            return;
        }
        if (!trusted.trusts(source, st)) {
            refusedUntrusted.incrementAndGet();
            refusalLog.refused(request.getMethod(), source).ifPresent(LOG::info);
            responder.respond(st, request, new SipStatus(403, "Not a trusted peer"));
            return;
        }
        int headerBytes = headerBytes(request);
        if (headerBytes > MAX_HEADER_BYTES) {
            LOG.info("Federation Gateway: refused SIP {} from {}: reason=headers-too-large ({} bytes of headers)", request.getMethod(), source,
                    headerBytes);
            responder.respond(st, request, new SipStatus(513, "the request's headers are " + headerBytes + " bytes; the gateway reads at most "
                    + MAX_HEADER_BYTES));
            return;
        }
        SipMethodHandler handler = handlers.get(request.getMethod());
        if (handler == null) {
            try {
                responder.send(st, methodNotAllowed(request));
            } catch (ParseException e) {
                LOG.debug("Federation Gateway: could not build the 405 to {}: {}", request.getMethod(), e.toString());
            }
            return;
        }
        // The stack reads UDP on several threads: the place in the queue is taken before the decision, so two
        // requests arriving at once cannot both see the last free place.
        int ahead = queued.getAndIncrement();
        Admission.Verdict verdict = Admission.decide(request.getMethod(), HeaderReader.toTag(request) != null, ahead, capacity.requestQueue());
        if (verdict != Admission.Verdict.QUEUE) {
            queued.decrementAndGet();
        }
        switch (verdict) {
            case ANSWER_NOW -> handle(handler, st, request, source);
            case QUEUE -> {
                try {
                    workers.execute(() -> {
                        try {
                            handle(handler, st, request, source);
                        } finally {
                            queued.decrementAndGet();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    queued.decrementAndGet();
                    shed(st, request, source); // closing: the workers take nothing more
                }
            }
            case SHED -> shed(st, request, source);
        }
    }

    /** RFC 3261 §21.5.4: 503 with Retry-After; counted, logged at most once a minute with the count since the last line. */
    private void shed(ServerTransaction st, Request request, String source) {
        shed.incrementAndGet();
        long since = shedSinceLog.incrementAndGet();
        long last = lastShedLog.get();
        long now = System.nanoTime();
        if (now - last >= SHED_LOG_INTERVAL_NANOS && lastShedLog.compareAndSet(last, now)) {
            shedSinceLog.addAndGet(-since);
            LOG.warn("Federation Gateway: overloaded, answered SIP {} from {} with 503 (Retry-After {} s): {} request(s) queued, the limit is "
                    + "sip.requestQueue={}; {} request(s) shed since the last such line, {} in all", request.getMethod(), source,
                    capacity.retryAfterSeconds(), queued.get(), capacity.requestQueue(), since, shed.get());
        }
        try {
            Response r = responder.builder().response(request, new SipStatus(503, "Service Unavailable"), null);
            r.addHeader(responder.builder().headers.createRetryAfterHeader(capacity.retryAfterSeconds()));
            responder.send(st, r);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            LOG.debug("Federation Gateway: could not build the 503 to {}: {}", request.getMethod(), e.toString());
        }
    }

    private void handle(SipMethodHandler handler, ServerTransaction st, Request request, String source) {
        try {
            handler.handle(st, request);
        } catch (RuntimeException e) {
            // Protects the stack's event thread and the peer: a fault in one handler answers this request 500
            // instead of leaving its transaction to time out, and the next request is served as usual.
            LOG.warn("Federation Gateway: cannot handle SIP {} from {}: {}", request.getMethod(), source, e.toString(), e);
            responder.respond(st, request, new SipStatus(500, "Gateway error"));
        }
    }

    /** The size of a request's headers as encoded (the body has its own limit, in the translation). */
    static int headerBytes(Request request) {
        int n = 0;
        for (java.util.ListIterator<?> names = request.getHeaderNames(); names.hasNext(); ) {
            for (java.util.ListIterator<?> headers = request.getHeaders((String) names.next()); headers.hasNext(); ) {
                n += headers.next().toString().length();
            }
        }
        return n;
    }

    /** RFC 3261 §8.2.1: a 405 lists in Allow the methods the gateway does serve, i.e. those with a handler. */
    Response methodNotAllowed(Request request) throws ParseException {
        Response r = responder.builder().response(request, new SipStatus(405, "Method Not Allowed"), null);
        r.addHeader(responder.builder().headers.createAllowHeader(String.join(", ", handlers.keySet())));
        return r;
    }

    long refusedUntrusted() {
        return refusedUntrusted.get();
    }

    /** Requests answered 503 because the queue was full. */
    long shed() {
        return shed.get();
    }

    /** Requests queued for the workers or being handled now. */
    int queued() {
        return queued.get();
    }

    /** Stops the workers; what they hold is answered by the stack's own transaction timeout, as on any stop. */
    @Override
    public void close() {
        workers.shutdownNow();
    }
}
