package org.federationgateway.store;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.peers.MariaDbPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The policy store on a real MariaDB started on loopback, with the schema from the plugin's MySQL script. */
class PolicyServiceMariaDbIT extends PolicyServiceContract {
    private static MariaDbPeer mariadb;
    private static int databases;

    @BeforeAll
    static void start() {
        mariadb = MariaDbPeer.start();
    }

    @AfterAll
    static void stop() {
        if (mariadb != null) {
            mariadb.close();
            mariadb = null;
        }
    }

    /** A new database holding Openfire's ofVersion table and the plugin's schema, as Openfire leaves it after installing. */
    static ConnectionSource freshSchema(MariaDbPeer server) throws Exception {
        String database = "fgw" + (++databases);
        server.createDatabase(database);
        String url = server.jdbcUrl(database);
        ConnectionSource source = () -> DriverManager.getConnection(url, server.user(), server.password());
        try (Connection c = source.open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.MYSQL.schemaResource()))).run(c);
        }
        return source;
    }

    static MariaDbPeer server() {
        return mariadb;
    }

    @Override
    ConnectionSource freshDatabase() throws Exception {
        return freshSchema(mariadb);
    }
}
