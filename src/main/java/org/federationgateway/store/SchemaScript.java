package org.federationgateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema script split the way Openfire's schema manager runs it: statements end with a semicolon at the
 * end of a line; lines starting with "--" or "//" are comments. Used where no Openfire installs the schema
 * (the standalone gateway, tests).
 */
public final class SchemaScript {
    private final List<String> statements;

    private SchemaScript(List<String> statements) {
        this.statements = List.copyOf(statements);
    }

    public static SchemaScript parse(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : script.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("--") || line.startsWith("//")) {
                continue;
            }
            current.append(current.length() == 0 ? "" : " ").append(line);
            if (line.endsWith(";")) {
                statements.add(current.substring(0, current.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            throw new IllegalArgumentException("schema script ends inside a statement: " + current);
        }
        return new SchemaScript(statements);
    }

    public static SchemaScript forDatabase(Database database, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(database.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("no schema script " + database.schemaResource() + " on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> statements() {
        return statements;
    }

    public void run(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
