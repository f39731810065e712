package org.jivesoftware.openfire;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** Stand-in for Openfire 5's RoutingTable (declarations only). */
public interface RoutingTable {
    void routePacket(JID jid, Packet packet) throws PacketException;
}
