package org.federationgateway.store;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.peers.PostgresPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The policy store on a real PostgreSQL 15 started on loopback, with the schema from its own script. */
class PolicyServicePostgresIT extends PolicyServiceContract {
    private static PostgresPeer postgres;
    private static int databases;

    @BeforeAll
    static void start() {
        postgres = PostgresPeer.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    ConnectionSource freshDatabase() throws Exception {
        String schema = "t" + (++databases);
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        ConnectionSource source = () -> DriverManager.getConnection(url, "fgw", "fgw");
        try (Connection c = source.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.POSTGRESQL.schemaResource()))).run(c);
        }
        return source;
    }
}
