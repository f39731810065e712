package org.federationgateway.lifecycle;

import java.util.Objects;

/**
 * A part that can be restarted while the plugin runs (the SIP bridge after its settings change). Register
 * {@link #close()} before starting it: a part that failed at load and was restarted later must still be
 * stopped at unload, and the undo action of a failed start is never registered.
 */
public final class RestartablePart implements Part, AutoCloseable {
    private final Part inner;
    private AutoCloseable running;

    public RestartablePart(Part inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public boolean enabled() {
        return inner.enabled();
    }

    @Override
    public synchronized AutoCloseable start() throws Exception {
        running = inner.start();
        return this::stop;
    }

    /** Stops the running instance, if any, and starts it again; a failure is reported, not thrown. */
    public synchronized PartStatus restart() {
        try {
            stop();
        } catch (Exception e) {
            // AutoCloseable.close declares Exception: the old instance is gone either way; the new one is what matters
        }
        if (!inner.enabled()) {
            return PartStatus.disabled(name());
        }
        try {
            running = inner.start();
            return PartStatus.running(name());
        } catch (Exception | LinkageError e) {
            // Part.start declares Exception; whatever a part throws (or a class Openfire lacks) leaves it failed, the plugin up
            return PartStatus.failed(name(), PartStarter.describe(e));
        }
    }

    /** Stops whichever instance runs; idempotent. */
    @Override
    public void close() throws Exception {
        stop();
    }

    private synchronized void stop() throws Exception {
        AutoCloseable current = running;
        running = null;
        if (current != null) {
            current.close();
        }
    }
}
