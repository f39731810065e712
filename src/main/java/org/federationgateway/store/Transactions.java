package org.federationgateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Runs work in one database transaction: committed when it returns, rolled back when it throws. An
 * administrative change is one call, so either all of it is stored or none.
 */
public final class Transactions {
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Stale connections a pool may hold at most (Openfire's pool keeps up to its maxConnections), plus one. */
    static final int MAX_STALE = 64;
    private static final int VALID_WITHIN_SECONDS = 5;

    private final ConnectionSource connections;

    public Transactions(ConnectionSource connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /**
     * A connection that answers. After the database was restarted, a pool (Openfire's does not test connections
     * unless told to) still holds connections to the server that went away; the first change after the restart
     * would fail on one of them. Each such connection is closed, which makes the pool drop it, and the next one is
     * asked for, until one answers or the pool opens a new one (which fails at once while the database is down).
     */
    private Connection open() throws SQLException {
        for (int stale = 0; stale < MAX_STALE; stale++) {
            Connection c = connections.open();
            boolean valid;
            try {
                valid = c.isValid(VALID_WITHIN_SECONDS);
            } catch (SQLException | RuntimeException e) {
                valid = false;
            }
            if (valid) {
                return c;
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is broken already; the pool drops it
            }
        }
        throw new SQLException("no connection from the pool answered after " + MAX_STALE + " attempts", "08001");
    }

    public <T> T inTransaction(String operation, Work<T> work) {
        try (Connection c = open()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    public <T> T read(String operation, Work<T> work) {
        try (Connection c = open()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
