package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.IssuedCertificate;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.MariaDbPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.PostgresPeer;
import org.federationgateway.testing.peers.ProsodyPeer;
import org.federationgateway.testing.peers.S2sMode;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.TestCertificates;
import org.federationgateway.testing.peers.TestHosts;
import org.federationgateway.testing.peers.XmppAccount;
import org.federationgateway.testing.peers.XmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES): Openfire itself in standard database mode on PostgreSQL and on MariaDB,
 * with the JDBC drivers Openfire ships in lib/ (PostgreSQL's; MariaDB's from 5.1 on, MySQL Connector/J before), set up headless, the plugin installed. What the administrator saved on
 * the plugin's pages (partners, policies and an assignment, the gateway settings) is in the database and survives an
 * Openfire restart. On PostgreSQL the database is also stopped by its PID while a change is saved: the page says it
 * was not saved, and once the database is back the next save works through Openfire's connection pool, without a
 * restart. On both databases the SIP bridge runs (a Prosody partner b.test, a phone registered at Kamailio): presence
 * subscriptions made through it in both directions are rows of fgwSubscription in Openfire's database, the same rows
 * after the restart, and presence flows again in both directions over the restored dialogs.
 */
@EachOpenfire
class RealOpenfireDatabasesIT {
    private static final String NAME = "federationgateway";
    private static final String PAGES = "/plugins/" + NAME + "/";
    private static final String OPENFIRE = "127.0.82.1";
    private static final String POSTGRES = "127.0.82.5";
    private static final String MARIADB = "127.0.82.6";
    private static final String PARTNER = "127.0.82.2";
    private static final String SIP_FRONT_END = "127.0.82.3";
    private static final String PHONE = "127.0.82.10";
    private static final TestHosts HOSTS = TestHosts.builder().add("a.test", OPENFIRE).add("b.test", PARTNER).build();
    private static final String PIDF = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
              <tuple id="phone"><status><basic>open</basic></status><note>%s</note></tuple>
            </presence>""";
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NOT_SAVED = "The database refused the change, so nothing was saved";

    @Parameter
    OpenfireInstallation openfireUnderTest;

    @FunctionalInterface
    private interface Sql {
        Connection open() throws SQLException;
    }

    @Test
    void onPostgreSqlWhatWasSavedSurvivesARestartAndADatabaseStoppedWhileSavingLosesNothing() throws Exception {
        try (PostgresPeer db = PostgresPeer.start(POSTGRES, "openfire", "openfire", "secret",
                PeerDirectories.fresh("openfire-databases/postgres"), true);
             SipSide sip = SipSide.start("postgresql")) {
            OpenfireServer server = start("postgresql", new OpenfireServer.StandardDatabase("org.postgresql.Driver", db.jdbcUrl(), "openfire", "secret"), sip);
            try {
                AdminConsole console = console(server);
                saveEverything(console);
                assertStored(db::connect);

                db.stopImmediately();
                AdminConsole.Page refused = console.submit(PAGES + "partner-edit.jsp", AdminConsole.partnerForm("c.test", "required", "required"));
                assertEquals(200, refused.status(), "the form again, not 'saved'");
                assertTrue(refused.body().contains(NOT_SAVED), refused.body());
                assertFalse(console.get(PAGES + "partners.jsp").body().contains("c.test"), "the refused partner is not in force");
                assertTrue(console.get(PAGES + "partners.jsp").body().contains("b.test"), "the committed one still is");

                db.restart();
                AdminConsole.Page saved = console.submit(PAGES + "partner-edit.jsp", AdminConsole.partnerForm("c.test", "required", "required"));
                assertEquals(302, saved.status(), "the first save after the database came back: " + saved.body());
                assertEquals(List.of("b.test", "c.test"), partners(db::connect));

                sip.startPartner();
                try (SipUserAgent romeo = sip.phone(); XmppClient juliet = sip.juliet()) {
                    List<String> before = subscribeBothWays(romeo, juliet, db::connect);
                    server.close();
                    server.restart(START);
                    assertSurvived(server, List.of("b.test", "c.test"));
                    assertSubscriptionsSurvived(romeo, juliet, db::connect, before);
                }
            } finally {
                server.close();
            }
        }
    }

    @Test
    void onMariaDbWhatWasSavedSurvivesARestart() throws Exception {
        try (MariaDbPeer db = MariaDbPeer.start(MARIADB, "openfire", "secret", PeerDirectories.fresh("openfire-databases/mariadb"));
             SipSide sip = SipSide.start("mariadb")) {
            db.createDatabase("openfire");
            OpenfireServer server = start("mariadb", mariaDbDriver(db), sip);
            try {
                saveEverything(console(server));
                assertStored(() -> db.connect("openfire"));
                sip.startPartner();
                try (SipUserAgent romeo = sip.phone(); XmppClient juliet = sip.juliet()) {
                    List<String> before = subscribeBothWays(romeo, juliet, () -> db.connect("openfire"));
                    server.close();
                    server.restart(START);
                    assertSurvived(server, List.of("b.test"));
                    assertSubscriptionsSurvived(romeo, juliet, () -> db.connect("openfire"), before);
                }
            } finally {
                server.close();
            }
        }
    }

    /**
     * The MariaDB driver where the installation ships it (Openfire 5.1 and later), else MySQL Connector/J, the only one
     * Openfire 5.0 ships, which speaks to MariaDB as well.
     */
    private OpenfireServer.StandardDatabase mariaDbDriver(MariaDbPeer db) throws java.io.IOException {
        try (java.util.stream.Stream<Path> lib = java.nio.file.Files.list(openfireUnderTest.require().resolve("lib"))) {
            boolean shipsMariaDb = lib.anyMatch(f -> f.getFileName().toString().startsWith("mariadb-java-client"));
            return shipsMariaDb
                    ? new OpenfireServer.StandardDatabase("org.mariadb.jdbc.Driver", db.jdbcUrl("openfire"), "openfire", "secret")
                    : new OpenfireServer.StandardDatabase("com.mysql.cj.jdbc.Driver", "jdbc:mysql://" + db.address() + ":" + db.port() + "/openfire",
                            "openfire", "secret");
        }
    }

    private OpenfireServer start(String label, OpenfireServer.StandardDatabase database, SipSide sip) {
        Path installation = openfireUnderTest.require();
        OpenfireServer server = OpenfireServer.prepareOnDatabase(installation,
                PluginRoot.resolve("target/openfire-it/" + openfireUnderTest.label() + "/on-" + label), OPENFIRE, "a.test",
                "{b.test," + PARTNER + ":5269}", database);
        IssuedCertificate own = sip.certificates.issue("a.test");
        server.useCertificate(own.pkcs12(), own.pkcs12Password(), IssuedCertificate.KEY_ALIAS, sip.certificates.caCertificatePem());
        server.start(START);
        AdminConsole console = console(server);
        // The SIP settings are read when the plugin starts, so they go in before it is installed.
        Map.of("enabled", "true", "listen.address", OPENFIRE, "listen.port", "5060", "listen.transports", "udp",
                        "frontEnd.host", SIP_FRONT_END, "frontEnd.port", "5060", "frontEnd.transport", "udp")
                .forEach((k, v) -> console.setSystemProperty("federationgateway.sip." + k, v));
        Path jar = Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/" + NAME + ".jar").toString()));
        server.installPluginAndAwait(jar, NAME, "Federation Gateway " + BuildInfo.version() + " loaded", Duration.ofSeconds(90));
        return server;
    }

    /** The SIP side of a run: Kamailio in front of the plugin's SIP endpoint, the partner b.test (Prosody), a phone. */
    private static final class SipSide implements AutoCloseable {
        final TestCertificates certificates;
        final KamailioPeer kamailio;
        private final String label;
        private ProsodyPeer partner;

        private SipSide(String label) {
            this.label = label;
            certificates = TestCertificates.create(PeerDirectories.fresh("openfire-databases/" + label + "-certs"));
            kamailio = KamailioPeer.builder("a.test", SIP_FRONT_END).gateway(OPENFIRE, 5060, "udp")
                    .directory(PeerDirectories.fresh("openfire-databases/" + label + "-kamailio")).start();
        }

        static SipSide start(String label) {
            return new SipSide(label);
        }

        /** b.test, once Openfire knows it as a partner (its stream to a.test is then allowed). */
        void startPartner() {
            partner = ProsodyPeer.builder("b.test", PARTNER).mode(S2sMode.SECURE).tls(certificates, certificates.issue("b.test")).hosts(HOSTS)
                    .account("juliet", "secret").directory(PeerDirectories.fresh("openfire-databases/" + label + "-b.test")).start();
        }

        SipUserAgent phone() {
            SipUserAgent romeo = new SipUserAgent("romeo", "a.test", PHONE, 5080, "udp", SIP_FRONT_END + ":5060");
            assertEquals(200, romeo.register(600), "romeo registers at Kamailio");
            return romeo;
        }

        XmppClient juliet() {
            return XmppClient.connect(partner.clientSettings(new XmppAccount("juliet", "b.test", "secret")));
        }

        @Override
        public void close() {
            for (AutoCloseable c : new AutoCloseable[] {partner, kamailio}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception ignored) {
                    // keep stopping the others
                }
            }
        }
    }

    /**
     * juliet@b.test watches the phone (the plugin subscribes at Kamailio's presence server) and the phone watches juliet
     * (the plugin is its presence agent): each is a row of fgwSubscription in Openfire's database.
     *
     * @return the rows, as kind|xmppUser|sipUser|callId
     */
    private static List<String> subscribeBothWays(SipUserAgent romeo, XmppClient juliet, Sql sql) throws SQLException {
        assertEquals(200, romeo.publish(PIDF.formatted("Before the restart"), 600));
        juliet.requestSubscription("romeo@a.test");
        juliet.awaitSubscribedTo("romeo@a.test", TIMEOUT);
        juliet.awaitPresence(p -> p.getFrom().asBareJid().toString().equals("romeo@a.test") && p.isAvailable()
                && "Before the restart".equals(p.getStatus()), "romeo's presence from SIP", TIMEOUT);

        assertEquals(200, romeo.subscribe("sip:juliet@b.test", 600));
        juliet.approve("romeo@a.test", TIMEOUT);
        romeo.awaitNotify("active", body -> body.contains("<basic>open</basic>"), TIMEOUT);

        List<String> rows = subscriptions(sql);
        assertEquals(2, rows.size(), "one row per direction: " + rows);
        assertTrue(rows.get(0).startsWith("s2x|juliet@b.test|romeo@a.test|"), rows.toString());
        assertTrue(rows.get(1).startsWith("x2s|juliet@b.test|romeo@a.test|"), rows.toString());
        return rows;
    }

    /**
     * After the restart the same rows (same Call-IDs: the dialogs were restored, not made again), and presence flows in
     * both directions over them: the phone's new state reaches juliet, juliet's new state reaches the phone.
     */
    private static void assertSubscriptionsSurvived(SipUserAgent romeo, XmppClient juliet, Sql sql, List<String> before) throws SQLException {
        OpenfireServer.await("the plugin's subscriptions restored", TIMEOUT, () -> {
            try {
                return subscriptions(sql).equals(before);
            } catch (SQLException e) {
                return false;
            }
        });
        assertEquals(200, romeo.publish(PIDF.formatted("After the restart"), 600));
        juliet.awaitPresence(p -> p.getFrom().asBareJid().toString().equals("romeo@a.test") && p.isAvailable()
                && "After the restart".equals(p.getStatus()), "romeo's new presence after the restart", TIMEOUT);

        juliet.send(juliet.connection().getStanzaFactory().buildPresenceStanza().ofType(org.jivesoftware.smack.packet.Presence.Type.available)
                .setStatus("Juliet after the restart").build());
        romeo.awaitNotify("active", body -> body.contains("Juliet after the restart"), TIMEOUT);
        assertEquals(before, subscriptions(sql), "still the same rows");
    }

    private static List<String> subscriptions(Sql sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = sql.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT kind, xmppUser, sipUser, callId FROM fgwSubscription ORDER BY kind, xmppUser, sipUser")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4));
            }
        }
        return rows;
    }

    private static AdminConsole console(OpenfireServer server) {
        AdminConsole console = new AdminConsole(server.adminUrl());
        console.loginWhenReady("admin", "adminpw", TIMEOUT);
        return console;
    }

    private static void saveEverything(AdminConsole console) {
        assertSaved(console.submit(PAGES + "partner-edit.jsp", AdminConsole.partnerForm("b.test", "required", "optional")));
        assertSaved(console.submit(PAGES + "policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")));
        assertSaved(console.submit(PAGES + "policies.jsp", Map.of("action", "save-policy", "name", "sales", "description", "Sales team",
                "xmppAccess", "true", "federationAccess", "true")));
        assertSaved(console.submit(PAGES + "policies.jsp", Map.of("action", "assign", "kind", "user", "subject", "alice", "policy", "sales")));
        assertSaved(console.submit(PAGES + "gateway-settings.jsp", gatewaySettings()));
    }

    private static Map<String, String> gatewaySettings() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("connectionLimit", "321");
        form.put("partnerConnectionLimit", "17");
        form.put("keepAliveInterval", "240");
        form.put("streamEstablishmentTimeout", "45");
        form.put("streamInactivityTimeout", "900");
        form.put("subscriptionRefresh", "7200");
        form.put("mode", "enforce");
        form.put("save", "Save");
        return form;
    }

    private static void assertSaved(AdminConsole.Page page) {
        assertEquals(302, page.status(), "saved (redirect after success): " + page.body());
    }

    /** Read directly from the database Openfire uses: the plugin's tables and Openfire's property table. */
    private static void assertStored(Sql sql) throws SQLException {
        assertEquals(List.of("b.test"), partners(sql));
        try (Connection c = sql.open(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT policy FROM fgwPolicyAssignment WHERE subject = 'alice'")) {
                assertTrue(r.next(), "alice's assignment is stored");
                assertEquals("sales", r.getString(1));
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM ofProperty WHERE name LIKE 'federationgateway.%' AND propValue = '321'")) {
                r.next();
                assertEquals(1, r.getInt(1), "the connection limit is one of Openfire's properties in the same database");
            }
        }
    }

    private static List<String> partners(Sql sql) throws SQLException {
        List<String> domains = new ArrayList<>();
        try (Connection c = sql.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT primaryDomain FROM fgwPartner ORDER BY primaryDomain")) {
            while (r.next()) {
                domains.add(r.getString(1));
            }
        }
        return domains;
    }

    private static void assertSurvived(OpenfireServer server, List<String> partners) {
        AdminConsole console = console(server);
        OpenfireServer.await("the plugin loaded again after the restart", Duration.ofSeconds(90),
                () -> server.openfireLog().lines().filter(l -> l.contains("Federation Gateway " + BuildInfo.version() + " loaded")).count() >= 2);
        String listed = console.get(PAGES + "partners.jsp").body();
        for (String p : partners) {
            assertTrue(listed.contains(p), "partner " + p + " after the restart:\n" + listed);
        }
        String policies = console.get(PAGES + "policies.jsp").body();
        assertTrue(policies.contains("Sales team") && policies.contains("alice"), "the policy and its assignment after the restart:\n" + policies);
        assertTrue(console.get(PAGES + "gateway-settings.jsp").body().contains("value=\"321\""), "the gateway settings after the restart");
        assertFalse(server.openfireLog().contains("NoSuchMethodError"));
    }
}
