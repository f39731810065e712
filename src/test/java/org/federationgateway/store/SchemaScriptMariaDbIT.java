package org.federationgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.peers.MariaDbPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MySQL schema script and its upgrade script, as Openfire runs them, on a real MariaDB on loopback. */
class SchemaScriptMariaDbIT {
    private static MariaDbPeer mariadb;

    @BeforeAll
    static void start() {
        mariadb = MariaDbPeer.start();
    }

    @AfterAll
    static void stop() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    private static Connection freshDatabase(String name) throws Exception {
        mariadb.createDatabase(name);
        Connection c = mariadb.connect(name);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
        }
        return c;
    }

    private static int version(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM ofVersion WHERE name = 'federationgateway'")) {
            assertTrue(r.next());
            return r.getInt(1);
        }
    }

    @Test
    void theMysqlScriptCreatesTheSchemaOnMariaDbAndRecordsTheCurrentVersion() throws Exception {
        try (Connection c = freshDatabase("install")) {
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.MYSQL.schemaResource()))).run(c);
            assertEquals(SchemaVersions.CURRENT, version(c));
            try (Statement s = c.createStatement(); ResultSet global = s.executeQuery("SELECT xmppAccess FROM fgwAccessPolicy WHERE name = 'global'")) {
                assertTrue(global.next(), "the global policy exists from the start");
            }
            try (ResultSet tables = c.getMetaData().getTables("install", null, "fgw%", new String[] {"TABLE"})) {
                int count = 0;
                while (tables.next()) {
                    assertEquals("InnoDB", engine(c, tables.getString("TABLE_NAME")), "transactions need InnoDB");
                    count++;
                }
                assertEquals(6, count, "six tables");
            }
        }
    }

    private static String engine(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "'")) {
            assertTrue(r.next());
            return r.getString(1);
        }
    }

    /** An installation of version 1 upgrades to the current version with the upgrade scripts Openfire runs. */
    @Test
    void version1UpgradesToTheCurrentVersionOnMariaDb() throws Exception {
        try (Connection c = freshDatabase("upgrade")) {
            String v1 = SchemaVersions.versionOne(Files.readString(PluginRoot.resolve(Database.MYSQL.schemaResource())));
            SchemaScript.parse(v1).run(c);
            assertEquals(1, version(c));
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO fgwPartner (primaryDomain, partnerType, tlsNegotiation, saslNegotiation, dialback, keepAlive) "
                        + "VALUES ('b.test', 'federated', 'required', 'optional', 1, 1)");
            }
            SchemaVersions.upgrade(c, Database.MYSQL, 1);
            assertEquals(SchemaVersions.CURRENT, version(c));
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM fgwSubscription")) {
                assertTrue(r.next());
                assertEquals(0, r.getInt(1));
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT primaryDomain FROM fgwPartner")) {
                assertTrue(r.next(), "the upgrade keeps what version 1 stored");
                assertEquals("b.test", r.getString(1));
            }
        }
    }
}
