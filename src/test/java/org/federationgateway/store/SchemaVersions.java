package org.federationgateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;

import org.federationgateway.testing.PluginRoot;

/** The schema's versions as the tests build them: the current script, and version 1 made from it. */
final class SchemaVersions {
    /** plugin.xml's databaseVersion. */
    static final int CURRENT = 4;

    private SchemaVersions() {
    }

    /** Version 1 is the current script without what versions 2 (subscriptions), 3 (policy generation) and 4 (subscription owner) added. */
    static String versionOne(String currentScript) {
        String v1 = currentScript
                .replaceAll("(?s)-- Bridged presence subscriptions.*?CREATE INDEX fgwSubscription_owner_idx[^;]*;", "")
                .replaceAll("(?s)-- The policy's generation.*?INSERT INTO fgwPolicyGeneration[^;]*;", "")
                .replace("VALUES ('federationgateway', " + CURRENT + ")", "VALUES ('federationgateway', 1)");
        if (v1.contains("fgwSubscription") || v1.contains("fgwPolicyGeneration") || !v1.contains("'federationgateway', 1)")) {
            throw new IllegalStateException("the current schema script no longer has the shape version 1 is made from");
        }
        return v1;
    }

    /** Runs each upgrade script from version {@code from + 1} to {@link #CURRENT}, as Openfire does. */
    static void upgrade(Connection c, Database database, int from) throws IOException, SQLException {
        for (int v = from + 1; v <= CURRENT; v++) {
            SchemaScript.parse(Files.readString(PluginRoot.resolve("database/upgrade/" + v + "/federationgateway_" + database.code() + ".sql"))).run(c);
        }
    }
}
