package org.federationgateway.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TransportAlreadySupportedException;
import javax.sip.TransportNotSupportedException;

import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * The JAIN-SIP stack's life: its properties (TLS stores read by the stack, not JVM-wide), one listening point per
 * transport, the provider, start with the endpoint's listener, and stop undoing all of it.
 */
final class SipStackLifecycle {
    private static final Logger LOG = NodeLog.getLogger(SipStackLifecycle.class);
    private static final AtomicLong STARTS = new AtomicLong();

    private final SipStack stack;
    private final SipProvider provider;
    private final List<ListeningPoint> listeningPoints;
    private final HeaderBuilder builder;

    private SipStackLifecycle(SipStack stack, SipProvider provider, List<ListeningPoint> listeningPoints, HeaderBuilder builder) {
        this.stack = stack;
        this.provider = provider;
        this.listeningPoints = listeningPoints;
        this.builder = builder;
    }

    /** Creates the stack and binds every listening point; on failure whatever was created is removed again. */
    static SipStackLifecycle open(SipEndpointSettings settings) throws SipStartException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack;
        HeaderBuilder builder;
        try {
            stack = factory.createSipStack(stackProperties(settings));
            builder = new HeaderBuilder(factory.createAddressFactory(), factory.createHeaderFactory(), factory.createMessageFactory(), settings);
        } catch (PeerUnavailableException e) {
            throw new SipStartException("cannot create the SIP stack: " + e.getMessage(), e);
        }
        List<ListeningPoint> points = new ArrayList<>();
        SipProvider provider = null;
        try {
            for (String transport : settings.transports()) {
                ListeningPoint lp = stack.createListeningPoint(settings.listenAddress(), settings.portFor(transport), transport);
                points.add(lp);
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
            }
        } catch (TransportNotSupportedException | TransportAlreadySupportedException | InvalidArgumentException | ObjectInUseException e) {
            new SipStackLifecycle(stack, provider, points, builder).close(null);
            throw new SipStartException("cannot start the SIP stack on " + settings.listenAddress() + ":" + settings.port() + " "
                    + settings.transports() + ": " + e.getMessage(), e);
        }
        if (settings.transports().contains("udp")) {
            receiveBufferWarning(settings.capacity().receiveBufferBytes(), kernelReceiveBufferMax()).ifPresent(LOG::warn);
        }
        return new SipStackLifecycle(stack, provider, points, builder);
    }

    /** Linux's limit on what a socket may ask for ({@code net.core.rmem_max}), if it can be read. */
    private static java.util.OptionalLong kernelReceiveBufferMax() {
        // Read as a stream: procfs reports a size of 0, and Files.readString then returned only the first digit here.
        try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/sys/net/core/rmem_max"))) {
            String line = in.readLine();
            return line == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Long.parseLong(line.strip()));
        } catch (java.io.IOException | NumberFormatException | SecurityException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The warning when the kernel gives the SIP socket less receive buffer than configured. */
    static java.util.Optional<String> receiveBufferWarning(int requested, java.util.OptionalLong kernelMax) {
        if (kernelMax.isEmpty() || kernelMax.getAsLong() >= requested) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Federation Gateway: the SIP UDP receive buffer is " + kernelMax.getAsLong() + " bytes, not the "
                + requested + " of sip.receiveBufferBytes: the kernel limits it (net.core.rmem_max). Raise that limit "
                + "(sysctl -w net.core.rmem_max=" + requested + ") or bursts beyond it are dropped by the kernel unanswered.");
    }

    SipProvider provider() {
        return provider;
    }

    HeaderBuilder builder() {
        return builder;
    }

    /** Starts the stack with the endpoint's listener: from here requests are dispatched. */
    void start(SipListener listener) throws SipStartException {
        try {
            provider.addSipListener(listener);
            stack.start();
        } catch (TooManyListenersException | SipException e) {
            throw new SipStartException("cannot start the SIP stack on " + builder.settings.listenAddress() + ":" + builder.settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Removes the listener (if given), the provider and the listening points, and stops the stack. */
    void close(SipListener listener) {
        try {
            if (provider != null) {
                if (listener != null) {
                    provider.removeSipListener(listener);
                }
                stack.deleteSipProvider(provider);
            }
        } catch (ObjectInUseException e) {
            LOG.debug("SIP provider removal: {}", e.toString());
        }
        for (ListeningPoint lp : listeningPoints) {
            try {
                stack.deleteListeningPoint(lp);
            } catch (ObjectInUseException e) {
                LOG.debug("SIP listening point removal: {}", e.toString());
            }
        }
        stack.stop();
    }

    private static String storeType(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
    }

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
        // The stack's default UDP receive buffer is 8 KiB: a few datagrams, dropped by the kernel whenever the reader
        // thread is not scheduled for a moment. Sized here; the load beyond what is queued is shed with 503.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(settings.capacity().receiveBufferBytes()));
        // Queued datagrams older than this are dropped by the stack without an answer (default 8 s); requests are
        // shed with 503 long before (RequestDispatcher), so this only ends what no one waits for any more.
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "8000");
        // RELEASE_REFERENCES_STRATEGY stays at its default (None). "Normal" drops a transaction's references as soon as
        // its final response is sent; for a NOTIFY that the stack holds the gateway's SUBSCRIBE transaction locked for
        // (so that it waits for the 200 to that SUBSCRIBE), an answer sent before the stack's thread returned then
        // forgot that lock, and every later NOTIFY of the subscription waited for it for ever, one UDP thread each.
        // UDP read into one reused buffer per socket instead of a new 64 KiB array per datagram (see the class).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", gov.nist.javax.sip.stack.ReusedBufferMessageProcessorFactory.class.getName());
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
}
