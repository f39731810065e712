package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.federationgateway.api.Api;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.LocalParty;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.ReasonCode;
import org.federationgateway.policy.StanzaFacts;
import org.federationgateway.policy.StanzaKind;
import org.federationgateway.store.Database;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.store.StoreException;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.openfire.AdminConsole;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.PostgresPeer;
import org.federationgateway.testing.web.AdminWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database stopped (by its PID) while an administrator saves a change, on a real PostgreSQL: the plugin's pages
 * served as in Openfire, over the plugin's schema, with a connection per transaction as the standalone gateway opens
 * them. The page says the change was not saved, nothing of it is stored, enforcement goes on with the last committed
 * policy, nothing is audited, and once the database is back the next save works without a restart.
 * (On Openfire's own connection pool: {@code RealOpenfireDatabasesIT}.)
 */
class DatabaseStoppedWhileSavingIT {
    private static final String WEB = "127.0.81.1";
    private static final String DB = "127.0.81.5";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NOT_SAVED = "The database refused the change, so nothing was saved";
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    private PostgresPeer database;
    private PolicyService policy;
    private AdminWebServer server;
    private AdminConsole console;
    private final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = PostgresPeer.start(DB, "fgw", "fgw", "fgw", PeerDirectories.fresh("db-stopped/postgres"), true);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.forDatabase(Database.POSTGRESQL, getClass().getClassLoader()).run(c);
        }
        policy = PolicyService.load(new Transactions(() -> DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())),
                GatewaySettings.defaults(), false);
        BundleMessages messages = new BundleMessages(Locale.ENGLISH, getClass().getClassLoader());
        AtomicReference<Pages> pages = new AtomicReference<>();
        Map<String, PageController> controllers = Map.of(
                "partners", new PartnersPage(policy, messages),
                "partner-edit", new PartnerEditPage(policy, messages),
                "policies", new PoliciesPage(policy, user -> List.of(), messages));
        pages.set(new Pages(controllers, messages,
                new AdminChanges(() -> Api.auditState(policy, pages.get()), (who, what, details) -> audit.add(what + "\n" + details))));
        server = AdminWebServer.start(WEB, pages.get(), null);
        console = new AdminConsole(server.base());

        // The last committed policy: b.test is a partner, and federation is on for everyone.
        assertEquals(302, console.submit("/partner-edit.jsp", AdminConsole.partnerForm("b.test", "required", "required")).status());
        assertEquals(302, console.submit("/policies.jsp", Map.of("action", "save-policy", "name", "global", "xmppAccess", "true")).status());
        assertEquals(2, audit.size());
        audit.clear();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static Decision inbound(PolicyService policy, String from) {
        return EVALUATOR.evaluate(policy.current(), new StanzaFacts(Direction.INBOUND, from, LocalParty.USER, "alice", StanzaKind.MESSAGE, false));
    }

    private void assertOldPolicyInForce() {
        assertEquals(Decision.ALLOW, inbound(policy, "b.test"), "the partner committed before keeps federating");
        assertEquals(Decision.deny(ReasonCode.NOT_A_PARTNER), inbound(policy, "c.test"), "the partner that was not saved is not in force");
        assertEquals(List.of("b.test"), policy.current().partners().stream().map(p -> p.primaryDomain().value()).toList());
        assertTrue(policy.current().effectiveForUser("alice", List.of()).policy().xmppAccess(), "the global policy as committed");
    }

    /** What is stored, read directly: the partners' domains, the global policy's XMPP access and the generation. */
    private List<String> stored() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT primaryDomain FROM fgwPartner ORDER BY primaryDomain")) {
                while (r.next()) {
                    rows.add("partner " + r.getString(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT xmppAccess FROM fgwAccessPolicy WHERE name = 'global'")) {
                r.next();
                rows.add("global xmppAccess " + r.getInt(1));
            }
            try (ResultSet r = s.executeQuery("SELECT generation FROM fgwPolicyGeneration")) {
                r.next();
                rows.add("generation " + r.getLong(1));
            }
        }
        return rows;
    }

    private void assertNotSavedPage(AdminConsole.Page page) {
        assertEquals(200, page.status(), "the form is shown again, not a redirect to 'saved'");
        assertTrue(page.body().contains(NOT_SAVED), page.body());
    }

    @Test
    void savesWhileTheDatabaseIsStoppedSayNotSavedAndTheNextSaveAfterItsRestartWorks() throws Exception {
        List<String> before = stored();
        assertEquals(List.of("partner b.test", "global xmppAccess 1", "generation 2"), before);
        database.stopImmediately();
        assertFalse(database.isRunning());
        // The pages still open (they show the running policy); every save is refused.
        assertNotSavedPage(console.submit("/partner-edit.jsp", AdminConsole.partnerForm("c.test", "required", "required")));
        assertNotSavedPage(console.submit("/policies.jsp", Map.of("action", "save-policy", "name", "global")));
        assertNotSavedPage(console.submit("/partners.jsp", Map.of("action", "delete", "domain", "b.test")));
        assertOldPolicyInForce();
        assertTrue(policy.current().effectiveForUser("alice", List.of()).policy().xmppAccess(), "the global policy unchanged: XMPP access still on");
        assertThrows(StoreException.class, policy::reloadIfChanged, "the periodic check sees the database gone");
        assertOldPolicyInForce();
        assertEquals(List.of(), audit, "nothing saved, nothing audited");

        database.restart();
        assertEquals(before, stored(), "nothing of the refused saves reached the database");
        AdminConsole.Page saved = console.submit("/partner-edit.jsp", AdminConsole.partnerForm("c.test", "required", "required"));
        assertEquals(302, saved.status(), "the next save works without a restart: " + saved.body());
        assertEquals(Decision.ALLOW, inbound(policy, "c.test"));
        assertEquals(List.of("partner b.test", "partner c.test", "global xmppAccess 1", "generation 3"), stored());
        assertEquals(1, audit.size(), "the save that worked is audited, once");
        assertTrue(audit.get(0).contains("added partner:c.test"), audit.get(0));
    }

    @Test
    void theDatabaseStoppedInTheMiddleOfABulkChangeLeavesNothingHalfSaved() throws Exception {
        for (String d : List.of("c.test", "d.test", "e.test")) {
            assertEquals(302, console.submit("/partner-edit.jsp", AdminConsole.partnerForm(d, "required", "required")).status());
        }
        audit.clear();
        List<String> before = stored();
        assertEquals(List.of("partner b.test", "partner c.test", "partner d.test", "partner e.test", "global xmppAccess 1", "generation 5"), before);

        // Another session holds the generation row: the bulk change writes every partner, then waits there, uncommitted.
        Connection holder = database.connect();
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.executeQuery("SELECT generation FROM fgwPolicyGeneration WHERE id = 1 FOR UPDATE").close();
        }
        CompletableFuture<AdminConsole.Page> bulk = CompletableFuture.supplyAsync(
                () -> console.submit("/partners.jsp", Map.of("action", "bulk-sasl", "sasl", "not-supported")));
        OpenfireServer.await("the bulk change to have written its rows and wait for the generation", TIMEOUT, () -> waitingOnALock() == 1);

        database.stopImmediately();
        AdminConsole.Page page = bulk.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertNotSavedPage(page);
        assertTrue(policy.current().partners().stream().allMatch(p -> p.rules().sasl().code().equals("required")),
                "the running policy keeps every partner's SASL rule");
        assertEquals(Decision.ALLOW, inbound(policy, "e.test"));
        assertEquals(List.of(), audit);

        database.restart();
        assertEquals(before, stored(), "no partner deleted or rewritten, the generation not raised");
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM fgwPartner WHERE saslNegotiation <> 'required'")) {
            r.next();
            assertEquals(0, r.getInt(1), "no partner half-changed");
        }
        assertEquals(302, console.submit("/partners.jsp", Map.of("action", "bulk-sasl", "sasl", "not-supported")).status());
        assertTrue(policy.current().partners().stream().allMatch(p -> p.rules().sasl().code().equals("not-supported")));
        assertEquals(1, audit.size());
    }

    private int waitingOnALock() {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = 'fgw' AND wait_event_type = 'Lock'")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
