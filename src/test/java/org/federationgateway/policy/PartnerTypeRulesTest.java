package org.federationgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lync -PartnerType: partner type × direction × roster state × stanza kind. */
class PartnerTypeRulesTest {
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    private static PolicySnapshot snapshotWith(PartnerType type) {
        return new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(type)),
                List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);
    }

    @ParameterizedTest(name = "{0} {1} {2} knows={3} -> {4}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
        federated         | inbound  | message     | false | ALLOW                | Federated users may message whether or not the local user added them
        federated         | inbound  | subscribe   | false | ALLOW                | Federated users may add a local user without authorisation
        public-verified   | inbound  | message     | false | ALLOW                | PublicVerified users may message freely
        public-verified   | inbound  | subscribe   | false | ALLOW                | PublicVerified users may add a local user
        public-unverified | inbound  | message     | false | DENY                 | PublicUnverified users cannot message someone who has not added them
        public-unverified | inbound  | subscribe   | false | DENY                 | PublicUnverified users cannot add a local user who has not invited them
        public-unverified | inbound  | message     | true  | ALLOW                | once the local user added them, they may message
        public-unverified | inbound  | subscribe   | true  | ALLOW                | once the local user added them, their subscription request is delivered
        public-unverified | inbound  | subscribed  | false | ALLOW                | approving the local user's own request is always delivered
        public-unverified | inbound  | presence    | false | ALLOW                | presence is only sent to users who subscribed, which XMPP itself governs
        public-unverified | inbound  | error       | false | ALLOW                | errors always reach the local user
        public-unverified | outbound | message     | false | ALLOW                | the local user may always initiate
        public-unverified | outbound | subscribe   | false | ALLOW                | the local user may invite a public user
        federated         | outbound | presence    | false | ALLOW                | Federated partners see status notes
        public-verified   | outbound | presence    | false | ALLOW_WITHOUT_STATUS | public partners never see status notes
        public-unverified | outbound | presence    | true  | ALLOW_WITHOUT_STATUS | public partners never see status notes
        public-unverified | outbound | unavailable | true  | ALLOW                | going offline carries no note worth stripping
        """)
    void lyncPartnerTypes(String type, String direction, String kind, boolean knows, String expected, String rationale) {
        StanzaFacts facts = new StanzaFacts(Direction.valueOf(direction.toUpperCase()), "b.test", LocalParty.USER, "alice",
                StanzaKind.valueOf(kind.toUpperCase()), knows);
        Decision d = EVALUATOR.evaluate(snapshotWith(PartnerType.fromCode(type)), facts);
        assertEquals(expected, d.allowed() ? d.toString() : "DENY", rationale);
        if (!d.allowed()) {
            assertEquals(ReasonCode.PUBLIC_UNVERIFIED_NOT_IN_ROSTER, d.reason(), rationale);
        }
    }
}
