package org.jivesoftware.openfire.cluster;

/** Stand-in for Openfire 5's NodeID (declarations only; the real class is also Externalizable). */
public class NodeID {
    /** The identifier's bytes: the UTF-8 of the node's {@code clustering.nodeid}. */
    public byte[] toByteArray() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
