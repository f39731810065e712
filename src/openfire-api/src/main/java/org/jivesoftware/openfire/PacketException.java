package org.jivesoftware.openfire;

/** Stand-in for Openfire 5's PacketException (declarations only). */
public class PacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PacketException() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
