package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which address a node's SIP endpoint binds: its own in a cluster, never the shared one there. */
class NodeSipAddressTest {
    @ParameterizedTest(name = "clustered={0} node-local=''{1}'' shared=''{2}'' -> {3} from {4}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "false | null       | 10.0.0.5 | 10.0.0.5  | shared",
            "false | ''         | 10.0.0.5 | 10.0.0.5  | shared",
            "false | '  '       | 10.0.0.5 | 10.0.0.5  | shared",
            "false | 10.0.0.11  | 10.0.0.5 | 10.0.0.11 | node",
            "false | 0.0.0.0    | 10.0.0.5 | 0.0.0.0   | node",
            "true  | 10.0.0.11  | 10.0.0.5 | 10.0.0.11 | node",
            "true  | ' 10.0.0.12 ' | 10.0.0.5 | 10.0.0.12 | node",
            "true  | fd00::11   | 10.0.0.5 | fd00::11  | node",
    })
    void chosenAddress(boolean clustered, String nodeLocal, String shared, String address, String source) {
        NodeSipAddress chosen = NodeSipAddress.choose(clustered, nodeLocal, shared);
        assertEquals(address, chosen.address());
        assertEquals(source, chosen.source().code());
    }

    @ParameterizedTest(name = "clustered, node-local=''{0}'' is refused")
    @CsvSource(nullValues = "null", value = {"null", "''", "'   '", "0.0.0.0", "::", "[::]"})
    void aClusterNodeWithoutAnAddressOfItsOwnIsRefusedWithHowToFixIt(String nodeLocal) {
        NodeSipAddress.Missing refused = assertThrows(NodeSipAddress.Missing.class, () -> NodeSipAddress.choose(true, nodeLocal, "10.0.0.5"));
        assertTrue(refused.getMessage().contains(NodeSipAddress.XML_KEY), refused.getMessage());
        assertTrue(refused.getMessage().contains("conf/openfire.xml"), refused.getMessage());
    }
}
