package org.federationgateway.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.federationgateway.testing.Ports;
import org.junit.jupiter.api.Test;

/** The harness itself: a throwaway PostgreSQL cluster starts, serves its database over JDBC, and leaves nothing behind. */
class PeersPostgresIT {

    @Test
    void startsServesJdbcAndStopsCompletely() throws Exception {
        long pid;
        String dataDirectory;
        String address;
        int port;
        try (PostgresPeer postgres = PostgresPeer.start()) {
            pid = postgres.pid();
            dataDirectory = postgres.dataDirectory().toString();
            address = postgres.address();
            port = postgres.port();
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE probe (id INT PRIMARY KEY, name TEXT NOT NULL)");
                s.execute("INSERT INTO probe VALUES (1, 'a.test')");
                try (ResultSet r = s.executeQuery("SELECT current_user, current_database(), version(), (SELECT name FROM probe)")) {
                    assertTrue(r.next());
                    assertEquals("fgw", r.getString(1));
                    assertEquals("fgw", r.getString(2));
                    assertTrue(r.getString(3).startsWith("PostgreSQL 15"), r.getString(3));
                    assertEquals("a.test", r.getString(4));
                }
            }
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postmaster " + pid + " still runs");
        assertFalse(Ports.isOpen(address, port), "port still open");
        List<String> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(dataDirectory)).orElse(false)
                        || p.parent().map(parent -> parent.pid() == pid).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
        assertEquals(List.of(), leftovers, "processes left behind by the cluster");
    }
}
