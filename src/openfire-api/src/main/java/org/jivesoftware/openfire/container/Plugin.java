package org.jivesoftware.openfire.container;

import java.io.File;

/** Stand-in for Openfire 5's plugin contract (declarations only). */
public interface Plugin {
    void initializePlugin(PluginManager manager, File pluginDirectory);

    void destroyPlugin();
}
