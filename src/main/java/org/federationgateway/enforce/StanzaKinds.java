package org.federationgateway.enforce;

import org.federationgateway.policy.StanzaKind;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** RFC 6121 stanza types as the policy's kinds. */
public final class StanzaKinds {
    private StanzaKinds() {
    }

    public static StanzaKind of(Packet packet) {
        if (packet instanceof Message m) {
            return m.getType() == Message.Type.error ? StanzaKind.ERROR : StanzaKind.MESSAGE;
        }
        if (packet instanceof Presence p) {
            Presence.Type type = p.getType();
            if (type == null) {
                return StanzaKind.PRESENCE;
            }
            return switch (type) {
                case unavailable -> StanzaKind.UNAVAILABLE;
                case subscribe -> StanzaKind.SUBSCRIBE;
                case subscribed -> StanzaKind.SUBSCRIBED;
                case unsubscribe -> StanzaKind.UNSUBSCRIBE;
                case unsubscribed -> StanzaKind.UNSUBSCRIBED;
                case probe -> StanzaKind.PROBE;
                case error -> StanzaKind.ERROR;
                default -> StanzaKind.PRESENCE;
            };
        }
        if (packet instanceof IQ iq) {
            return iq.getType() == IQ.Type.error ? StanzaKind.ERROR : StanzaKind.IQ;
        }
        return StanzaKind.ERROR;
    }
}
