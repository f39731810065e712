package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.federationgateway.store.Transactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone gateway's default database is a file HSQLDB with {@code shutdown=true}: the database closes when its
 * last connection closes. With a connection per transaction, two transactions that overlap a close raced ("Database
 * lock acquisition failure: attempt to connect while db opening /closing") and the stanza's change was lost.
 */
class DatabaseConcurrencyTest {
    private static final int THREADS = 3;
    private static final int TRANSACTIONS_EACH = 150;

    @Test
    void concurrentTransactionsOnTheDefaultFileDatabaseAllCommit(@TempDir Path dir) throws Exception {
        StandaloneConfig config = config(dir);
        assertTrue(config.jdbcUrl().contains("shutdown=true"), "the test runs the default URL's shutdown behaviour");
        try (StandaloneDatabase db = StandaloneDatabase.open(config)) {
            Transactions tx = db.transactions();
            tx.inTransaction("create", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE race_probe (thread_no INTEGER, seq INTEGER)");
                }
                return null;
            });
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int threadNo = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TRANSACTIONS_EACH; i++) {
                        int seq = i;
                        try {
                            tx.inTransaction("insert", c -> {
                                try (PreparedStatement ps = c.prepareStatement("INSERT INTO race_probe VALUES (?, ?)")) {
                                    ps.setInt(1, threadNo);
                                    ps.setInt(2, seq);
                                    ps.executeUpdate();
                                }
                                return null;
                            });
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
            int rows = tx.read("count", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM race_probe")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(THREADS * TRANSACTIONS_EACH, rows);
        }
        // Closed cleanly: the files can be opened again and still hold every row.
        try (StandaloneDatabase again = StandaloneDatabase.open(config(dir))) {
            int rows = again.transactions().read("count", c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM race_probe")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(THREADS * TRANSACTIONS_EACH, rows);
        }
    }

    private static StandaloneConfig config(Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("component.domain", "sip.a.test");
        p.setProperty("component.server.host", "127.0.0.1");
        p.setProperty("component.secret", "secret");
        p.setProperty("sip.frontEnd.host", "127.0.0.1");
        StandaloneConfig defaults = StandaloneConfig.from(p);
        String url = defaults.jdbcUrl().replace("gateway-db/", dir.resolve("gateway-db").toString().replace('\\', '/') + "/");
        Files.createDirectories(dir.resolve("gateway-db"));
        return new StandaloneConfig(defaults.component(), defaults.sip(), url, defaults.dbUser(), defaults.dbPassword(),
                defaults.partners(), defaults.globalXmppAccess(), defaults.subscriptionExpiry(), defaults.capacity());
    }
}
