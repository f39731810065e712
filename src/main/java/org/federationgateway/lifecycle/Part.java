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

    /** The start action alone, for parts built from a lambda. */
    @FunctionalInterface
    interface Starter {
        AutoCloseable start() throws Exception;
    }

    static Part of(String name, boolean enabled, Starter starter) {
        return new Part() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public AutoCloseable start() throws Exception {
                return starter.start();
            }
        };
    }
}
