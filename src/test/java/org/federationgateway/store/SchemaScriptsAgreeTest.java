package org.federationgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The five schema scripts (and each upgrade script) describe one schema: the same tables with the same columns in
 * the same order, the same nullability, primary keys and indexes, the same rows inserted, and equivalent types
 * (VARCHAR / VARCHAR2 / NVARCHAR of the same length; INTEGER / INT; BIGINT / NUMBER(19)). SQL Server and Oracle
 * cannot run here, so this comparison is what keeps their scripts from drifting from the ones that do run
 * (HSQLDB, PostgreSQL, MariaDB). A type this test does not know fails it, so a new type needs its equivalents here.
 */
class SchemaScriptsAgreeTest {
    record Column(String name, String type, boolean nullable, boolean binary) {
    }

    record Table(List<Column> columns, List<String> primaryKey) {
    }

    /** @param added columns an upgrade adds to an existing table, as "table.column" with the column read as in a CREATE TABLE */
    record Schema(Map<String, Table> tables, List<String> indexes, List<String> rows, Map<String, Column> added) {
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*)\\)\\s*(.*)", Pattern.DOTALL);
    private static final Pattern PRIMARY_KEY = Pattern.compile("CONSTRAINT (\\w+) PRIMARY KEY \\(([^)]*)\\)");
    private static final Pattern COLUMN = Pattern.compile("(\\w+) (\\w+(?:\\(\\d+(?:,\\s*\\d+)?\\))?)((?: COLLATE \\w+)?)( NOT NULL)?");
    private static final Pattern ALTER_ADD = Pattern.compile("ALTER TABLE (\\w+) ADD (?:COLUMN )?(.*)", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("CREATE INDEX (\\w+) ON (\\w+) \\(([^)]*)\\)");

    /** The type in the terms all five databases share; unknown types fail the test. */
    static String canonicalType(String declared) {
        String t = declared.toUpperCase(Locale.ROOT).replace(" ", "");
        Matcher text = Pattern.compile("(?:VARCHAR|VARCHAR2|NVARCHAR|NVARCHAR2)\\((\\d+)\\)").matcher(t);
        if (text.matches()) {
            return "text(" + text.group(1) + ")";
        }
        return switch (t) {
            case "INTEGER", "INT", "NUMBER(10)", "NUMBER(10,0)" -> "int32";
            case "BIGINT", "NUMBER(19)", "NUMBER(19,0)" -> "int64";
            default -> throw new AssertionError("no known equivalent for the type " + declared + "; add it to SchemaScriptsAgreeTest");
        };
    }

    static Schema read(String script, Database database) {
        Map<String, Table> tables = new LinkedHashMap<>();
        List<String> indexes = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        Map<String, Column> added = new LinkedHashMap<>();
        for (String statement : SchemaScript.parse(script).statements()) {
            Matcher table = CREATE_TABLE.matcher(statement);
            Matcher index = INDEX.matcher(statement);
            Matcher alter = ALTER_ADD.matcher(statement);
            if (alter.matches()) {
                Matcher c = COLUMN.matcher(alter.group(2).strip());
                assertTrue(c.matches(), database + ": cannot read the added column '" + alter.group(2) + "'");
                boolean binary = switch (database) {
                    // A column added to a MySQL table takes the table's collation (utf8mb4_bin for fgwSubscription).
                    case HSQLDB, POSTGRESQL, ORACLE, MYSQL -> true;
                    case SQLSERVER -> c.group(3).toUpperCase(Locale.ROOT).contains("_BIN");
                };
                added.put(alter.group(1) + "." + c.group(1), new Column(c.group(1), canonicalType(c.group(2)), c.group(4) == null, binary));
            } else if (table.matches()) {
                String options = table.group(3);
                boolean binaryTable = options.matches("(?i).*COLLATE\\s+utf8mb4_bin.*");
                List<Column> columns = new ArrayList<>();
                List<String> key = List.of();
                for (String part : table.group(2).split(",(?![^()]*\\))")) {
                    String p = part.strip();
                    Matcher pk = PRIMARY_KEY.matcher(p);
                    if (pk.matches()) {
                        assertEquals(table.group(1) + "_pk", pk.group(1), "primary key constraint name");
                        key = List.of(pk.group(2).split(",\\s*"));
                        continue;
                    }
                    Matcher c = COLUMN.matcher(p);
                    assertTrue(c.matches(), database + ": cannot read the column definition '" + p + "'");
                    boolean binary = switch (database) {
                        // Case-sensitive comparison is these databases' default.
                        case HSQLDB, POSTGRESQL, ORACLE -> true;
                        case MYSQL -> binaryTable;
                        case SQLSERVER -> c.group(3).toUpperCase(Locale.ROOT).contains("_BIN");
                    };
                    columns.add(new Column(c.group(1), canonicalType(c.group(2)), c.group(4) == null, binary));
                }
                tables.put(table.group(1), new Table(columns, key));
            } else if (index.matches()) {
                indexes.add(index.group(1) + " ON " + index.group(2) + " (" + index.group(3) + ")");
            } else if (statement.startsWith("INSERT INTO ") || statement.startsWith("UPDATE ")) {
                rows.add(statement);
            } else {
                throw new AssertionError(database + ": a statement this comparison does not know: " + statement);
            }
        }
        return new Schema(tables, indexes, rows, added);
    }

    private static String script(String path) throws Exception {
        return Files.readString(PluginRoot.resolve(path));
    }

    /** The same schema with the collation left out (compared on its own below). */
    private static Schema withoutCollation(Schema s) {
        Map<String, Table> tables = new LinkedHashMap<>();
        s.tables().forEach((name, t) -> tables.put(name, new Table(
                t.columns().stream().map(c -> new Column(c.name(), c.type(), c.nullable(), false)).toList(), t.primaryKey())));
        return new Schema(tables, s.indexes(), s.rows(), s.added());
    }

    /**
     * Openfire 5.1 and later call MariaDB "mariadb" and run federationgateway_mariadb.sql there (5.0 runs the mysql
     * script): without these scripts the plugin did not install on Openfire 5.1 with MariaDB. They must be the mysql
     * scripts' statements exactly, which {@code SchemaScriptMariaDbIT} runs on MariaDB.
     */
    @org.junit.jupiter.params.provider.MethodSource("scriptFolders")
    @ParameterizedTest
    void theMariaDbScriptsHoldTheMySqlScriptsStatements(String folder) throws Exception {
        String mysql = script("database/" + folder + "federationgateway_mysql.sql");
        String mariadb = script("database/" + folder + "federationgateway_mariadb.sql");
        assertEquals(withoutComments(mysql), withoutComments(mariadb), folder + "federationgateway_mariadb.sql");
        assertTrue(mariadb.lines().findFirst().orElseThrow().endsWith("for mariadb.") || mariadb.lines().findFirst().orElseThrow().contains("for mariadb:"),
                "its header names MariaDB");
    }

    /** The schema scripts' folder and every upgrade folder: a new upgrade needs its mariadb script too. */
    static List<String> scriptFolders() throws Exception {
        List<String> folders = new ArrayList<>(List.of(""));
        try (java.util.stream.Stream<java.nio.file.Path> upgrades = Files.list(PluginRoot.resolve("database/upgrade"))) {
            upgrades.map(d -> "upgrade/" + d.getFileName() + "/").sorted().forEach(folders::add);
        }
        return folders;
    }

    private static List<String> withoutComments(String script) {
        return script.lines().filter(l -> !l.startsWith("--")).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = "HSQLDB", mode = EnumSource.Mode.EXCLUDE)
    void eachSchemaScriptDescribesTheSameSchemaAsHsqldbs(Database database) throws Exception {
        Schema reference = read(script(Database.HSQLDB.schemaResource()), Database.HSQLDB);
        Schema other = read(script(database.schemaResource()), database);
        assertEquals(List.copyOf(reference.tables().keySet()), List.copyOf(other.tables().keySet()), database + ": tables");
        for (String table : reference.tables().keySet()) {
            assertEquals(withoutCollation(reference).tables().get(table), withoutCollation(other).tables().get(table), database + ": " + table);
        }
        assertEquals(reference.indexes(), other.indexes(), database + ": indexes");
        assertEquals(reference.rows(), other.rows(), database + ": inserted rows");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void eachUpgradeTo2CreatesTheSubscriptionTableAsTheSchemaScriptDoes(Database database) throws Exception {
        Schema full = read(script(database.schemaResource()), database);
        Schema upgrade = read(script("database/upgrade/2/federationgateway_" + database.code() + ".sql"), database);
        assertEquals(List.of("fgwSubscription"), List.copyOf(upgrade.tables().keySet()));
        Table asOf4 = full.tables().get("fgwSubscription");
        Table asOf2 = new Table(asOf4.columns().stream().filter(c -> !c.name().equals("ownerNode")).toList(), asOf4.primaryKey());
        assertEquals(asOf2, upgrade.tables().get("fgwSubscription"), database + ": columns, types, keys, collation (ownerNode came with version 4)");
        assertEquals(List.of("fgwSubscription_users_idx ON fgwSubscription (sipUser, xmppUser)"), upgrade.indexes());
        assertEquals(List.of("UPDATE ofVersion SET version = 2 WHERE name = 'federationgateway'"), upgrade.rows());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void eachUpgradeTo3CreatesThePolicyGenerationAsTheSchemaScriptDoes(Database database) throws Exception {
        Schema full = read(script(database.schemaResource()), database);
        Schema upgrade = read(script("database/upgrade/3/federationgateway_" + database.code() + ".sql"), database);
        assertEquals(List.of("fgwPolicyGeneration"), List.copyOf(upgrade.tables().keySet()));
        assertEquals(full.tables().get("fgwPolicyGeneration"), upgrade.tables().get("fgwPolicyGeneration"), database + ": columns, types, keys");
        assertEquals(List.of("INSERT INTO fgwPolicyGeneration (id, generation) VALUES (1, 0)",
                "UPDATE ofVersion SET version = 3 WHERE name = 'federationgateway'"), upgrade.rows());
        assertTrue(full.rows().contains("INSERT INTO fgwPolicyGeneration (id, generation) VALUES (1, 0)"), database + ": the full script seeds the row");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void eachUpgradeTo4AddsTheSubscriptionOwnerAsTheSchemaScriptHasIt(Database database) throws Exception {
        Schema full = read(script(database.schemaResource()), database);
        Schema upgrade = read(script("database/upgrade/4/federationgateway_" + database.code() + ".sql"), database);
        assertTrue(upgrade.tables().isEmpty(), database + ": no new table");
        Column owner = full.tables().get("fgwSubscription").columns().stream().filter(c -> c.name().equals("ownerNode")).findFirst().orElseThrow();
        assertEquals(Map.of("fgwSubscription.ownerNode", owner), upgrade.added(), database + ": type, nullability, collation");
        assertEquals(List.of("fgwSubscription_owner_idx ON fgwSubscription (ownerNode)"), upgrade.indexes());
        assertTrue(full.indexes().contains("fgwSubscription_owner_idx ON fgwSubscription (ownerNode)"), database + ": the full script has the index");
        assertEquals(List.of("UPDATE ofVersion SET version = 4 WHERE name = 'federationgateway'"), upgrade.rows());
    }

    /** RFC 3261 §19.1.4 and §20.8: Call-IDs, tags and SIP user parts compare case-sensitively on every database. */
    @ParameterizedTest
    @EnumSource(Database.class)
    void subscriptionColumnsCompareCaseSensitively(Database database) throws Exception {
        Table subscriptions = read(script(database.schemaResource()), database).tables().get("fgwSubscription");
        for (Column c : subscriptions.columns()) {
            if (c.type().startsWith("text")) {
                assertTrue(c.binary(), database + ": fgwSubscription." + c.name() + " compares case-insensitively");
            }
        }
    }
}
