package org.federationgateway.openfire;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.SipHoming;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The SIP bridge while it runs, for the interceptor and the status page; empty otherwise, so the federation
 * policy works with or without the bridge. The two are separate parts that start and restart independently.
 */
final class BridgeRoute {
    /** The running bridge, what it accepts and whom it serves (split so that the interceptor is testable without a SIP stack). */
    private record Running(SipBridge bridge, Predicate<Packet> accept, SipHoming homing) {
    }

    private final AtomicReference<Running> running = new AtomicReference<>();

    void open(SipBridge bridge) {
        open(bridge, bridge::accept, bridge.homing());
    }

    void open(SipBridge bridge, Predicate<Packet> accept, SipHoming homing) {
        running.set(new Running(bridge, accept, homing));
    }

    void close() {
        running.set(null);
    }

    Optional<SipBridge> running() {
        return Optional.ofNullable(running.get()).map(Running::bridge);
    }

    /** Whether the address is a SIP user's while the bridge runs: the bridge judges what it sends for them. */
    boolean isSipHomed(JID address) {
        Running r = running.get();
        return r != null && r.homing().isSipHomed(new JID(address.toBareJID()));
    }

    /**
     * Takes a message or presence from a partner for a SIP-homed address; false if it is not the bridge's. IQs
     * stay with Openfire here (it answers them for its own domain); the component answers those for its own.
     */
    boolean offer(Packet packet) {
        Running r = running.get();
        return r != null && (packet instanceof Message || packet instanceof Presence) && r.accept().test(packet);
    }
}
