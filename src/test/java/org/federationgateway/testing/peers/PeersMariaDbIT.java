package org.federationgateway.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.federationgateway.testing.Ports;
import org.junit.jupiter.api.Test;

/** The harness itself: a throwaway MariaDB server starts on its loopback address, serves JDBC, and stops completely. */
class PeersMariaDbIT {

    @Test
    void startsServesJdbcAndStopsCompletely() throws Exception {
        long pid;
        String address;
        int port;
        try (MariaDbPeer mariadb = MariaDbPeer.start()) {
            pid = mariadb.pid();
            address = mariadb.address();
            port = mariadb.port();
            mariadb.createDatabase("probe");
            try (Connection c = mariadb.connect("probe"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE probe (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
                s.execute("INSERT INTO probe VALUES (1, 'a.test')");
                try (ResultSet r = s.executeQuery("SELECT CURRENT_USER(), DATABASE(), VERSION(), (SELECT name FROM probe)")) {
                    assertTrue(r.next());
                    assertEquals("fgw@127.%", r.getString(1));
                    assertEquals("probe", r.getString(2));
                    assertTrue(r.getString(3).contains("MariaDB"), r.getString(3));
                    assertEquals("a.test", r.getString(4));
                }
            }
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "mariadbd " + pid + " still runs");
        assertFalse(Ports.isOpen(address, port), "port still open");
    }
}
