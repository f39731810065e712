package org.federationgateway.standalone;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.SettingException;
import org.federationgateway.store.ConnectionSource;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.store.StoreException;
import org.federationgateway.store.Transactions;

/**
 * The standalone gateway's database, with the plugin's own schema scripts: created on first start (with the
 * version table Openfire would own), upgraded when older, and seeded with the configured partners.
 *
 * <p>An embedded HSQLDB opened with {@code shutdown=true} closes its files when its last connection closes, and
 * a connection opened during that close fails ("attempt to connect while db opening /closing"). The gateway opens
 * a connection per transaction, so it holds one more connection for its whole life: the database stays open
 * between transactions and closes once, in {@link #close()}.
 */
final class StandaloneDatabase implements AutoCloseable {
    /** plugin.xml's databaseVersion: the standalone gateway runs the same upgrade scripts as Openfire. */
    static final int SCHEMA_VERSION = 4;
    private final Transactions transactions;
    private final Connection held;

    private StandaloneDatabase(Transactions transactions, Connection held) {
        this.transactions = transactions;
        this.held = held;
    }

    static StandaloneDatabase open(StandaloneConfig config) {
        String url = durable(config.jdbcUrl());
        ConnectionSource source = () -> DriverManager.getConnection(url, config.dbUser(), config.dbPassword());
        org.federationgateway.store.Database kind = org.federationgateway.store.Database.fromJdbcUrl(config.jdbcUrl());
        Connection held = null;
        if (embedded(config.jdbcUrl())) {
            try {
                held = source.open();
            } catch (SQLException e) {
                throw new StoreException("open " + config.jdbcUrl(), e);
            }
        }
        try {
            return new StandaloneDatabase(prepare(source, kind), held);
        } catch (RuntimeException e) {
            closeQuietly(held, e);
            throw e;
        }
    }

    /**
     * An HSQLDB file database writes its log to disk at each commit, unless the URL says otherwise: by default HSQLDB
     * holds the log for up to 500 ms, and a gateway process killed meanwhile would lose changes it had already acted
     * on (a subscription, a dialog's CSeq).
     */
    static String durable(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!u.startsWith("jdbc:hsqldb:file:") || u.contains("hsqldb.write_delay")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.endsWith(";") ? "" : ";") + "hsqldb.write_delay=false";
    }

    /** In-process databases (HSQLDB file:/mem:) live only while a connection to them is open. */
    static boolean embedded(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:hsqldb:file:") || u.startsWith("jdbc:hsqldb:mem:") || u.startsWith("jdbc:hsqldb:res:");
    }

    private static Transactions prepare(ConnectionSource source, org.federationgateway.store.Database kind) {
        Transactions transactions = new Transactions(source);
        transactions.inTransaction("prepare the schema", c -> {
            int version = installedVersion(c);
            ClassLoader loader = StandaloneDatabase.class.getClassLoader();
            if (version == 0) {
                SchemaScript.forDatabase(kind, loader).run(c);
            } else {
                for (int v = version + 1; v <= SCHEMA_VERSION; v++) {
                    SchemaScript.parse(resource(loader, "database/upgrade/" + v + "/federationgateway_" + kind.code() + ".sql")).run(c);
                }
            }
            return null;
        });
        return transactions;
    }

    /** Closes the held connection: with {@code shutdown=true} this is when HSQLDB writes and closes its files. */
    @Override
    public void close() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                throw new StoreException("close the database", e);
            }
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    Transactions transactions() {
        return transactions;
    }

    /** The policy, with the configured partners and global flag applied when there are no partners yet. */
    PolicyService policy(StandaloneConfig config) {
        PolicyService policy = PolicyService.load(transactions, GatewaySettings.defaults(), false);
        if (policy.current().partners().isEmpty() && !config.partners().isEmpty()) {
            for (String entry : config.partners()) {
                String[] parts = entry.split(":", 2);
                PartnerType type = parts.length > 1 ? partnerType(parts[1]) : PartnerType.FEDERATED;
                policy.addPartner(Partner.withDefaults(Domain.parse(parts[0])).withType(type));
            }
            if (config.globalXmppAccess()) {
                policy.savePolicy(new AccessPolicy(AccessPolicy.GLOBAL, "", true, false, false, false));
            }
        }
        return policy;
    }

    private static PartnerType partnerType(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("-", "");
        for (PartnerType type : PartnerType.values()) {
            if (type.code().replace("-", "").equals(t)) {
                return type;
            }
        }
        throw new SettingException("policy.partners", "unknown partner type '" + text + "' (federated, publicverified, publicunverified)");
    }

    private static int installedVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
        } catch (SQLException alreadyThere) {
            // a database shared with Openfire, or a second start
            c.rollback();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM ofVersion WHERE name = 'federationgateway'")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String resource(ClassLoader loader, String name) {
        try (var in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new StoreException("find " + name, new SQLException("missing from the classpath"));
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new StoreException("read " + name, new SQLException(e));
        }
    }
}
