package org.federationgateway.gateway;

import org.xmpp.packet.Packet;

/** Where the bridge sends stanzas: Openfire's packet router, or the XEP-0114 component connection. */
@FunctionalInterface
public interface XmppOutlet {
    /** @throws XmppUnavailableException when the XMPP side cannot take it now */
    void send(Packet packet);
}
