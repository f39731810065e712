package org.federationgateway.testing.peers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.federationgateway.sip.Slf4jServerLogger;
import org.federationgateway.sip.Slf4jStackLogger;
import org.federationgateway.testing.Ports;

/**
 * A SIP user agent for tests on JAIN-SIP RI: registers at a proxy, sends MESSAGE and PUBLISH, answers
 * incoming requests with a chosen status (or not at all, to play a vanished phone) and records them.
 */
public final class SipUserAgent implements SipListener, AutoCloseable {
    private static final AtomicLong STACKS = new AtomicLong();

    /** A request as the agent received it. */
    public record Received(String method, String requestUri, String from, String to, String callId, String contentType, String body,
                           Request raw) {
        public String header(String name) {
            return raw.getHeader(name) == null ? null : raw.getHeader(name).toString().substring(name.length() + 1).strip();
        }
    }

    private final String user;
    private final String domain;
    private final String address;
    private final int port;
    private final String transport;
    private final String proxy;
    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint listeningPoint;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final List<Received> received = new ArrayList<>();
    private final ConcurrentHashMap<ClientTransaction, BlockingQueue<Integer>> waiting = new ConcurrentHashMap<>();
    private volatile int answer = 200;
    private volatile String lastReason = "";
    private volatile java.util.function.Consumer<Received> listener = r -> { };
    private volatile boolean keepReceived = true;
    private long cseq = 1;

    /** @param proxy {@code host:port} of the outbound proxy, or null to send directly to the Request-URI */
    public SipUserAgent(String user, String domain, String address, int port, String transport, String proxy) {
        this(user, domain, address, port, transport, proxy, java.util.Map.of());
    }

    /** A phone speaking TLS: it presents {@code certificate} and trusts the test CA. */
    public static SipUserAgent overTls(String user, String domain, String address, int port, TestCertificates ca, IssuedCertificate certificate) {
        return new SipUserAgent(user, domain, address, port, "tls", null, java.util.Map.of(
                "javax.net.ssl.keyStore", certificate.pkcs12().toString(),
                "javax.net.ssl.keyStorePassword", new String(certificate.pkcs12Password()),
                "javax.net.ssl.keyStoreType", "PKCS12",
                "javax.net.ssl.trustStore", ca.truststore().toString(),
                "javax.net.ssl.trustStorePassword", new String(ca.password()),
                "javax.net.ssl.trustStoreType", "PKCS12",
                "gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3"));
    }

    private SipUserAgent(String user, String domain, String address, int port, String transport, String proxy, java.util.Map<String, String> extra) {
        Ports.requireLoopback(address);
        this.user = user;
        this.domain = domain;
        this.address = address;
        this.port = port;
        this.transport = transport;
        this.proxy = proxy;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "test-ua-" + user + "-" + STACKS.incrementAndGet());
            if (proxy != null) {
                p.setProperty("javax.sip.OUTBOUND_PROXY", proxy + "/" + transport);
            }
            p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
            p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
            p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
            p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
            p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
            extra.forEach(p::setProperty);
            stack = factory.createSipStack(p);
            addresses = factory.createAddressFactory();
            headers = factory.createHeaderFactory();
            messages = factory.createMessageFactory();
            listeningPoint = stack.createListeningPoint(address, port, transport);
            provider = stack.createSipProvider(listeningPoint);
            provider.addSipListener(this);
            stack.start();
        } catch (Exception e) {
            throw new AssertionError("cannot start SIP user agent " + user + " on " + address + ":" + port, e);
        }
    }

    public String aor() {
        return "sip:" + user + "@" + domain;
    }

    /** Also hands every request received from now on to {@code l} (for the lab's console). */
    public void onRequest(java.util.function.Consumer<Received> l) {
        this.listener = l;
    }

    /**
     * Hands requests only to the {@link #onRequest} listener from now on, without keeping them for {@link #await}
     * and {@link #count}: a load run of hours would otherwise keep every request it received.
     */
    public void listenerOnly() {
        keepReceived = false;
        synchronized (received) {
            received.clear();
        }
    }

    /** Answers later requests with this status; 0 means never answer (a phone that vanished). */
    public void answerWith(int status) {
        this.answer = status;
    }

    public int register(int expires) {
        try {
            Request r = request(Request.REGISTER, "sip:" + domain, aor());
            r.addHeader(headers.createExpiresHeader(expires));
            return send(r, Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sends a text/plain MESSAGE and returns the final status (408 if none came). */
    public int sendMessage(String toUri, String body) {
        try {
            return send(textMessage(toUri, body), Duration.ofSeconds(40));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Sends a text/plain MESSAGE without waiting: the future completes with the final status (408 when none came),
     * so a load harness can keep many in flight from one user agent.
     */
    public java.util.concurrent.CompletableFuture<Integer> sendMessageAsync(String toUri, String body) {
        java.util.concurrent.CompletableFuture<Integer> done = new java.util.concurrent.CompletableFuture<>();
        try {
            ClientTransaction tx = provider.getNewClientTransaction(textMessage(toUri, body));
            waiting.put(tx, new LinkedBlockingQueue<>() {
                @Override
                public boolean add(Integer status) {
                    waiting.remove(tx);
                    return done.complete(status);
                }
            });
            tx.sendRequest();
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Sends a MESSAGE straight to {@code host:port}, bypassing the proxy. */
    public int sendMessageDirect(String toUri, String host, int hostPort, String body) {
        try {
            Request r = request(Request.MESSAGE, toUri, toUri);
            SipURI hop = addresses.createSipURI(null, host);
            hop.setPort(hostPort);
            hop.setTransportParam(transport);
            hop.setLrParam();
            r.addHeader(headers.createRouteHeader(addresses.createAddress(hop)));
            r.setContent(body.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("text", "plain"));
            return send(r, Duration.ofSeconds(40));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sends SUBSCRIBE (Event: presence) to {@code toUri}; NOTIFYs arrive as received requests. Returns the final status. */
    public int subscribe(String toUri, int expires) {
        try {
            Request r = request(Request.SUBSCRIBE, toUri, toUri);
            r.addHeader(headers.createEventHeader("presence"));
            r.addHeader(headers.createAcceptHeader("application", "pidf+xml"));
            r.addHeader(headers.createExpiresHeader(expires));
            return send(r, Duration.ofSeconds(20));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Refreshes, in its dialog, the subscription that {@code notify} belongs to, as a phone does before it expires
     * (RFC 6665 §4.1.2.2): the Request-URI is the notifier's Contact from that NOTIFY (a NOTIFY is a target refresh
     * request, §3.2), the route set its Record-Route, and the tags those of the dialog. Returns the final status.
     */
    public int refreshSubscription(Received notify, int expires) {
        try {
            Request n = notify.raw();
            FromHeader notifier = (FromHeader) n.getHeader(FromHeader.NAME);
            ToHeader subscriber = (ToHeader) n.getHeader(ToHeader.NAME);
            javax.sip.header.ContactHeader target = (javax.sip.header.ContactHeader) n.getHeader(javax.sip.header.ContactHeader.NAME);
            if (target == null) {
                throw new AssertionError("the NOTIFY has no Contact to refresh the subscription at: " + n);
            }
            Request r;
            synchronized (this) {
                r = messages.createRequest(target.getAddress().getURI(), Request.SUBSCRIBE, headers.createCallIdHeader(notify.callId()),
                        headers.createCSeqHeader(cseq++, Request.SUBSCRIBE), headers.createFromHeader(subscriber.getAddress(), subscriber.getTag()),
                        headers.createToHeader(notifier.getAddress(), notifier.getTag()),
                        List.of(headers.createViaHeader(address, port, transport, null)), headers.createMaxForwardsHeader(70));
            }
            java.util.ListIterator<?> routes = n.getHeaders(javax.sip.header.RecordRouteHeader.NAME);
            while (routes.hasNext()) {
                r.addHeader(headers.createRouteHeader(((javax.sip.header.RecordRouteHeader) routes.next()).getAddress()));
            }
            SipURI contact = addresses.createSipURI(user, address);
            contact.setPort(port);
            contact.setTransportParam(transport);
            r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
            r.addHeader(headers.createEventHeader("presence"));
            r.addHeader(headers.createAcceptHeader("application", "pidf+xml"));
            r.addHeader(headers.createExpiresHeader(expires));
            return send(r, Duration.ofSeconds(20));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The next NOTIFY whose Subscription-State starts with {@code state} and whose body satisfies {@code body}. */
    public Received awaitNotify(String state, Predicate<String> body, Duration timeout) {
        return await(r -> r.method().equals(Request.NOTIFY) && String.valueOf(r.header("Subscription-State")).startsWith(state) && body.test(r.body()),
                "a NOTIFY " + state, timeout);
    }

    public int publish(String pidf, int expires) {
        try {
            Request r = request(Request.PUBLISH, aor(), aor());
            r.addHeader(headers.createEventHeader("presence"));
            r.addHeader(headers.createExpiresHeader(expires));
            r.setContent(pidf.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application", "pidf+xml"));
            return send(r, Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * PUBLISH of {@code user}'s presence (a user of this agent's domain, not necessarily this agent's own), without
     * waiting: the future completes with the final status (408 when none came). For a load harness that plays many
     * users' phones from one agent.
     */
    public java.util.concurrent.CompletableFuture<Integer> publishAsync(String user, String pidf, int expires) {
        java.util.concurrent.CompletableFuture<Integer> done = new java.util.concurrent.CompletableFuture<>();
        try {
            String uri = "sip:" + user + "@" + domain;
            Request r = request(Request.PUBLISH, uri, uri);
            r.setHeader(headers.createFromHeader(addresses.createAddress(uri), Long.toHexString(System.nanoTime())));
            r.addHeader(headers.createEventHeader("presence"));
            r.addHeader(headers.createExpiresHeader(expires));
            r.setContent(pidf.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application", "pidf+xml"));
            ClientTransaction tx = provider.getNewClientTransaction(r);
            waiting.put(tx, new LinkedBlockingQueue<>() {
                @Override
                public boolean add(Integer status) {
                    waiting.remove(tx);
                    return done.complete(status);
                }
            });
            tx.sendRequest();
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    public Received await(Predicate<Received> matching, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    if (matching.test(received.get(i))) {
                        return received.remove(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(user + " did not receive " + description + " within " + timeout.toMillis() + " ms; got " + received);
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The requests received so far that match, without consuming them. */
    public long count(Predicate<Received> matching) {
        synchronized (received) {
            return received.stream().filter(matching).count();
        }
    }

    public Received awaitMessage(String body, Duration timeout) {
        return await(r -> r.method().equals(Request.MESSAGE) && body.equals(r.body()), "a MESSAGE \"" + body + "\"", timeout);
    }

    /** The reason phrase of the last final response (or timeout) a waiting request got, for command-line output. */
    public String lastReasonPhrase() {
        return lastReason;
    }

    /** A text/plain MESSAGE to {@code toUri} through the proxy. */
    private Request textMessage(String toUri, String body) throws Exception {
        Request r = request(Request.MESSAGE, toUri, toUri);
        ContentTypeHeader type = headers.createContentTypeHeader("text", "plain");
        type.setParameter("charset", "UTF-8");
        r.setContent(body.getBytes(StandardCharsets.UTF_8), type);
        return r;
    }

    /** Synchronized for the CSeq counter: the load harness sends from several threads. */
    private synchronized Request request(String method, String requestUri, String toUri) throws Exception {
        List<ViaHeader> via = List.of(headers.createViaHeader(address, port, transport, null));
        Request r = messages.createRequest(addresses.createURI(requestUri), method, provider.getNewCallId(),
                headers.createCSeqHeader(cseq++, method), headers.createFromHeader(addresses.createAddress(aor()), Long.toHexString(System.nanoTime())),
                headers.createToHeader(addresses.createAddress(toUri), null), via, headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI(user, address);
        contact.setPort(port);
        contact.setTransportParam(transport);
        r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        return r;
    }

    private int send(Request r, Duration timeout) throws Exception {
        ClientTransaction tx = provider.getNewClientTransaction(r);
        BlockingQueue<Integer> result = new LinkedBlockingQueue<>();
        waiting.put(tx, result);
        tx.sendRequest();
        Integer status = result.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        waiting.remove(tx);
        return status == null ? 408 : status;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request req = event.getRequest();
        if (Request.ACK.equals(req.getMethod())) {
            return;
        }
        try {
            int status = answer;
            if (status > 0) {
                ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction() : provider.getNewServerTransaction(req);
                Response response = messages.createResponse(status, req);
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(Long.toHexString(System.nanoTime()));
                st.sendResponse(response);
            }
            ContentTypeHeader type = (ContentTypeHeader) req.getHeader(ContentTypeHeader.NAME);
            Received r = new Received(req.getMethod(), req.getRequestURI().toString(),
                    ((FromHeader) req.getHeader(FromHeader.NAME)).getAddress().getURI().toString(),
                    ((ToHeader) req.getHeader(ToHeader.NAME)).getAddress().getURI().toString(),
                    ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId(),
                    type == null ? null : type.getContentType() + "/" + type.getContentSubType(),
                    req.getRawContent() == null ? "" : new String(req.getRawContent(), StandardCharsets.UTF_8), req);
            if (keepReceived) {
                synchronized (received) {
                    received.add(r);
                    received.notifyAll();
                }
            }
            listener.accept(r);
        } catch (Exception e) {
            throw new IllegalStateException(user + " cannot answer " + req.getMethod(), e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        if (r.getStatusCode() >= 200 && event.getClientTransaction() != null) {
            BlockingQueue<Integer> q = waiting.get(event.getClientTransaction());
            if (q != null) {
                lastReason = r.getReasonPhrase() == null ? "" : r.getReasonPhrase();
                q.add(r.getStatusCode());
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() != null) {
            BlockingQueue<Integer> q = waiting.get(event.getClientTransaction());
            if (q != null) {
                lastReason = "no response (transaction timed out)";
                q.add(408);
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        try {
            provider.removeSipListener(this);
            stack.deleteSipProvider(provider);
            stack.deleteListeningPoint(listeningPoint);
        } catch (Exception ignored) {
            // stopping anyway
        }
        stack.stop();
    }

    @Override
    public String toString() {
        return "SipUserAgent[" + aor() + " at " + address + ":" + port + "/" + transport + (proxy == null ? "" : " via " + proxy) + "]";
    }
}
