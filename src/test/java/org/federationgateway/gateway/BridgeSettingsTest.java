package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.federationgateway.policy.SettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SIP bridge's settings as an administrator types them: each mistake is refused and names its property. */
class BridgeSettingsTest {

    private static BridgeSettings parse(String listen, int port, String transports, String frontEnd, int frontEndPort, String frontEndTransport,
                                        String mappings, String patterns, String type, String addressing, String subdomain) {
        return BridgeSettings.parse(true, listen, port, transports, frontEnd, frontEndPort, frontEndTransport, "", Duration.ofSeconds(30),
                mappings, patterns, type, Duration.ofSeconds(2), addressing, subdomain, BridgeSettings.TlsText.NONE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            no listen address             | sip.listen.address      |           | 5060 | udp     | 10.0.0.5 | 5060 | udp | -              | -     | normal | shared    | sip
            port out of range             | sip.listen.port         | 127.0.0.1 | 70000 | udp    | 10.0.0.5 | 5060 | udp | -              | -     | normal | shared    | sip
            unknown transport             | sip.listen.transports   | 127.0.0.1 | 5060 | udp,sctp | 10.0.0.5 | 5060 | udp | -              | -     | normal | shared    | sip
            front end transport not heard | sip.frontEnd.transport  | 127.0.0.1 | 5060 | udp     | 10.0.0.5 | 5060 | tcp | -              | -     | normal | shared    | sip
            no front end                  | sip.frontEnd.host       | 127.0.0.1 | 5060 | udp     |          | 5060 | udp | -              | -     | normal | shared    | sip
            mapping without =             | sip.domainMappings      | 127.0.0.1 | 5060 | udp     | 10.0.0.5 | 5060 | udp | a.test         | -     | normal | shared    | sip
            bad regular expression        | sip.sipHomedPatterns    | 127.0.0.1 | 5060 | udp     | 10.0.0.5 | 5060 | udp | -              | sip-( | normal | shared    | sip
            unknown message type          | sip.messageType         | 127.0.0.1 | 5060 | udp     | 10.0.0.5 | 5060 | udp | -              | -     | urgent | shared    | sip
            unknown addressing            | sip.addressing          | 127.0.0.1 | 5060 | udp     | 10.0.0.5 | 5060 | udp | -              | -     | normal | both      | sip
            subdomain with a dot          | sip.component.subdomain | 127.0.0.1 | 5060 | udp     | 10.0.0.5 | 5060 | udp | -              | -     | normal | component | sip.gw
            """)
    void mistakesNameTheirProperty(String row, String field, String listen, int port, String transports, String frontEnd, int frontEndPort,
                                   String frontEndTransport, String mappings, String patterns, String type, String addressing, String subdomain) {
        SettingException e = assertThrows(SettingException.class, () -> parse(listen, port, transports, frontEnd, frontEndPort, frontEndTransport,
                mappings.equals("-") ? "" : mappings, patterns.equals("-") ? "" : patterns, type, addressing, subdomain), row);
        assertEquals(field, e.field(), row);
    }

    @Test
    void aGoodConfigurationParsesAndTrustsTheFrontEndsAddress() {
        BridgeSettings s = parse("127.0.0.1", 5060, "udp, tcp", "10.0.0.5", 0, "UDP", "sip.a.test=a.test", "^sip-.*", "chat", "component", "sip");
        assertEquals(java.util.List.of("udp", "tcp"), s.transports());
        assertEquals("a.test", s.domains().sipDomainFor("sip.a.test"));
        assertEquals(java.util.Set.of("10.0.0.5"), s.trustedSources());
        assertEquals(BridgeSettings.Addressing.COMPONENT, s.addressing());
    }

    @Test
    void whileDisabledNothingElseIsChecked() {
        BridgeSettings.parse(false, "", 0, "", "", 0, "", "", Duration.ZERO, "", "", "normal", Duration.ZERO, "shared", "", BridgeSettings.TlsText.NONE);
    }

    @Test
    void tlsNeedsAKeyStoreAndATrustStore() {
        SettingException e = assertThrows(SettingException.class, () -> parse("127.0.0.1", 5060, "udp,tls", "10.0.0.5", 5061, "tls", "", "", "normal",
                "shared", "sip"));
        assertEquals("sip.tls.keyStore", e.field());
        BridgeSettings s = BridgeSettings.parse(true, "127.0.0.1", 5060, "udp,tls", "10.0.0.5", 5061, "tls", "", Duration.ofSeconds(30), "", "",
                "normal", Duration.ofSeconds(2), "shared", "sip",
                new BridgeSettings.TlsText(5061, "/etc/gw.p12", "pw", "/etc/ca.p12", "pw", "FE.example.com, peer.example.com"));
        assertEquals(java.util.Set.of("fe.example.com", "peer.example.com"), s.tls().trustedPeerNames());
    }
}
