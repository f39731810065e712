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

    private final ConnectionSource connections;

    public Transactions(ConnectionSource connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    public <T> T inTransaction(String operation, Work<T> work) {
        try (Connection c = connections.open()) {
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
        try (Connection c = connections.open()) {
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
