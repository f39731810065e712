package org.federationgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema scripts run on real HSQLDB, Openfire's embedded database. */
class SchemaScriptHsqldbTest {

    static Connection freshHsqldb() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:hsqldb:mem:" + UUID.randomUUID(), "SA", "");
        try (Statement s = c.createStatement()) {
            // Openfire's own version table, which every plugin script writes to.
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
        }
        return c;
    }

    @Test
    void theHsqldbScriptCreatesTheSchemaAndRecordsTheCurrentVersion() throws Exception {
        try (Connection c = freshHsqldb()) {
            SchemaScript.parse(Files.readString(PluginRoot.resolve("database/federationgateway_hsqldb.sql"))).run(c);
            try (Statement s = c.createStatement();
                 ResultSet version = s.executeQuery("SELECT version FROM ofVersion WHERE name = 'federationgateway'")) {
                assertTrue(version.next());
                assertEquals(SchemaVersions.CURRENT, version.getInt(1));
            }
            try (Statement s = c.createStatement();
                 ResultSet generation = s.executeQuery("SELECT generation FROM fgwPolicyGeneration WHERE id = 1")) {
                assertTrue(generation.next(), "the policy generation row exists from the start");
                assertEquals(0, generation.getLong(1));
            }
            try (Statement s = c.createStatement();
                 ResultSet global = s.executeQuery("SELECT xmppAccess FROM fgwAccessPolicy WHERE name = 'global'")) {
                assertTrue(global.next(), "the global policy exists from the start");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void everyDatabaseHasAScriptWithTheSameTablesAndVersion(Database database) throws Exception {
        String script = Files.readString(PluginRoot.resolve(database.schemaResource()));
        SchemaScript parsed = SchemaScript.parse(script);
        for (String table : new String[] {"fgwPartner ", "fgwPartnerDomain ", "fgwAccessPolicy ", "fgwPolicyAssignment ", "fgwSubscription ", "fgwPolicyGeneration "}) {
            assertTrue(parsed.statements().stream().anyMatch(st -> st.startsWith("CREATE TABLE " + table)), database + " lacks " + table);
        }
        assertTrue(parsed.statements().contains("INSERT INTO ofVersion (name, version) VALUES ('federationgateway', " + SchemaVersions.CURRENT + ")"));
        SchemaScript upgrade = SchemaScript.parse(Files.readString(PluginRoot.resolve("database/upgrade/2/federationgateway_"
                + database.schemaResource().replaceAll(".*federationgateway_", ""))));
        assertTrue(upgrade.statements().stream().anyMatch(st -> st.startsWith("CREATE TABLE fgwSubscription ")), database + " upgrade");
        assertTrue(upgrade.statements().contains("UPDATE ofVersion SET version = 2 WHERE name = 'federationgateway'"), database + " upgrade");
    }

    /** An installation of version 1 (as released scripts created it) upgrades to the current one with Openfire's upgrade scripts. */
    @Test
    void version1UpgradesToTheCurrentVersionOnHsqldb() throws Exception {
        try (Connection c = freshHsqldb()) {
            SchemaScript.parse(SchemaVersions.versionOne(Files.readString(PluginRoot.resolve("database/federationgateway_hsqldb.sql")))).run(c);
            SchemaVersions.upgrade(c, Database.HSQLDB, 1);
            try (Statement s = c.createStatement();
                 ResultSet version = s.executeQuery("SELECT version FROM ofVersion WHERE name = 'federationgateway'")) {
                assertTrue(version.next());
                assertEquals(SchemaVersions.CURRENT, version.getInt(1));
            }
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM fgwSubscription")) {
                assertTrue(rows.next());
            }
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT generation FROM fgwPolicyGeneration WHERE id = 1")) {
                assertTrue(rows.next(), "the generation row is seeded by the upgrade");
            }
        }
    }

    @Test
    void aScriptThatEndsInsideAStatementIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SchemaScript.parse("CREATE TABLE x (a INTEGER)\n"));
    }

    @Test
    void databaseIsRecognisedFromItsJdbcUrl() {
        assertEquals(Database.POSTGRESQL, Database.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5432/openfire"));
        assertEquals(Database.HSQLDB, Database.fromJdbcUrl("jdbc:hsqldb:file:/var/lib/gw/db"));
        assertEquals(Database.SQLSERVER, Database.fromJdbcUrl("jdbc:jtds:sqlserver://db/openfire"));
        assertEquals(Database.MYSQL, Database.fromJdbcUrl("jdbc:mariadb://127.0.0.1:3306/openfire"));
        assertThrows(IllegalArgumentException.class, () -> Database.fromJdbcUrl("jdbc:sqlite:x.db"));
    }
}
