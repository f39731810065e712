package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.federationgateway.policy.GatewaySettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The other nodes of a cluster see a save of the gateway settings one property at a time. Lync's rule that the
 * per-partner limit may not exceed the total one (ConnectionLimit, PartnerConnectionLimit) must hold in the state
 * between the two limits' writes too, or those nodes log the valid change as an invalid setting and keep the old one
 * until the second write arrives.
 */
class OpenfireSettingsLimitOrderTest {
    private static GatewaySettings limits(int total, int perPartner) {
        GatewaySettings d = GatewaySettings.defaults();
        return new GatewaySettings(total, perPartner, d.keepAliveInterval(), d.streamEstablishmentTimeout(), d.streamInactivityTimeout(),
                d.subscriptionRefresh(), d.logMessageBodies(), d.mode());
    }

    @ParameterizedTest(name = "({0},{1}) -> ({2},{3}): per-partner limit first = {4}")
    @CsvSource(delimiter = '|', textBlock = """
        1000 | 20 | 1    | 1  | true
        1    | 1  | 1000 | 20 | false
        10   | 5  | 20   | 15 | false
        20   | 15 | 10   | 5  | true
        20   | 15 | 15   | 15 | false
        20   | 16 | 15   | 15 | true
        5    | 5  | 5    | 5  | false
        """)
    void theStateBetweenTheTwoLimitWritesIsValid(int total0, int perPartner0, int total1, int perPartner1, boolean partnerFirst) {
        GatewaySettings before = limits(total0, perPartner0);
        GatewaySettings after = limits(total1, perPartner1);
        assertEquals(partnerFirst, OpenfireSettings.partnerLimitFirst(before, after));
        assertDoesNotThrow(() -> partnerFirst ? limits(total0, perPartner1) : limits(total1, perPartner0), "the state between the writes");
    }
}
