package org.federationgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicySnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do for the policy store; run against real HSQLDB and real PostgreSQL. */
abstract class PolicyServiceContract {
    /** A fresh database with the plugin's schema installed by its own script. */
    abstract ConnectionSource freshDatabase() throws Exception;

    private ConnectionSource db;
    private PolicyService service;

    @BeforeEach
    void setUp() throws Exception {
        db = freshDatabase();
        service = PolicyService.load(new Transactions(db), GatewaySettings.defaults(), false);
    }

    private PolicyService reloaded() {
        return PolicyService.load(new Transactions(db), GatewaySettings.defaults(), false);
    }

    private static Partner fullPartner() {
        return new Partner(Domain.parse("Bücher.example"),
                List.of(DomainPattern.parse("chat.bücher.example", "x"), DomainPattern.parse("*.users.xn--bcher-kva.example", "x")),
                PartnerType.FEDERATED, new NegotiationRules(Negotiation.OPTIONAL, Negotiation.NOT_SUPPORTED, true),
                false, 7, Domain.parse("xmpp.proxy.example"), "Contact: ops@bücher.example, +1 555 0100");
    }

    @Test
    void aPartnerSurvivesTheRoundTripThroughTheDatabaseWithEveryField() {
        Partner p = fullPartner();
        service.addPartner(p);
        assertEquals(List.of(p), reloaded().current().partners());
        assertSame(service.current().partners().get(0), service.current().partnerFor("x.users.xn--bcher-kva.example"));
    }

    @Test
    void aDomainOfAnotherPartnerIsRefusedAndNothingIsStored() {
        service.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        PolicySnapshot before = service.current();
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> service.addPartner(
                Partner.withDefaults(Domain.parse("c.test")).withAdditionalDomains(List.of(DomainPattern.parse("b.test", "x")))));
        assertEquals("policy.error.partner.domainTaken", e.messageKey());
        assertSame(before, service.current(), "the running policy is unchanged");
        assertEquals(1, reloaded().current().partners().size(), "nothing was written");
    }

    @Test
    void aFailureInsideTheTransactionRollsEverythingBackAndKeepsTheRunningPolicy() throws Exception {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE fgwPartnerDomain");
        }
        PolicySnapshot before = service.current();
        assertThrows(StoreException.class, () -> service.addPartner(fullPartner()));
        assertSame(before, service.current(), "the snapshot is swapped only after a commit");
        int rows = new Transactions(db).read("count", c -> {
            try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM fgwPartner")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(0, rows, "the partner row written before the failure was rolled back");
    }

    @Test
    void renamingABulkChangeAndDeletingArePersisted() {
        service.addPartner(Partner.withDefaults(Domain.parse("b.test")).withRules(new NegotiationRules(Negotiation.OPTIONAL, Negotiation.OPTIONAL, true)));
        service.addPartner(Partner.withDefaults(Domain.parse("c.test")).withRules(new NegotiationRules(Negotiation.REQUIRED, Negotiation.NOT_SUPPORTED, true)));
        service.updatePartner(Domain.parse("c.test"), Partner.withDefaults(Domain.parse("d.test")).withRules(new NegotiationRules(Negotiation.REQUIRED, Negotiation.NOT_SUPPORTED, true)));
        int changed = service.updateAllPartners(p -> p.withRules(new NegotiationRules(p.rules().tls(), Negotiation.REQUIRED, p.rules().dialback())));
        assertEquals(2, changed);
        PolicySnapshot stored = reloaded().current();
        assertNull(stored.partnerFor("c.test"));
        assertTrue(stored.partners().stream().allMatch(p -> p.rules().sasl() == Negotiation.REQUIRED));
        service.deletePartner(Domain.parse("b.test"));
        assertEquals(List.of("d.test"), reloaded().current().partners().stream().map(p -> p.primaryDomain().value()).toList());
    }

    @Test
    void policiesAndAssignmentsAreStoredDeletingAPolicyRemovesItsAssignmentsAndGlobalOnlyResets() {
        service.savePolicy(new AccessPolicy("xmpp", "XMPP users", true, false, false, false));
        service.savePolicy(new AccessPolicy("global", "", true, true, false, false));
        service.assign(new Assignment(AssignmentKind.USER, "Alice", "xmpp"));
        service.assign(new Assignment(AssignmentKind.GROUP, "Sales", "xmpp"));
        service.assign(new Assignment(AssignmentKind.SIP, "dave@a.test", "xmpp"));
        PolicySnapshot stored = reloaded().current();
        assertEquals("xmpp", stored.effectiveForUser("alice", List.of()).policy().name());
        assertEquals("xmpp", stored.effectiveForSipAddress("dave@a.test").policy().name());
        assertTrue(stored.policy("global").xmppAccess());

        service.deletePolicy("xmpp");
        assertTrue(reloaded().current().assignments().isEmpty());
        assertThrows(InvalidFieldException.class, () -> service.deletePolicy("global"));
        service.resetGlobal();
        assertEquals(AccessPolicy.globalDefaults(), reloaded().current().policy("global"));
    }

    // ---- Several servers on one database (an Openfire cluster): the stored generation ----

    @Test
    void everyCommittedChangeRaisesTheStoredGenerationByOne() {
        long start = service.generation();
        service.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        service.savePolicy(AccessPolicy.globalDefaults());
        assertEquals(start + 2, service.generation());
        assertEquals(start + 2, reloaded().generation(), "stored with the policy");
    }

    @Test
    void aChangeMadeThroughAnotherServerIsPickedUpByTheNextCheckAndOnlyThen() {
        PolicyService other = reloaded();
        assertTrue(other.reloadIfChanged().isEmpty(), "nothing changed: one read, no reload");
        service.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        assertNull(other.current().partnerFor("b.test"), "not yet checked");
        PolicyService.Reload reload = other.reloadIfChanged().orElseThrow();
        assertEquals(new PolicyService.Reload(service.generation() - 1, service.generation()), reload);
        assertEquals(Domain.parse("b.test"), other.current().partnerFor("b.test").primaryDomain());
        assertTrue(other.reloadIfChanged().isEmpty(), "current again");
    }

    @Test
    void aPartnerRemovedThroughAnotherServerIsRefusedHereAfterTheCheck() {
        service.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        PolicyService other = reloaded();
        other.deletePartner(Domain.parse("b.test"));
        service.reloadIfChanged();
        assertNull(service.current().partnerFor("b.test"));
    }

    @Test
    void aChangeIsJudgedAgainstWhatOtherServersStoredMeanwhile() {
        PolicyService other = reloaded();
        other.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> service.addPartner(Partner.withDefaults(Domain.parse("b.test"))));
        assertEquals("policy.error.partner.exists", e.messageKey());
        assertEquals(1, reloaded().current().partners().size());
    }

    @Test
    void anEmptyPolicyFromAFailedLoadIsReplacedByTheStoredOneOnceTheDatabaseAnswers() {
        service.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        PolicyService fallback = PolicyService.empty(new Transactions(db), GatewaySettings.defaults());
        assertNull(fallback.current().partnerFor("b.test"));
        assertTrue(fallback.reloadIfChanged().isPresent());
        assertEquals(Domain.parse("b.test"), fallback.current().partnerFor("b.test").primaryDomain());
    }

    @Test
    void eachCommittedChangeIsAnnouncedOnceAfterItsCommit() {
        List<Long> announced = new java.util.ArrayList<>();
        service.onCommitted(() -> announced.add(reloaded().current().partners().isEmpty() ? -1L : service.generation()));
        service.addPartner(Partner.withDefaults(Domain.parse("b.test")));
        assertEquals(List.of(service.generation()), announced, "after the commit, so another server reading then sees the change");
        assertThrows(InvalidFieldException.class, () -> service.addPartner(Partner.withDefaults(Domain.parse("b.test"))));
        assertEquals(1, announced.size(), "a refused change is not announced");
    }
}
