package org.federationgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lync CsExternalAccessPolicy: per-user beats group beats global; the several-groups rule; the strict flags. */
class AccessPolicyPrecedenceTest {
    private static final AccessPolicy GLOBAL_OFF = new AccessPolicy("global", "", false, false, false, false);
    private static final AccessPolicy XMPP = new AccessPolicy("xmpp", "", true, false, false, false);
    private static final AccessPolicy NONE = new AccessPolicy("none", "", false, false, false, false);
    private static final AccessPolicy STRICT = new AccessPolicy("strict", "", true, true, false, false);
    private static final Map<String, List<String>> GROUPS = Map.of(
            "alice", List.of("Sales", "engineering"),
            "bob", List.of("Sales"),
            "carol", List.of());

    private static PolicySnapshot snapshot(boolean strict, Assignment... assignments) {
        return new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
                List.of(GLOBAL_OFF, XMPP, NONE, STRICT), List.of(assignments), GatewaySettings.defaults(), strict);
    }

    private static Decision inbound(PolicySnapshot s, String user) {
        // the adapter gathers the groups as a fact before the decision, and only when they can matter
        List<String> groups = s.groupsMatterFor(user) ? GROUPS.getOrDefault(user, List.of()) : List.of();
        return new PolicyEvaluator()
                .evaluate(s, new StanzaFacts(Direction.INBOUND, "b.test", LocalParty.USER, user, StanzaKind.MESSAGE, true, groups));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
        alice | xmpp   | user  | a per-user policy beats everything
        bob   | none   | group | a group policy applies when there is no per-user one
        carol | global | -     | the global policy applies to everyone else
        """)
    void lyncExternalAccessPolicy_precedence(String user, String expectedPolicy, String via, String rationale) {
        PolicySnapshot s = snapshot(false,
                new Assignment(AssignmentKind.USER, "Alice", "xmpp"),
                new Assignment(AssignmentKind.GROUP, "Sales", "none"),
                new Assignment(AssignmentKind.GROUP, "engineering", "xmpp"));
        EffectivePolicy e = s.effectiveForUser(user, GROUPS.getOrDefault(user, List.of()));
        assertEquals(expectedPolicy, e.policy().name(), rationale);
        assertEquals("-".equals(via) ? null : AssignmentKind.fromCode(via), e.via(), rationale);
    }

    @Test
    void aUserInSeveralGroupsGetsThePolicyOfTheGroupWhoseNameSortsFirst() {
        PolicySnapshot s = snapshot(false,
                new Assignment(AssignmentKind.GROUP, "Sales", "none"),
                new Assignment(AssignmentKind.GROUP, "engineering", "xmpp"));
        EffectivePolicy e = s.effectiveForUser("alice", GROUPS.get("alice"));
        assertEquals("xmpp", e.policy().name());
        assertEquals("engineering", e.viaSubject(), "'engineering' sorts before 'Sales' case-insensitively");
        assertEquals(Decision.ALLOW, inbound(s, "alice"));
        assertEquals(ReasonCode.XMPP_ACCESS_DISABLED, inbound(s, "bob").reason());
    }

    @Test
    void aSipHomedAddressUsesItsOwnAssignmentThenGlobal() {
        PolicySnapshot s = snapshot(false, new Assignment(AssignmentKind.SIP, "Dave@A.test", "xmpp"));
        assertEquals("xmpp", s.effectiveForSipAddress("dave@a.test").policy().name());
        assertEquals("global", s.effectiveForSipAddress("erin@a.test").policy().name());
        assertNull(s.effectiveForSipAddress("erin@a.test").via());
    }

    @Test
    void withoutEnableXmppAccessEverythingIsRefusedBothWays() {
        PolicySnapshot s = snapshot(false);
        assertEquals(ReasonCode.XMPP_ACCESS_DISABLED, inbound(s, "carol").reason());
        Decision out = new PolicyEvaluator()
                .evaluate(s, new StanzaFacts(Direction.OUTBOUND, "b.test", LocalParty.USER, "carol", StanzaKind.MESSAGE, true));
        assertEquals(ReasonCode.XMPP_ACCESS_DISABLED, out.reason());
    }

    @Test
    void strictModeAlsoRequiresFederationAccessForFederatedPartners() {
        PolicySnapshot strict = snapshot(true,
                new Assignment(AssignmentKind.USER, "alice", "xmpp"),
                new Assignment(AssignmentKind.USER, "bob", "strict"));
        assertEquals(ReasonCode.FEDERATION_ACCESS_DISABLED, inbound(strict, "alice").reason());
        assertEquals(Decision.ALLOW, inbound(strict, "bob"));
    }

    @Test
    void assignmentsMustNameAnExistingPolicy() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> snapshot(false, new Assignment(AssignmentKind.USER, "alice", "missing")));
        assertEquals("policy.error.assignment.unknownPolicy", e.messageKey());
    }

    @Test
    void theGlobalPolicyAlwaysExists() {
        PolicySnapshot s = new PolicySnapshot(List.of(), List.of(), List.of(), GatewaySettings.defaults(), false);
        assertEquals(AccessPolicy.globalDefaults(), s.policy("GLOBAL"));
    }
}
