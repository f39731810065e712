package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;

/** A standalone database of an older version gets every upgrade script up to plugin.xml's databaseVersion. */
class StandaloneSchemaVersionTest {
    @Test
    void theStandaloneGatewayUpgradesToThePluginsDatabaseVersion() throws Exception {
        Matcher m = Pattern.compile("<databaseVersion>(\\d+)</databaseVersion>").matcher(Files.readString(PluginRoot.resolve("plugin.xml")));
        assertTrue(m.find(), "plugin.xml names its databaseVersion");
        assertEquals(Integer.parseInt(m.group(1)), StandaloneDatabase.SCHEMA_VERSION);
    }
}
