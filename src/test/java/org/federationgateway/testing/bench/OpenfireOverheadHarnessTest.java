package org.federationgateway.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.store.Database;
import org.federationgateway.store.PolicyRepository;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;

/** The overhead harness's data set, written through the plugin's repository into HSQLDB with the plugin's schema. */
class OpenfireOverheadHarnessTest {
    @Test
    void theBulkDataHoldsTenThousandPartnersAndAHundredThousandAssignedUsers() throws Exception {
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        PolicyRepository repository = new PolicyRepository();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
            c.setAutoCommit(false);
            OpenfireOverheadHarness.load(c, repository);
            c.commit();
            PolicyRepository.Contents contents = repository.load(c);
            assertEquals(OpenfireOverheadHarness.PARTNERS, contents.partners().size());
            assertEquals(OpenfireOverheadHarness.USERS, contents.assignments().stream().filter(a -> a.kind() == AssignmentKind.USER).count());
            assertEquals(1, contents.generation(), "raised once, as a change through the pages would");
            Partner b = contents.partners().stream().filter(p -> p.primaryDomain().value().equals("b.test")).findFirst().orElseThrow();
            assertEquals(PartnerType.FEDERATED, b.type());
            assertTrue(contents.assignments().contains(new Assignment(AssignmentKind.USER, "alice", "federation-0")));
            assertTrue(contents.assignments().contains(new Assignment(AssignmentKind.USER, "dave", "no-federation")));
            AccessPolicy allowed = contents.policies().stream().filter(p -> p.name().equals("federation-0")).findFirst().orElseThrow();
            AccessPolicy refused = contents.policies().stream().filter(p -> p.name().equals("no-federation")).findFirst().orElseThrow();
            assertTrue(allowed.xmppAccess());
            assertTrue(!refused.xmppAccess());
        }
    }

    @Test
    void repeatedStepsAtOneRateArePooledIntoOnePointInRateOrder() {
        List<LoadResult> merged = OpenfireOverheadHarness.mergedByRate(List.of(
                new LoadResult("x", 500, 10, 9, 1, 2.0, new long[] {1000, 3000}),
                new LoadResult("x", 250, 4, 4, 0, 1.0, new long[] {2000}),
                new LoadResult("x", 500, 10, 10, 0, 2.0, new long[] {5000})));
        assertEquals(List.of(250, 500), merged.stream().map(LoadResult::offered).toList());
        LoadResult at500 = merged.get(1);
        assertEquals(20, at500.sent());
        assertEquals(19, at500.delivered());
        assertEquals(1, at500.errors());
        assertEquals(4.75, at500.deliveredPerSecond(), 1e-9);
        assertEquals(5.0, at500.latencyMillis(1.0), 1e-9);
    }
}
