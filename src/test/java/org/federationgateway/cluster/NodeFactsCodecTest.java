package org.federationgateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.federationgateway.audit.CounterKey;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.Direction;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.LiveSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a node publishes survives the trip through the clustered cache as a string; what is not such a string is refused by name. */
class NodeFactsCodecTest {
    private static final Instant AT = Instant.parse("2026-12-02T00:10:00.123Z");

    static NodeFacts facts() {
        Map<CounterKey, Long> counters = new LinkedHashMap<>();
        counters.put(new CounterKey("b.test", "bridged-in"), 7L);
        counters.put(new CounterKey("c.test", "not-a-partner"), 2L);
        return new NodeFacts("6f634d8b-777f", "node1.a.test", AT,
                List.of(PartStatus.running("policy"), PartStatus.failed("sip", "port 5060 is taken"), PartStatus.disabled("x")),
                new FrontEndView("up", "127.0.0.5:5060;tcp", AT.minusSeconds(30), "200 OK"),
                List.of(new NodeSession("6f634d8b-777f", "in:abc", new LiveSession("b.test", Direction.INBOUND, AuthMethod.SASL_EXTERNAL,
                                "TLSv1.3", "TLS_AES_256_GCM_SHA384", "CN=b.test", AT.plusSeconds(86400), AT.minusSeconds(100)), true),
                        new NodeSession("6f634d8b-777f", "out:def", new LiveSession("c.test", Direction.OUTBOUND, AuthMethod.NONE,
                                "", "", "", null, AT.minusSeconds(1)), false)),
                counters);
    }

    @Test
    void factsSurviveTheTripThroughTheCache() {
        NodeFacts f = facts();
        assertEquals(f, NodeFactsCodec.decode(NodeFactsCodec.encode(f)));
    }

    @Test
    void aNodeWithoutSessionsOrSipEndpointSurvivesToo() {
        NodeFacts f = new NodeFacts("n2", "node2.a.test", AT, List.of(), FrontEndView.OFF, List.of(), Map.of());
        assertEquals(f, NodeFactsCodec.decode(NodeFactsCodec.encode(f)));
    }

    static Stream<Arguments> unreadable() {
        String good = NodeFactsCodec.encode(facts());
        return Stream.of(
                Arguments.of("not JSON", "node1", "not node facts"),
                Arguments.of("another layout version", good.replace("\"v\":1", "\"v\":2"), "layout version 2"),
                Arguments.of("a session naming an unknown direction", good.replace("\"inbound\"", "\"sideways\""), "sideways"),
                Arguments.of("a part in an unknown state", good.replace("\"running\"", "\"dancing\""), "dancing"),
                Arguments.of("a count that is no number", good.replace("\"count\":7", "\"count\":\"7\""), "'count' must be a number"),
                Arguments.of("a negative count", good.replace("\"count\":7", "\"count\":-7"), "negative"),
                Arguments.of("no sessions list", good.replace("\"sessions\":", "\"sessionz\":"), "'sessions' must be a list"),
                Arguments.of("a SIP endpoint in an unknown state", good.replace("\"up\"", "\"sideways\""), "sideways"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void whatIsNotNodeFactsIsRefusedWithWhy(String why, String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeFactsCodec.decode(text), why);
        assertTrue(e.getMessage().contains(expected), why + ": " + e.getMessage());
    }

    @Test
    void aSessionMustNameTheNodeThatPublishesIt() {
        NodeSession elsewhere = new NodeSession("n2", "in:1", facts().sessions().get(0).session(), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NodeFacts("n1", "node1", AT, List.of(), FrontEndView.OFF, List.of(elsewhere), Map.of()));
        assertTrue(e.getMessage().contains("names node n2"), e.getMessage());
    }
}
