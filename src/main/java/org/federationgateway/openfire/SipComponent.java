package org.federationgateway.openfire;

import org.federationgateway.bridge.SipBridge;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * The gateway's subdomain in component addressing. Partners' stanzas for it are taken by the interceptor
 * (after the federation policy) before they get here; what does arrive (from local users, or IQs) is handed
 * to the bridge, whose policy refuses non-partners and which answers IQs (XEP-0199 ping, else an error).
 */
final class SipComponent implements Component {
    private final SipBridge bridge;

    SipComponent(SipBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public String getName() {
        return "Federation Gateway SIP bridge";
    }

    @Override
    public String getDescription() {
        return "Users of the organisation's SIP platform, reachable from allowed XMPP partners";
    }

    @Override
    public void processPacket(Packet packet) {
        bridge.accept(packet); // everything Openfire routes here is addressed to the component's domain
    }

    @Override
    public void initialize(JID jid, ComponentManager componentManager) {
    }

    @Override
    public void start() {
    }

    @Override
    public void shutdown() {
    }
}
