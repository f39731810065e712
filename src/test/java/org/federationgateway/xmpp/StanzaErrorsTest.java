package org.federationgateway.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

class StanzaErrorsTest {
    private static final JID REMOTE = new JID("bob@b.test/phone");
    private static final JID LOCAL = new JID("alice@a.test");

    @Test
    void rfc6120Section8_3_aRefusedMessageIsAnsweredToItsSenderWithConditionAndText() {
        Message refused = new Message();
        refused.setFrom(REMOTE);
        refused.setTo(LOCAL);
        refused.setID("m1");
        refused.setBody("hello");

        Packet reply = StanzaErrors.replyTo(refused, PacketError.Condition.forbidden, "b.test is not an allowed partner", "en").orElseThrow();

        assertEquals(REMOTE, reply.getTo());
        assertEquals(LOCAL, reply.getFrom());
        assertEquals("m1", reply.getID());
        assertEquals(Message.Type.error, ((Message) reply).getType());
        assertEquals(PacketError.Condition.forbidden, reply.getError().getCondition());
        assertEquals(PacketError.Type.auth, reply.getError().getType());
        assertEquals("b.test is not an allowed partner", reply.getError().getText());
        assertEquals("hello", refused.getBody(), "the refused stanza itself is left alone");
    }

    static Stream<Arguments> neverAnswered() {
        Message error = new Message();
        error.setType(Message.Type.error);
        Presence presenceError = new Presence(Presence.Type.error);
        IQ result = new IQ(IQ.Type.result);
        IQ iqError = new IQ(IQ.Type.error);
        return Stream.of(
                Arguments.of("§8.3.1: an error message is never answered", error),
                Arguments.of("§8.3.1: an error presence is never answered", presenceError),
                Arguments.of("§8.2.3: an IQ result is never answered", result),
                Arguments.of("§8.3.1: an IQ error is never answered", iqError));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("neverAnswered")
    void rfc6120Section8_3_1_errorsAndResultsAreNeverAnswered(String rationale, Packet packet) {
        packet.setFrom(REMOTE);
        packet.setTo(LOCAL);
        assertTrue(StanzaErrors.replyTo(packet, PacketError.Condition.forbidden, "x", null).isEmpty(), rationale);
    }

    @Test
    void anIqGetIsAnsweredWithAnIqError() {
        IQ get = new IQ(IQ.Type.get, "q1");
        get.setFrom(REMOTE);
        get.setTo(LOCAL);
        IQ reply = (IQ) StanzaErrors.replyTo(get, PacketError.Condition.service_unavailable, "no", "en").orElseThrow();
        assertEquals(IQ.Type.error, reply.getType());
        assertEquals("q1", reply.getID());
        assertEquals(PacketError.Type.cancel, reply.getError().getType());
    }

    @Test
    void aSubscriptionRequestIsAnsweredWithAPresenceError() {
        Presence subscribe = new Presence(Presence.Type.subscribe);
        subscribe.setFrom(new JID("bob@b.test"));
        subscribe.setTo(LOCAL);
        Presence reply = (Presence) StanzaErrors.replyTo(subscribe, PacketError.Condition.not_authorized, "add them first", "en").orElseThrow();
        assertEquals(Presence.Type.error, reply.getType());
        assertEquals(new JID("bob@b.test"), reply.getTo());
    }

    @Test
    void aStanzaWithoutSenderCannotBeAnswered() {
        Message anonymous = new Message();
        anonymous.setTo(LOCAL);
        assertTrue(StanzaErrors.replyTo(anonymous, PacketError.Condition.forbidden, "x", null).isEmpty());
    }
}
