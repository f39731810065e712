package org.federationgateway.openfire;

import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipHoming;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Where the interceptor hands stanzas for SIP-homed addresses while the SIP bridge runs; empty otherwise,
 * so the federation policy works with or without the bridge.
 */
final class BridgeRoute {
    private record Target(SipHoming homing, MessageBridge messages, PresenceBridge presence) {
    }

    private final AtomicReference<Target> target = new AtomicReference<>();

    void open(SipHoming homing, MessageBridge messages, PresenceBridge presence) {
        target.set(new Target(homing, messages, presence));
    }

    void close() {
        target.set(null);
    }

    /** Takes a message or presence from a partner for a SIP-homed address; false if it is not the bridge's. */
    boolean offer(Packet packet) {
        Target t = target.get();
        JID to = packet.getTo();
        if (t == null || to == null || !(packet instanceof Message || packet instanceof Presence)
                || !t.homing().isSipHomed(new JID(to.toBareJID()))) {
            return false;
        }
        if (packet instanceof Message m) {
            t.messages().fromXmpp(m);
        } else {
            t.presence().fromXmpp((Presence) packet);
        }
        return true;
    }
}
