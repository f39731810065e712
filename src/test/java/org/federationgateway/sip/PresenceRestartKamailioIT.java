package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.federationgateway.audit.Audit;
import org.federationgateway.bridge.SipBridge;
import org.federationgateway.gateway.InMemorySubscriptions;
import org.federationgateway.store.ConnectionSource;
import org.federationgateway.store.Database;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.store.SubscriptionRepository;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.TestBridges;
import org.federationgateway.testing.peers.KamailioPeer;
import org.federationgateway.testing.peers.PeerDirectories;
import org.federationgateway.testing.peers.SipUserAgent;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * A partner user's subscription to a SIP phone survives a gateway restart: stored in the database, refreshed
 * in the same dialog at Kamailio after the restart, and later changes still reach the partner user.
 */
class PresenceRestartKamailioIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String KAMAILIO = "127.0.75.1";
    private static final String GATEWAY = "127.0.75.2";
    private static final int GATEWAY_PORT = 5070;
    private static final String PIDF = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:romeo@a.test">
              <tuple id="phone"><status><basic>open</basic></status><note>%s</note></tuple>
            </presence>""";

    private final List<Packet> toXmpp = new CopyOnWriteArrayList<>();

    /** One gateway over the given database, assembled as every host assembles it (it restores its subscriptions on start). */
    private SipBridge gateway(ConnectionSource db) throws Exception {
        return TestBridges.start(TestBridges.settings(GATEWAY, GATEWAY_PORT, List.of("udp"), KAMAILIO, KamailioPeer.PORT, "udp",
                        Duration.ofSeconds(1), null), TestBridges.federatedPartnerBTest(), toXmpp::add, new Audit(10),
                new InMemorySubscriptions(new SubscriptionRepository(new Transactions(db))), "restart-it-" + UUID.randomUUID());
    }

    private Presence awaitPresence(Predicate<Presence> matching, String what) {
        return TestBridges.take(toXmpp, Presence.class, matching, what, TIMEOUT);
    }

    private static ConnectionSource database() throws Exception {
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        try (var c = DriverManager.getConnection(url, "SA", ""); var s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(java.nio.file.Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
        }
        return () -> DriverManager.getConnection(url, "SA", "");
    }

    private static Predicate<Presence> statusFromRomeo(String status) {
        return p -> p.getType() == null && "romeo@a.test".equals(p.getFrom().toBareJID()) && status.equals(p.getStatus());
    }

    @Test
    void aSubscriptionIsKeptAcrossAGatewayRestart() throws Exception {
        ConnectionSource db = database();
        try (KamailioPeer kamailio = KamailioPeer.builder("a.test", KAMAILIO).gateway(GATEWAY, GATEWAY_PORT, "udp")
                .directory(PeerDirectories.fresh("kamailio-restart")).start();
             SipUserAgent romeo = new SipUserAgent("romeo", "a.test", "127.0.75.10", 5080, "udp", KAMAILIO + ":5060")) {
            assertEquals(200, romeo.register(300));
            assertEquals(200, romeo.publish(PIDF.formatted("before"), 300));
            try (SipBridge first = gateway(db)) {
                Presence subscribe = new Presence(Presence.Type.subscribe);
                subscribe.setFrom(new JID("juliet@b.test/balcony"));
                subscribe.setTo(new JID("romeo@a.test"));
                first.accept(subscribe);
                awaitPresence(p -> p.getType() == Presence.Type.subscribed, "subscribed");
                awaitPresence(statusFromRomeo("before"), "romeo's presence before the restart");
            }
            // Counted before the restart: a new subscription would add a SUBSCRIBE to romeo's address of record, while
            // UDP retransmissions of the first one (a loaded machine) are already in this count.
            long initialSubscribes = kamailio.log().lines().filter(l -> l.contains("SUBSCRIBE sip:romeo@a.test from")).count();
            try (SipBridge second = gateway(db)) {
                awaitPresence(statusFromRomeo("before"), "the state again after the refresh in the stored dialog");
                assertEquals(200, romeo.publish(PIDF.formatted("after"), 300));
                awaitPresence(statusFromRomeo("after"), "a change after the restart");
            }
            assertTrue(initialSubscribes >= 1, "the first subscription reached Kamailio");
            assertEquals(initialSubscribes, kamailio.log().lines().filter(l -> l.contains("SUBSCRIBE sip:romeo@a.test from")).count(),
                    "after the restart the stored dialog was refreshed, not a new subscription made");
        }
    }
}
