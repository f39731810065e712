package org.federationgateway.lifecycle;

/**
 * One independently startable piece of the plugin. {@link #start()} registers whatever it needs and
 * returns how to undo it; if it throws, the plugin logs the cause and carries on without this part.
 */
public interface Part {
    /** Short stable name, used in logs and as the i18n key suffix {@code part.<name>}. */
    String name();

    /** False when the administrator turned this part off: it is then reported as disabled, not started. */
    default boolean enabled() {
        return true;
    }

    AutoCloseable start() throws Exception;
}
