package org.federationgateway.store;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.federationgateway.testing.PluginRoot;

/** The policy store on real HSQLDB, Openfire's embedded database, with the schema from its own script. */
class PolicyServiceHsqldbTest extends PolicyServiceContract {
    @Override
    ConnectionSource freshDatabase() throws Exception {
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
        }
        return () -> DriverManager.getConnection(url, "SA", "");
    }
}
