package org.jivesoftware.openfire;

import org.jivesoftware.openfire.container.PluginManager;

/** Stand-in for Openfire 5's XMPPServer (declarations only). */
public class XMPPServer {
    public static XMPPServer getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    /** This node's cluster identifier, the same whether or not it is clustered. */
    public org.jivesoftware.openfire.cluster.NodeID getNodeID() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public XMPPServerInfo getServerInfo() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public PluginManager getPluginManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public RoutingTable getRoutingTable() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public PacketRouter getPacketRouter() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public org.jivesoftware.openfire.roster.RosterManager getRosterManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public org.jivesoftware.openfire.keystore.CertificateStoreManager getCertificateStoreManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
