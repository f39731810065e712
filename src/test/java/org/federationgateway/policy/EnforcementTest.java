package org.federationgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Observe versus enforce, session rules for non-partners, and Lync's gateway connection limits. */
class EnforcementTest {

    @ParameterizedTest(name = "{0} in {1} mode -> {2}")
    @CsvSource({
            "ALLOW, enforce, PASS",
            "ALLOW, observe, PASS",
            "ALLOW_WITHOUT_STATUS, enforce, STRIP_STATUS",
            "ALLOW_WITHOUT_STATUS, observe, PASS",
            "DENY, enforce, REFUSE",
            "DENY, observe, RECORD_ONLY"})
    void observeModeRefusesNothingButRecordsWhatItWouldRefuse(String decision, String mode, Action expected) {
        Decision d = switch (decision) {
            case "ALLOW" -> Decision.ALLOW;
            case "ALLOW_WITHOUT_STATUS" -> Decision.ALLOW_WITHOUT_STATUS;
            default -> Decision.deny(ReasonCode.NOT_A_PARTNER);
        };
        assertEquals(expected, Action.of(d, EnforcementMode.fromCode(mode)));
    }

    @Test
    void aSessionFromANonPartnerIsRefusedEvenOverSaslExternal() {
        PolicySnapshot s = PolicySnapshot.empty(GatewaySettings.defaults());
        Decision d = new PolicyEvaluator()
                .evaluate(s, new SessionFacts(Direction.INBOUND, "evil.test", true, AuthMethod.SASL_EXTERNAL, CertificateState.VALID));
        assertEquals(ReasonCode.NOT_A_PARTNER, d.reason());
        assertEquals("policy-violation", d.reason().streamCondition());
    }

    @Test
    void anExpiredCertificateIsRefusedEvenIfTheRulesFit() {
        PolicySnapshot s = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test"))), List.of(), List.of(), GatewaySettings.defaults(), false);
        Decision d = new PolicyEvaluator()
                .evaluate(s, new SessionFacts(Direction.OUTBOUND, "b.test", true, AuthMethod.SASL_EXTERNAL, CertificateState.EXPIRED));
        assertEquals(ReasonCode.CERTIFICATE_INVALID, d.reason());
    }

    @ParameterizedTest(name = "partner limit {0}, with partner {1}, in all {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        -  | 19 | 19  | ALLOW                    | below the gateway's per-partner default of 20
        -  | 20 | 20  | PARTNER_CONNECTION_LIMIT | the default per-partner limit of 20 is reached
        5  | 5  | 5   | PARTNER_CONNECTION_LIMIT | the partner's own limit overrides the default
        50 | 30 | 30  | ALLOW                    | a partner may be allowed more than the default
        50 | 30 | 1000| CONNECTION_LIMIT         | the total limit of 1000 applies first
        """)
    void lyncGatewayConfiguration_connectionLimits(String partnerLimit, int withPartner, int inAll, String expected, String rationale) {
        Partner p = Partner.withDefaults(Domain.parse("b.test")).withConnectionLimit("-".equals(partnerLimit) ? null : Integer.valueOf(partnerLimit));
        PolicySnapshot s = new PolicySnapshot(List.of(p), List.of(), List.of(), GatewaySettings.defaults(), false);
        Decision d = new PolicyEvaluator().evaluateLimits(s, p, withPartner, inAll);
        assertEquals(expected, d.allowed() ? "ALLOW" : d.reason().name(), rationale);
    }
}
