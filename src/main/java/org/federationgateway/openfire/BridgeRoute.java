package org.federationgateway.openfire;

import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.SipHoming;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Where the interceptor hands stanzas for SIP-homed addresses while the SIP bridge runs; empty otherwise,
 * so the federation policy works with or without the bridge.
 */
final class BridgeRoute {
    private record Target(SipHoming homing, MessageBridge bridge) {
    }

    private final AtomicReference<Target> target = new AtomicReference<>();

    void open(SipHoming homing, MessageBridge bridge) {
        target.set(new Target(homing, bridge));
    }

    void close() {
        target.set(null);
    }

    /** Takes a message from a partner for a SIP-homed address; false if it is not the bridge's. */
    boolean offer(Message message) {
        Target t = target.get();
        JID to = message.getTo();
        if (t == null || to == null || !t.homing().isSipHomed(new JID(to.toBareJID()))) {
            return false;
        }
        t.bridge().fromXmpp(message);
        return true;
    }
}
