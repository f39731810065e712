package org.federationgateway.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;

/**
 * Starts parts in order, isolating failures: a part that throws is logged with its cause and reported as
 * failed, and the parts after it still start. Successful parts are pushed onto the {@link Registrations}
 * so unloading stops them in reverse order.
 */
public final class PartStarter {
    private static final Logger LOG = NodeLog.getLogger(PartStarter.class);

    private final Registrations registrations;

    public PartStarter(Registrations registrations) {
        this.registrations = Objects.requireNonNull(registrations, "registrations");
    }

    public List<PartStatus> startAll(List<? extends Part> parts) {
        List<PartStatus> statuses = new ArrayList<>(parts.size());
        for (Part part : parts) {
            statuses.add(start(part));
        }
        return List.copyOf(statuses);
    }

    public PartStatus start(Part part) {
        if (!part.enabled()) {
            return PartStatus.disabled(part.name());
        }
        try {
            AutoCloseable undo = part.start();
            registrations.add(part.name(), undo == null ? () -> { } : undo);
            return PartStatus.running(part.name());
        } catch (Exception | LinkageError e) {
            // Part.start declares Exception; a part that fails stays off and the others start (DESIGN: parts fail independently)
            String cause = describe(e);
            LOG.error("Federation Gateway: part '{}' failed to start and stays off: {}", part.name(), cause, e);
            return PartStatus.failed(part.name(), cause);
        }
    }

    /** The innermost message is usually the one that names the real problem (say, "Address already in use"). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String what = root.getClass().getSimpleName();
        if (root != e && e.getMessage() != null && !e.getMessage().equals(message)) {
            return e.getMessage() + " (" + what + (message == null ? "" : ": " + message) + ")";
        }
        return message == null ? what : what + ": " + message;
    }
}
