package org.federationgateway.component;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.Packet;

/**
 * Keeps the gateway connected to its XMPP server as an external component: connects, hands every stanza
 * to the gateway, and after a failure reconnects with exponential backoff until {@link #close()}.
 */
public final class ComponentHost implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(ComponentHost.class);

    private final ComponentSettings settings;
    /** Set once by {@link #serve}, before the loop that reads stanzas starts. */
    private volatile Consumer<Packet> onStanza;
    private final Thread loop;
    private final AtomicReference<ComponentConnection> connection = new AtomicReference<>();
    private final AtomicReference<ComponentStatus> status;
    private volatile boolean stopping;

    /** Thrown when a stanza cannot be sent because the link is down; the caller answers its sender. */
    public static final class NotConnectedException extends IOException {
        private static final long serialVersionUID = 1L;

        NotConnectedException(String message) {
            super(message);
        }
    }

    private ComponentHost(ComponentSettings settings) {
        this.settings = settings;
        this.status = new AtomicReference<>(new ComponentStatus(false, Instant.now(), null, 0));
        this.loop = new Thread(this::run, "federationgateway-component-" + settings.componentDomain());
        this.loop.setDaemon(true);
    }

    /**
     * The link, not connected yet: {@link #send} fails with {@link NotConnectedException} until {@link #serve}
     * connects it. The gateway is built with this host as its outlet, then served.
     */
    public static ComponentHost open(ComponentSettings settings) {
        return new ComponentHost(Objects.requireNonNull(settings, "settings"));
    }

    /** Connects (and reconnects) and hands every stanza to {@code onStanza}. Once only. */
    public synchronized ComponentHost serve(Consumer<Packet> onStanza) {
        if (this.onStanza != null) {
            throw new IllegalStateException("the component link serves already");
        }
        this.onStanza = Objects.requireNonNull(onStanza, "onStanza");
        loop.start();
        return this;
    }

    public static ComponentHost start(ComponentSettings settings, Consumer<Packet> onStanza) {
        return open(settings).serve(onStanza);
    }

    public void send(Packet packet) throws IOException {
        ComponentConnection c = connection.get();
        if (c == null || !c.isOpen()) {
            throw new NotConnectedException("the component link to " + settings.serverHost() + ":" + settings.serverPort() + " is down");
        }
        try {
            c.send(packet);
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    public ComponentStatus status() {
        return status.get();
    }

    public String domain() {
        return settings.componentDomain();
    }

    private void run() {
        Duration backoff = settings.minBackoff();
        while (!stopping) {
            try (ComponentConnection c = ComponentConnection.open(settings)) {
                connection.set(c);
                ComponentStatus before = status.get();
                status.set(new ComponentStatus(true, Instant.now(), before.lastFailure(), before.connects() + 1));
                LOG.info("Federation Gateway: connected to {}:{} as component {}", settings.serverHost(), settings.serverPort(), settings.componentDomain());
                backoff = settings.minBackoff();
                c.readUntilClosed(this::deliver);
                recordFailure("the server closed the component stream");
            } catch (IOException | RuntimeException e) {
                recordFailure(e.getMessage());
            } finally {
                connection.set(null);
            }
            if (stopping) {
                break;
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        }
    }

    private void deliver(Packet packet) {
        try {
            onStanza.accept(packet);
        } catch (RuntimeException e) {
            LOG.error("Federation Gateway: failed to handle a stanza from {}: {}", packet.getFrom(), e.toString(), e);
        }
    }

    private void recordFailure(String reason) {
        if (stopping) {
            return;
        }
        ComponentStatus before = status.get();
        if (before.connected() || !Objects.equals(before.lastFailure(), reason)) {
            LOG.warn("Federation Gateway: component link to {}:{} down: {}; reconnecting", settings.serverHost(), settings.serverPort(), reason);
        }
        status.set(new ComponentStatus(false, Instant.now(), reason, before.connects()));
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void close() {
        stopping = true;
        ComponentConnection c = connection.get();
        if (c != null) {
            c.close();
        }
        loop.interrupt();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
