package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The standalone gateway's HSQLDB file database writes each commit to disk: a killed process loses nothing committed. */
class StandaloneDatabaseDurabilityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:hsqldb:file:gateway-db/gateway;shutdown=true | jdbc:hsqldb:file:gateway-db/gateway;shutdown=true;hsqldb.write_delay=false
            jdbc:hsqldb:file:/var/lib/fgw/db                  | jdbc:hsqldb:file:/var/lib/fgw/db;hsqldb.write_delay=false
            jdbc:hsqldb:file:db;                              | jdbc:hsqldb:file:db;hsqldb.write_delay=false
            jdbc:hsqldb:file:db;hsqldb.write_delay=true       | jdbc:hsqldb:file:db;hsqldb.write_delay=true
            jdbc:hsqldb:file:db;hsqldb.write_delay_millis=100 | jdbc:hsqldb:file:db;hsqldb.write_delay_millis=100
            jdbc:hsqldb:mem:test                              | jdbc:hsqldb:mem:test
            jdbc:postgresql://127.0.0.1/fgw                   | jdbc:postgresql://127.0.0.1/fgw
            """)
    void aFileDatabaseWritesEachCommitUnlessTheUrlSaysOtherwise(String configured, String opened) {
        assertEquals(opened, StandaloneDatabase.durable(configured));
    }

    @Test
    void hsqldbTakesTheSetting(@TempDir Path dir) throws Exception {
        String url = StandaloneDatabase.durable("jdbc:hsqldb:file:" + dir.resolve("db") + ";shutdown=true");
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES WHERE PROPERTY_NAME = 'hsqldb.write_delay'")) {
            assertEquals(true, rs.next(), "the property is listed");
            assertEquals("false", rs.getString(1).toLowerCase(java.util.Locale.ROOT));
        }
        assertEquals(true, Files.exists(dir.resolve("db.properties")));
    }
}
