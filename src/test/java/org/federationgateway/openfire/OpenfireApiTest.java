package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.federationgateway.api.Api;
import org.junit.jupiter.api.Test;

/** The admin-login exemptions are exact paths, as Openfire matches them when wildcards are not allowed (its default). */
class OpenfireApiTest {
    @Test
    void oneExactExemptionPerApiPath() {
        List<String> paths = OpenfireApi.exclusions(FederationGatewayPlugin.CANONICAL_NAME);
        assertEquals(Api.PATHS.size(), paths.size());
        assertTrue(paths.contains("federationgateway/api/v1/partners"));
        assertTrue(paths.contains("federationgateway/api/v1/settings/gateway"));
        for (String p : paths) {
            assertFalse(p.contains("*") || p.contains("?") || p.contains(".."), p);
            assertTrue(p.startsWith("federationgateway/api/v1/"), p);
        }
    }
}
