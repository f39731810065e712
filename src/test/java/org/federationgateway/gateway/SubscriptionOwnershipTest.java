package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.federationgateway.gateway.SubscriptionOwnership.Route;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which cluster node carries out a partner's presence stanza for a SIP watcher: the node holding the watcher's
 * subscription (RFC 6665 §4.2.2: its NOTIFYs go in the dialog the SUBSCRIBE created, which only that node has).
 */
class SubscriptionOwnershipTest {
    @ParameterizedTest(name = "held here {0}, owner {1}, this node {2}, owner in cluster {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            // held here: this node's, whatever the rest says
            "true,  -,      node-1, false, MINE",
            "true,  node-2, node-1, true,  MINE",
            "true,  -,      -,      false, MINE",
            // not clustered: carried out here (nobody else could)
            "false, node-2, -,      true,  NOBODY",
            "false, -,      -,      false, NOBODY",
            // clustered, no row (or a row of no node): carried out here under the usual rules
            "false, -,      node-1, false, NOBODY",
            // the row names this node (stored after this node's index was built): this node's
            "false, node-1, node-1, true,  MINE",
            // another node in the cluster holds it: handed over
            "false, node-2, node-1, true,  OTHER_NODE",
            // its node left the cluster: carried out here; the adoption that follows gives it an owner
            "false, node-2, node-1, false, NOBODY",
    })
    void theNodeHoldingTheWatchersDialogCarriesTheStanzaOut(boolean heldHere, String owner, String localNode, boolean ownerMember, Route expected) {
        assertEquals(expected, SubscriptionOwnership.route(heldHere, owner, localNode, ownerMember));
    }
}
