package org.federationgateway.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PeerBinariesTest {

    @Test
    void aMissingPeerFailsInCiAndSkipsElsewhere() {
        AssertionError inCi = assertThrows(AssertionError.class, () -> PeerBinaries.missing("/usr/sbin/nothing is missing", true));
        assertTrue(inCi.getMessage().contains("install-test-deps.sh"), inCi.getMessage());
        assertThrows(TestAbortedException.class, () -> PeerBinaries.missing("/usr/sbin/nothing is missing", false));
    }

    @Test
    void anInstalledProgramIsReturned() {
        assertEquals(Path.of("/bin/sh"), PeerBinaries.require("/bin/sh", "dash"));
    }
}
