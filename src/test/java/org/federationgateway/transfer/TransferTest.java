package org.federationgateway.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.store.Database;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;

/** Export and import over a real HSQLDB store with the plugin's schema: round trips, and all or nothing with line numbers. */
class TransferTest {
    static PolicyService fresh() throws Exception {
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
        }
        return PolicyService.load(new Transactions(() -> DriverManager.getConnection(url, "SA", "")), GatewaySettings.defaults(), false);
    }

    static PolicyService configured() throws Exception {
        PolicyService s = fresh();
        s.addPartner(new Partner(Domain.parse("b.test"), List.of(DomainPattern.parse("conference.b.test", "d"), DomainPattern.parse("*.users.b.test", "d")),
                PartnerType.FEDERATED, new NegotiationRules(Negotiation.OPTIONAL, Negotiation.OPTIONAL, true), false, 5, Domain.parse("xmpp.b.test"),
                "Contact: \"ops\", b.test\nsecond line"));
        s.addPartner(Partner.withDefaults(Domain.parse("gmail.com")).withRules(new NegotiationRules(Negotiation.NOT_SUPPORTED, Negotiation.NOT_SUPPORTED, true)));
        s.savePolicy(new AccessPolicy("sales", "Sales team", true, true, false, false));
        s.savePolicy(new AccessPolicy("global", "", true, false, false, false));
        s.assign(new Assignment(AssignmentKind.GROUP, "Sales", "sales"));
        s.assign(new Assignment(AssignmentKind.USER, "alice", "sales"));
        s.assign(new Assignment(AssignmentKind.SIP, "romeo@a.test", "global"));
        return s;
    }

    @Test
    void anExportImportsUnchangedIntoAFreshServer() throws Exception {
        PolicyService source = configured();
        String json = Transfer.exportJson(source.current());
        PolicyService target = fresh();
        Transfer.ImportReport outcome = Transfer.importJson(target, json);
        assertTrue(outcome.ok(), outcome.errors().toString());
        assertEquals(new PolicyService.ImportCounts(2, 2, 3), outcome.saved());
        assertEquals(json, Transfer.exportJson(target.current()), "the same export from both servers");
        assertEquals(source.current().partners(), target.current().partners());
        assertEquals(json, Transfer.exportJson(PolicyService.load(targetTransactions(target), GatewaySettings.defaults(), false).current()),
                "and it is in the database, not only in memory");
    }

    private static Transactions targetTransactions(PolicyService s) throws Exception {
        java.lang.reflect.Field f = PolicyService.class.getDeclaredField("transactions");
        f.setAccessible(true);
        return (Transactions) f.get(s);
    }

    @Test
    void partnersCsvRoundTripWithQuotesCommasAndLineBreaks() throws Exception {
        PolicyService source = configured();
        String csv = Transfer.exportPartnersCsv(source.current());
        assertTrue(csv.startsWith("primaryDomain,additionalDomains,partnerType,"), csv);
        assertTrue(csv.contains("\"Contact: \"\"ops\"\", b.test\nsecond line\""), "RFC 4180 §2 quoting: " + csv);
        PolicyService target = fresh();
        Transfer.ImportReport outcome = Transfer.importPartnersCsv(target, csv);
        assertTrue(outcome.ok(), outcome.errors().toString());
        assertEquals(source.current().partners(), target.current().partners());
    }

    @Test
    void oneBadRowSavesNothingAndEveryProblemHasItsLine() throws Exception {
        PolicyService target = fresh();
        String json = "{\"format\":\"federationgateway-export\",\"version\":1,\n"
                + "\"policies\":[\n"
                + "{\"name\":\"sales\",\"xmppAccess\":true}\n"
                + "],\n"
                + "\"partners\":[\n"
                + "{\"primaryDomain\":\"b.test\"},\n"
                + "{\"primaryDomain\":\"c.test\",\"tlsNegotiation\":\"not-supported\",\"saslNegotiation\":\"required\",\"dialback\":false},\n"
                + "{\"primaryDomain\":\"b.test\"},\n"
                + "{\"primaryDomain\":\"e.test\",\"additionalDomains\":[\"conference.b.test\"],\"dialback\":\"yes\"}\n"
                + "],\n"
                + "\"assignments\":[\n"
                + "{\"kind\":\"user\",\"subject\":\"alice\",\"policy\":\"nothing\"}\n"
                + "]}\n";
        Transfer.ImportReport outcome = Transfer.importJson(target, json);
        assertFalse(outcome.ok());
        List<String> where = outcome.errors().stream().map(e -> e.line() + " " + e.section() + " " + e.field() + " " + e.key()).toList();
        assertEquals(List.of(
                "7 partners saslNegotiation policy.error.negotiation.saslWithoutTls",
                "8 partners primaryDomain transfer.error.duplicate",
                "9 partners dialback api.error.type",
                "12 assignments policy policy.error.assignment.unknownPolicy"), where);
        assertTrue(target.current().partners().isEmpty(), "nothing saved");
        assertEquals(null, target.current().policy("sales"), "not even the valid rows");
    }

    @Test
    void aDomainClaimedByAnotherPartnerIsFoundBeforeSaving() throws Exception {
        PolicyService target = configured();
        Transfer.ImportReport outcome = Transfer.importPartnersCsv(target, "primaryDomain,additionalDomains\r\ne.test,conference.b.test\r\n");
        assertEquals(1, outcome.errors().size());
        assertEquals(2, outcome.errors().get(0).line());
        assertEquals("policy.error.partner.domainTaken", outcome.errors().get(0).key());
        assertEquals(null, target.current().partnerFor("e.test"));
    }

    @Test
    void csvProblemsAreNamedByLine() throws Exception {
        PolicyService target = fresh();
        assertEquals("api.error.unknownField", Transfer.importPartnersCsv(target, "primaryDomain,colour\nb.test,red\n").errors().get(0).key());
        assertEquals("transfer.error.csvColumns", Transfer.importPartnersCsv(target, "primaryDomain,description\nb.test\n").errors().get(0).key());
        Transfer.RowError unclosed = Transfer.importPartnersCsv(target, "primaryDomain,description\nb.test,ok\nc.test,\"open\n").errors().get(0);
        assertEquals("transfer.error.csv", unclosed.key());
        assertEquals(3, unclosed.line());
        assertTrue(target.current().partners().isEmpty());
    }

    @Test
    void notAnExportIsRefusedWhole() throws Exception {
        PolicyService target = fresh();
        assertEquals("transfer.error.format", Transfer.importJson(target, "{\"format\":\"other\",\"partners\":[]}").errors().get(0).key());
        assertEquals("transfer.error.unknownSection", Transfer.importJson(target, "{\"servers\":[]}").errors().get(0).key());
        assertEquals("transfer.error.json", Transfer.importJson(target, "{\"partners\":[}").errors().get(0).key());
    }
}
