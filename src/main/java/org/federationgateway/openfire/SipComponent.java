package org.federationgateway.openfire;

import org.xmpp.component.Component;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * The gateway's subdomain in component addressing. Partners' stanzas for it are taken by the interceptor
 * (after the federation policy) before they get here; what does arrive (from local users, or IQs) is handed
 * to the bridge, whose policy refuses non-partners, or answered with an error.
 */
final class SipComponent implements Component {
    private final BridgeRoute route;
    private final java.util.function.Consumer<Packet> send;

    SipComponent(BridgeRoute route, java.util.function.Consumer<Packet> send) {
        this.route = route;
        this.send = send;
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
        if (route.offer(packet)) {
            return;
        }
        if (packet instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
            IQ error = IQ.createResultIQ(iq);
            error.setChildElement(iq.getChildElement() == null ? null : iq.getChildElement().createCopy());
            error.setError(PacketError.Condition.service_unavailable);
            send.accept(error);
        }
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
