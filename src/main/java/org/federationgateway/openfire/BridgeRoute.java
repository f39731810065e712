package org.federationgateway.openfire;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.bridge.SipBridge;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The SIP bridge while it runs, for the interceptor and the status page; empty otherwise, so the federation
 * policy works with or without the bridge. The two are separate parts that start and restart independently.
 */
final class BridgeRoute {
    private final AtomicReference<SipBridge> running = new AtomicReference<>();

    void open(SipBridge bridge) {
        running.set(bridge);
    }

    void close() {
        running.set(null);
    }

    Optional<SipBridge> running() {
        return Optional.ofNullable(running.get());
    }

    /**
     * Takes a message or presence from a partner for a SIP-homed address; false if it is not the bridge's. IQs
     * stay with Openfire here (it answers them for its own domain); the component answers those for its own.
     */
    boolean offer(Packet packet) {
        SipBridge bridge = running.get();
        return bridge != null && (packet instanceof Message || packet instanceof Presence) && bridge.accept(packet);
    }
}
