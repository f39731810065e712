package org.federationgateway.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;

/**
 * Everything the plugin registers with the outside world, as a stack of undo actions.
 * {@link #close()} undoes them in reverse order, so unloading mirrors loading exactly; one failing undo
 * is logged and does not stop the others.
 */
public final class Registrations implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(Registrations.class);

    private final Deque<Entry> undo = new ArrayDeque<>();

    private record Entry(String name, AutoCloseable action) {}

    /** Remembers how to undo something that has just been registered. */
    public synchronized void add(String name, AutoCloseable undoAction) {
        undo.push(new Entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(undoAction, "undoAction")));
    }

    /** What is registered now, newest first. */
    public synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        undo.forEach(e -> names.add(e.name()));
        return names;
    }

    public synchronized boolean isEmpty() {
        return undo.isEmpty();
    }

    /** Undoes every registration, newest first; a failing undo is logged and the rest still run. */
    @Override
    public synchronized void close() {
        closeAll();
    }

    /** As {@link #close()}, returning the names whose undo failed, for tests and the unload log line. */
    public synchronized List<String> closeAll() {
        List<String> failed = new ArrayList<>();
        while (!undo.isEmpty()) {
            Entry entry = undo.pop();
            try {
                entry.action().close();
            } catch (Exception | LinkageError e) {
                // one undo that fails must not keep the ones before it from running: unload undoes everything it can
                failed.add(entry.name());
                LOG.warn("Federation Gateway: could not undo '{}' on unload: {}", entry.name(), e.toString(), e);
            }
        }
        return failed;
    }
}
