package org.jivesoftware.openfire;

import org.xmpp.packet.Packet;

/** Stand-in for Openfire 5's PacketRouter (declarations only). */
public interface PacketRouter {
    void route(Packet packet);
}
