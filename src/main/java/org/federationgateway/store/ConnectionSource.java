package org.federationgateway.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Where connections come from: Openfire's pool inside Openfire, a plain JDBC URL in the standalone gateway. */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
