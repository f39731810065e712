package org.federationgateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

/** Lync gateway limits: sessions count against the partner's limit whichever way they go, additional domains included. */
class PartnerSessionsTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    private static LiveSession session(String domain, Direction direction) {
        return new LiveSession(domain, direction, AuthMethod.SASL_EXTERNAL, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "CN=" + domain, T.plusSeconds(86400), T);
    }

    @Test
    void sessionsOfAPartnersAdditionalDomainsCountAgainstThePartnersOwnLimit() {
        Partner b = Partner.withDefaults(Domain.parse("b.test")).withAdditionalDomains(List.of(DomainPattern.parse("chat.b.test", "additionalDomains"))).withConnectionLimit(3);
        PolicySnapshot policy = new PolicySnapshot(List.of(b), List.of(), List.of(), GatewaySettings.defaults(), false);
        List<PartnerSessions> rows = PartnerSessions.of(List.of(session("b.test", Direction.INBOUND), session("CHAT.b.test", Direction.INBOUND),
                session("b.test", Direction.OUTBOUND)), policy);
        assertEquals(List.of(new PartnerSessions("b.test", true, 2, 1, 3)), rows);
        assertTrue(rows.get(0).atLimit());
    }

    @Test
    void withoutItsOwnLimitAPartnerHasTheGatewaysPerPartnerLimit() {
        PolicySnapshot policy = new PolicySnapshot(List.of(Partner.withDefaults(Domain.parse("b.test"))), List.of(), List.of(), GatewaySettings.defaults(), false);
        PartnerSessions row = PartnerSessions.of(List.of(session("b.test", Direction.OUTBOUND)), policy).get(0);
        assertEquals(20, row.limit());
        assertFalse(row.atLimit());
    }

    @Test
    void aDomainThatIsNoPartnerIsListedUnderItselfWithoutALimit() {
        List<PartnerSessions> rows = PartnerSessions.of(List.of(session("c.test", Direction.INBOUND), session("a.b.test", Direction.INBOUND)),
                PolicySnapshot.empty(GatewaySettings.defaults()));
        assertEquals(List.of(new PartnerSessions("a.b.test", false, 1, 0, 0), new PartnerSessions("c.test", false, 1, 0, 0)), rows);
        assertFalse(rows.get(0).atLimit());
    }

    @Test
    void aSessionNeedsItsRemoteDomainAndAFrontEndStateIsOneOfFour() {
        assertThrows(IllegalArgumentException.class, () -> session(" ", Direction.INBOUND));
        assertThrows(IllegalArgumentException.class, () -> new FrontEndView("sideways", "", null, ""));
        assertFalse(new LiveSession("b.test", Direction.INBOUND, AuthMethod.DIALBACK, null, null, null, null, T).encrypted());
    }
}
