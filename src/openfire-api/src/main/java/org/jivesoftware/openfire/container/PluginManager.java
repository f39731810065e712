package org.jivesoftware.openfire.container;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/** Stand-in for Openfire 5's PluginManager (declarations only). */
public class PluginManager {
    /** Openfire creates the only instance; plugins never construct one. */
    private PluginManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public Optional<Plugin> getPluginByCanonicalName(String canonicalName) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
