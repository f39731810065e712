package org.jivesoftware.openfire;


/** Stand-in for Openfire 5's XMPPServerInfo (declarations only). */
public interface XMPPServerInfo {

    String getXMPPDomain();
}
