package org.federationgateway.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A clustered node's lines name the node; a single server's lines are as they always were. */
class NodeLogTest {
    @AfterEach
    void notClustered() {
        NodeLog.nameNode(null);
    }

    @Test
    void aSingleServerWritesNoPrefix() {
        assertEquals("", NodeLog.prefix());
        NodeLog.nameNode("  ");
        assertEquals("", NodeLog.prefix());
    }

    @Test
    void aClusteredNodeNamesItselfUntilItLeaves() {
        NodeLog.nameNode("node1.a.test");
        assertEquals("[node1.a.test] ", NodeLog.prefix());
        NodeLog.nameNode(null);
        assertEquals("", NodeLog.prefix());
    }

    @Test
    void theLoggerKeepsItsOwnersName() {
        assertEquals(NodeLogTest.class.getName(), NodeLog.getLogger(NodeLogTest.class).getName());
    }
}
