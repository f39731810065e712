package org.jivesoftware.openfire;


/** Stand-in for Openfire 5's XMPPServerInfo (declarations only). */
public interface XMPPServerInfo {

    String getXMPPDomain();

    /** This node's host name (its fqdn), which tells the nodes of a cluster apart. */
    String getHostname();
}
