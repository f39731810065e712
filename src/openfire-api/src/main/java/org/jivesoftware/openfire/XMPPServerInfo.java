package org.jivesoftware.openfire;

import org.jivesoftware.util.Version;

/** Stand-in for Openfire 5's XMPPServerInfo (declarations only). */
public interface XMPPServerInfo {
    Version getVersion();

    String getXMPPDomain();

    String getHostname();
}
