package org.federationgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A pool that still holds connections to a database server that was restarted (Openfire's pool does not test them
 * unless told to): the next transaction leaves each dead one, which the pool then drops, and runs on one that answers.
 */
class TransactionsStaleConnectionTest {
    private final String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
    private final List<Boolean> closedStale = new ArrayList<>();

    /** A connection to the server that went away: every call fails as a broken socket does; close is noted. */
    private Connection stale() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "isValid" -> {
                    return false;
                }
                case "close" -> {
                    closedStale.add(true);
                    return null;
                }
                default -> throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
            }
        });
    }

    @Test
    void theFirstChangeAfterADatabaseRestartRunsOnAConnectionThatAnswers() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v INTEGER)");
        }
        AtomicInteger handedOut = new AtomicInteger();
        Transactions transactions = new Transactions(() -> handedOut.incrementAndGet() <= 3 ? stale() : DriverManager.getConnection(url, "SA", ""));
        transactions.inTransaction("insert", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO t VALUES (1)");
            }
        });
        assertEquals(3, closedStale.size(), "each dead connection given back, so that the pool drops it");
        int rows = transactions.read("count", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertEquals(1, rows);
    }

    @Test
    void aPoolOfNothingButDeadConnectionsIsAStoreErrorNotALoop() {
        Transactions transactions = new Transactions(this::stale);
        StoreException e = assertThrows(StoreException.class, () -> transactions.read("read", c -> 1));
        assertTrue(e.getMessage().contains("no connection from the pool answered"), e.getMessage());
        assertEquals(Transactions.MAX_STALE, closedStale.size());
    }

    @Test
    void whileTheDatabaseIsDownTheOpenFailureItselfIsReported() {
        Transactions transactions = new Transactions(() -> {
            throw new SQLException("Connection refused", "08001");
        });
        StoreException e = assertThrows(StoreException.class, () -> transactions.inTransaction("save", c -> 1));
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }
}
