package org.jivesoftware.openfire.interceptor;

import org.xmpp.packet.PacketError;

/** Stand-in for Openfire 5's PacketRejectedException (declarations only). */
public class PacketRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public PacketRejectedException() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public PacketRejectedException(String msg) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
