package org.federationgateway.xmpp;

import java.util.Objects;
import java.util.Optional;

import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Builds the RFC 6120 §8.3 error reply to a stanza that will not be delivered, so its sender learns why.
 * Never answers an error (§8.3.1) or an IQ result, which would start a loop.
 */
public final class StanzaErrors {
    private StanzaErrors() {
    }

    /**
     * @param refused   the stanza as it arrived (not modified)
     * @param condition the RFC 6120 condition
     * @param text      human-readable reason, in English or the admin's language
     * @param lang      the text's language tag, or null
     * @return the reply, addressed back to the sender, or empty when none may be sent
     */
    public static Optional<Packet> replyTo(Packet refused, PacketError.Condition condition, String text, String lang) {
        Objects.requireNonNull(refused, "refused");
        Objects.requireNonNull(condition, "condition");
        if (refused.getFrom() == null || isErrorOrResult(refused)) {
            return Optional.empty();
        }
        PacketError error = new PacketError(condition, condition.getDefaultType(), text, lang);
        Packet reply = createReply(refused);
        reply.setError(error);
        return Optional.of(reply);
    }

    public static boolean isErrorOrResult(Packet packet) {
        if (packet instanceof Message m) {
            return m.getType() == Message.Type.error;
        }
        if (packet instanceof Presence p) {
            return p.getType() == Presence.Type.error;
        }
        if (packet instanceof IQ iq) {
            return iq.getType() == IQ.Type.error || iq.getType() == IQ.Type.result;
        }
        return false;
    }

    private static Packet createReply(Packet refused) {
        // The reply keeps the original payload, as RFC 6120 §8.3.1 allows, so the sender can tell which stanza failed.
        Packet reply = refused.createCopy();
        reply.setTo(refused.getFrom());
        reply.setFrom(refused.getTo());
        if (reply instanceof Message m) {
            m.setType(Message.Type.error);
        } else if (reply instanceof Presence p) {
            p.setType(Presence.Type.error);
        } else if (reply instanceof IQ iq) {
            iq.setType(IQ.Type.error);
        }
        return reply;
    }
}
