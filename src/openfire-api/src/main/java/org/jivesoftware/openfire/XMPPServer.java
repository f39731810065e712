package org.jivesoftware.openfire;

import org.jivesoftware.openfire.container.PluginManager;

/** Stand-in for Openfire 5's XMPPServer (declarations only). */
public class XMPPServer {
    public static XMPPServer getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public XMPPServerInfo getServerInfo() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public PluginManager getPluginManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public boolean isShuttingDown() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
