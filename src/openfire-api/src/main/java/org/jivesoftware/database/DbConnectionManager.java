package org.jivesoftware.database;

import java.sql.Connection;
import java.sql.SQLException;

/** Stand-in for Openfire 5's DbConnectionManager (declarations only). */
public class DbConnectionManager {
    public static Connection getConnection() throws SQLException { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
