package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

import org.federationgateway.testing.peers.DnsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;

/** RFC 3263 §4 server location against a real DNS server (dnsmasq on loopback) serving NAPTR, SRV and A records. */
class FrontEndLocatorDnsIT {
    private static DnsPeer dns;
    private static FrontEndLocator locator;

    @BeforeAll
    static void start() throws Exception {
        dns = DnsPeer.builder("127.0.76.53")
                // naptr.test: TCP preferred by order, both offered
                .naptr("naptr.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.naptr.test")
                .naptr("naptr.test", 20, 10, "s", "SIP+D2U", "_sip._udp.naptr.test")
                .srv("_sip._tcp.naptr.test", "proxy.naptr.test", 5062, 0, 1)
                .srv("_sip._udp.naptr.test", "proxy.naptr.test", 5061, 0, 1)
                .host("proxy.naptr.test", "127.0.76.10")
                // srv.test: no NAPTR, SRV for UDP with two priorities
                .srv("_sip._udp.srv.test", "backup.srv.test", 5070, 20, 1)
                .srv("_sip._udp.srv.test", "main.srv.test", 5080, 10, 1)
                .host("main.srv.test", "127.0.76.11")
                .host("backup.srv.test", "127.0.76.12")
                // plain.test: only an A record
                .host("plain.test", "127.0.76.13")
                .localDomains("test")
                .start();
        SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(dns.address()));
        resolver.setPort(dns.port());
        resolver.setTimeout(Duration.ofSeconds(3));
        locator = new FrontEndLocator(resolver);
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void naptrPicksTheTransportInOrderThenSrvThenA() {
        assertEquals(new FrontEndLocator.Target("127.0.76.10", 5062, "tcp"), locator.locate("naptr.test", 0, "udp", Set.of("udp", "tcp")),
                "§4.1: the NAPTR with the lowest order wins, TCP here");
        assertEquals(new FrontEndLocator.Target("127.0.76.10", 5061, "udp"), locator.locate("naptr.test", 0, "udp", Set.of("udp")),
                "§4.1: only transports the gateway supports");
    }

    @Test
    void withoutNaptrTheSrvOfTheConfiguredTransportByPriority() {
        assertEquals(new FrontEndLocator.Target("127.0.76.11", 5080, "udp"), locator.locate("srv.test", 0, "udp", Set.of("udp", "tcp")));
    }

    @Test
    void withoutSrvTheAddressRecordAndPort5060() {
        assertEquals(new FrontEndLocator.Target("127.0.76.13", 5060, "udp"), locator.locate("plain.test", 0, "udp", Set.of("udp")));
    }

    @Test
    void anExplicitPortSkipsNaptrAndSrv() {
        assertEquals(new FrontEndLocator.Target("127.0.76.10", 5090, "udp"), locator.locate("proxy.naptr.test", 5090, "udp", Set.of("udp", "tcp")));
    }

    @Test
    void anIpAddressIsUsedAsItIs() {
        assertEquals(new FrontEndLocator.Target("127.0.76.99", 5060, "tcp"), locator.locate("127.0.76.99", 0, "tcp", Set.of("tcp")));
    }

    @Test
    void aNameThatDoesNotResolveIsReportedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> locator.locate("nowhere.test", 0, "udp", Set.of("udp")));
        assertEquals("the SIP front end nowhere.test has no A record", e.getMessage());
    }
}
