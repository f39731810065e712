package org.jivesoftware.openfire.spi;

/** Stand-in for Openfire 5's ConnectionType (declarations only; the plugin uses the server-to-server type). */
public enum ConnectionType {
    SOCKET_S2S
}
