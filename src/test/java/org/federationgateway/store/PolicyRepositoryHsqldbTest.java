package org.federationgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;

/** What loading the policy keeps in memory: with 100,000 assigned users, one copy of each policy name, not one per row. */
class PolicyRepositoryHsqldbTest {
    @Test
    void assignmentsOfOnePolicyShareOneNameWhenLoaded() throws Exception {
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        PolicyRepository repository = new PolicyRepository();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
            repository.upsertPolicy(c, new AccessPolicy("federation", "", true, true, false, false));
            for (String user : List.of("alice", "bob", "carol")) {
                repository.upsertAssignment(c, new Assignment(AssignmentKind.USER, user, "federation"));
            }
            List<Assignment> loaded = repository.load(c).assignments();
            assertEquals(3, loaded.size());
            assertSame(loaded.get(0).policy(), loaded.get(1).policy());
            assertSame(loaded.get(0).policy(), loaded.get(2).policy());
        }
    }
}
