package org.federationgateway.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.federationgateway.translate.DomainMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7247 §5 leaves domain mapping to local policy: the component's SIP users take the XMPP server's domain on the
 * SIP side unless sip.domainMappings says otherwise. When that domain is also a partner (its users on the same XMPP
 * server), messages from SIP to them would come back to the gateway; the start says so, naming the setting.
 */
class SameServerPartnerPitfallTest {
    @ParameterizedTest(name = "component {0}, mappings ''{1}'', partners {2}: warned={3}")
    @CsvSource(delimiter = '|', textBlock = """
            gw.kx.test | -                        | kx.test b.test | true
            gw.kx.test | gw.kx.test=sip.kx.test   | kx.test        | false
            gw.kx.test | other.test=kx.test       | kx.test        | false
            gw.kx.test | -                        | b.test         | false
            sip.a.test | -                        | b.test e.test  | false
            """)
    void warnedExactlyWhenAPartnerDomainIsTheComponentsSipSide(String component, String mapping, String partners, boolean warned) {
        DomainMap configured = mapping.equals("-") ? DomainMap.IDENTITY
                : new DomainMap(List.of(new DomainMap.Pair(mapping.split("=")[0], mapping.split("=")[1])));
        var warning = SipBridge.sameServerPitfall(configured, component, List.of(partners.split(" ")));
        assertEquals(warned, warning.isPresent());
        warning.ifPresent(w -> assertTrue(w.contains("sip.domainMappings") && w.contains(component + "=sip.kx.test"), w));
    }
}
