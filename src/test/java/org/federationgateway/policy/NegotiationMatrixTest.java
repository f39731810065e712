package org.federationgateway.policy;

import static org.federationgateway.policy.Negotiation.NOT_SUPPORTED;
import static org.federationgateway.policy.Negotiation.OPTIONAL;
import static org.federationgateway.policy.Negotiation.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lync's TLS × SASL × dialback matrix (its negotiation settings), one row per combination: whether it
 * is accepted, its warnings, and which negotiated sessions it lets in.
 */
class NegotiationMatrixTest {
    /** The three ways a session can end up: SASL EXTERNAL over TLS, dialback over TLS, dialback over plain TCP. */
    enum Shape {
        SASL_OVER_TLS(true, AuthMethod.SASL_EXTERNAL),
        DIALBACK_OVER_TLS(true, AuthMethod.DIALBACK),
        DIALBACK_OVER_TCP(false, AuthMethod.DIALBACK);

        final boolean encrypted;
        final AuthMethod method;

        Shape(boolean encrypted, AuthMethod method) {
            this.encrypted = encrypted;
            this.method = method;
        }
    }

    private static final Set<Shape> INVALID = null;
    private static final List<NegotiationWarning> NONE = List.of();
    private static final List<NegotiationWarning> SASL_NEEDS_TLS = List.of(NegotiationWarning.SASL_NEEDS_TLS);

    static Stream<Arguments> matrix() {
        return Stream.of(
                row(1, REQUIRED, REQUIRED, true, Set.of(Shape.SASL_OVER_TLS), List.of(NegotiationWarning.DIALBACK_UNUSED),
                        "SASL over TLS; dialback will not operate when both SASL and TLS are required"),
                row(2, REQUIRED, REQUIRED, false, Set.of(Shape.SASL_OVER_TLS), NONE, "common configuration, no dialback fallback"),
                row(3, OPTIONAL, REQUIRED, true, Set.of(Shape.SASL_OVER_TLS, Shape.DIALBACK_OVER_TLS, Shape.DIALBACK_OVER_TCP), SASL_NEEDS_TLS,
                        "SASL over TLS, TLS dialback, TCP dialback; warns that optional TLS may fail SASL"),
                row(4, OPTIONAL, REQUIRED, false, Set.of(Shape.SASL_OVER_TLS), SASL_NEEDS_TLS, "SASL over TLS only"),
                row(5, NOT_SUPPORTED, REQUIRED, true, Set.of(Shape.DIALBACK_OVER_TCP, Shape.DIALBACK_OVER_TLS, Shape.SASL_OVER_TLS), SASL_NEEDS_TLS,
                        "TCP dialback; a partner that uses TLS anyway is not refused for being safer"),
                row(6, NOT_SUPPORTED, REQUIRED, false, INVALID, null, "invalid: SASL impossible without TLS and dialback off"),
                row(7, REQUIRED, OPTIONAL, true, Set.of(Shape.SASL_OVER_TLS, Shape.DIALBACK_OVER_TLS), NONE,
                        "SASL over TLS, else dialback over TLS; TCP dialback would break TLS Required"),
                row(8, REQUIRED, OPTIONAL, false, Set.of(Shape.SASL_OVER_TLS), NONE, "SASL over TLS"),
                row(9, OPTIONAL, OPTIONAL, true, Set.of(Shape.SASL_OVER_TLS, Shape.DIALBACK_OVER_TLS, Shape.DIALBACK_OVER_TCP), SASL_NEEDS_TLS,
                        "the flexible configuration: whatever the partner negotiates"),
                row(10, OPTIONAL, OPTIONAL, false, Set.of(Shape.SASL_OVER_TLS), SASL_NEEDS_TLS, "SASL over TLS only"),
                row(11, NOT_SUPPORTED, OPTIONAL, true, Set.of(Shape.DIALBACK_OVER_TCP, Shape.DIALBACK_OVER_TLS, Shape.SASL_OVER_TLS), SASL_NEEDS_TLS,
                        "TCP dialback (TLS tolerated)"),
                row(12, NOT_SUPPORTED, OPTIONAL, false, INVALID, null, "invalid: no TLS for SASL and dialback off"),
                row(13, REQUIRED, NOT_SUPPORTED, true, Set.of(Shape.DIALBACK_OVER_TLS), NONE, "TLS dialback only"),
                row(14, REQUIRED, NOT_SUPPORTED, false, INVALID, null, "invalid: SASL or dialback must be enabled"),
                row(15, OPTIONAL, NOT_SUPPORTED, true, Set.of(Shape.DIALBACK_OVER_TLS, Shape.DIALBACK_OVER_TCP), NONE,
                        "dialback over TLS or TCP, as the other end chooses"),
                row(16, OPTIONAL, NOT_SUPPORTED, false, INVALID, null, "invalid: SASL or dialback must be enabled"),
                row(17, NOT_SUPPORTED, NOT_SUPPORTED, true, Set.of(Shape.DIALBACK_OVER_TCP, Shape.DIALBACK_OVER_TLS), NONE,
                        "TCP dialback, as Google Talk required (TLS tolerated)"),
                row(18, NOT_SUPPORTED, NOT_SUPPORTED, false, INVALID, null, "invalid: SASL or dialback must be enabled"));
    }

    private static Arguments row(int n, Negotiation tls, Negotiation sasl, boolean dialback, Set<Shape> accepted,
                                 List<NegotiationWarning> warnings, String rationale) {
        return Arguments.of("row " + n + ": " + tls.code() + "/" + sasl.code() + "/" + dialback + " - " + rationale,
                tls, sasl, dialback, accepted, warnings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void lyncNegotiationSettings(String row, Negotiation tls, Negotiation sasl, boolean dialback, Set<Shape> accepted,
                        List<NegotiationWarning> warnings) {
        if (accepted == INVALID) {
            InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new NegotiationRules(tls, sasl, dialback), row);
            assertEquals(true, e.messageKey().startsWith("policy.error.negotiation."), row);
            return;
        }
        NegotiationRules rules = new NegotiationRules(tls, sasl, dialback);
        assertEquals(warnings, rules.warnings(), row);
        PolicySnapshot snapshot = new PolicySnapshot(
                List.of(Partner.withDefaults(Domain.parse("b.test")).withRules(rules)), List.of(), List.of(),
                GatewaySettings.defaults(), false);
        PolicyEvaluator evaluator = new PolicyEvaluator();
        for (Shape shape : Shape.values()) {
            Decision d = evaluator.evaluate(snapshot, new SessionFacts(Direction.INBOUND, "b.test", shape.encrypted, shape.method, CertificateState.VALID));
            assertEquals(accepted.contains(shape), d.allowed(), row + " / " + shape + " -> " + d);
        }
    }
}
