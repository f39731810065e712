package org.federationgateway.sip;

import java.text.ParseException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;

import org.federationgateway.gateway.SipStatus;
import org.federationgateway.sip.SipEndpoint.FrontEndState;
import org.federationgateway.sip.SipEndpoint.FrontEndStatus;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * OPTIONS to the front end at the configured interval; its state is what the status page shows. When the front end
 * answers again after it did not, the listeners given to {@link #onBackUp} run: a front end that was restarted (a
 * presence server among them) may have lost what it held for the gateway.
 */
final class FrontEndHeartbeat implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(FrontEndHeartbeat.class);

    private final SipEndpointSettings settings;
    private final SipClient client;
    private final Clock clock;
    private final AtomicReference<FrontEndStatus> status;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.atomic.AtomicLong roundTrip = new java.util.concurrent.atomic.AtomicLong(-1);
    private final java.util.List<Runnable> backUp = new java.util.concurrent.CopyOnWriteArrayList<>();

    FrontEndHeartbeat(SipEndpointSettings settings, SipClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.status = new AtomicReference<>(new FrontEndStatus(FrontEndState.UNKNOWN, clock.instant(), ""));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "federationgateway-sip-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long every = settings.keepAlive().toMillis();
        timer.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code listener} each time the front end answers again after it was seen down (not at the first answer). */
    void onBackUp(Runnable listener) {
        backUp.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    FrontEndStatus status() {
        return status.get();
    }

    /** The last OPTIONS round trip in milliseconds, or -1 before the first answer or after one that failed. */
    long roundTripMillis() {
        return roundTrip.get();
    }

    private void beat() {
        long sent = System.nanoTime();
        try {
            client.options().whenComplete((r, e) -> {
                SipStatus result = e != null ? null : SipClient.result(r);
                boolean answered = result != null && result.status() != 408 && result.status() != 503;
                roundTrip.set(answered ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) : -1);
                answered(result);
            });
        } catch (ParseException | InvalidArgumentException | SipException e) {
            answered(new SipStatus(408, e.toString()));
        }
    }

    /** Any response means the front end is alive (a 404 or 405 to OPTIONS still proves it answers). */
    void answered(SipStatus r) {
        boolean up = r != null && r.status() != 408 && r.status() != 503;
        FrontEndState next = up ? FrontEndState.UP : FrontEndState.DOWN;
        FrontEndStatus previous = status.get();
        if (previous.state() != next) {
            status.set(new FrontEndStatus(next, clock.instant(), r == null ? "" : r.status() + " " + r.reason()));
            if (up) {
                LOG.info("Federation Gateway: SIP front end {}:{} is up", settings.frontEndHost(), settings.frontEndPort());
                if (previous.state() == FrontEndState.DOWN) {
                    for (Runnable listener : backUp) {
                        try {
                            listener.run();
                        } catch (RuntimeException e) {
                            LOG.warn("Federation Gateway: after the SIP front end came back: {}", e.toString());
                        }
                    }
                }
            } else {
                LOG.warn("Federation Gateway: SIP front end {}:{} does not answer OPTIONS ({})", settings.frontEndHost(), settings.frontEndPort(),
                        r == null ? "" : r.status() + " " + r.reason());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
