package org.federationgateway.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.federationgateway.testing.Ports;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The harness itself: dnsmasq on loopback answers dnsjava with exactly the records it was given. */
class PeersDnsIT {

    @Test
    void answersSrvAAndAaaaAndNxdomainForTheRest() throws Exception {
        long pid;
        try (DnsPeer dns = DnsPeer.builder()
                .srv("_xmpp-server._tcp.b.test", "xmpp.b.test", 5270, 0, 5)
                .host("xmpp.b.test", TestNetwork.B_TEST_IP, "::1")
                .host("b.test", TestNetwork.B_TEST_IP)
                .start()) {
            pid = dns.pid();
            SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(dns.address()));
            resolver.setPort(dns.port());
            resolver.setTimeout(Duration.ofSeconds(3));

            List<Record> srv = lookup(resolver, "_xmpp-server._tcp.b.test", Type.SRV);
            assertEquals(1, srv.size(), srv::toString);
            SRVRecord record = (SRVRecord) srv.get(0);
            assertEquals("xmpp.b.test.", record.getTarget().toString());
            assertEquals(5270, record.getPort());
            assertEquals(0, record.getPriority());
            assertEquals(5, record.getWeight());

            assertEquals(InetAddress.getByName(TestNetwork.B_TEST_IP), ((ARecord) lookup(resolver, "b.test", Type.A).get(0)).getAddress());
            assertEquals(InetAddress.getByName("::1"), ((AAAARecord) lookup(resolver, "xmpp.b.test", Type.AAAA).get(0)).getAddress());

            Lookup missing = lookupOf(resolver, "_xmpp-server._tcp.nowhere.test", Type.SRV);
            missing.run();
            assertEquals(Lookup.HOST_NOT_FOUND, missing.getResult(), missing.getErrorString());

            assertTrue(dns.log().contains("query[SRV] _xmpp-server._tcp.b.test"), dns::log);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "dnsmasq " + pid + " still runs");
    }

    private static List<Record> lookup(SimpleResolver resolver, String name, int type) throws Exception {
        Lookup lookup = lookupOf(resolver, name, type);
        Record[] records = lookup.run();
        assertEquals(Lookup.SUCCESSFUL, lookup.getResult(), name + " " + Type.string(type) + ": " + lookup.getErrorString());
        return Arrays.asList(records);
    }

    private static Lookup lookupOf(SimpleResolver resolver, String name, int type) throws Exception {
        Ports.requireLoopback(resolver.getAddress().getAddress().getHostAddress());
        Lookup lookup = new Lookup(Name.fromString(name, Name.root), type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(new Cache()); // a private cache: the global one would carry answers from test to test
        return lookup;
    }
}
