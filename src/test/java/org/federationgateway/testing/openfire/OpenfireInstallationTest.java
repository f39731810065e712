package org.federationgateway.testing.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which installations the real-Openfire tests run on, from the environment an administrator would set. */
class OpenfireInstallationTest {
    @TempDir
    Path dir;

    private Path installation(String name, String version) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("bin/openfire.sh"), "#!/bin/sh\n");
        Files.writeString(home.resolve("lib/xmppserver-" + version + ".jar"), "");
        return home;
    }

    @Test
    void openfireHomesNamesSeveralInOrderEachWithItsVersion() throws IOException {
        Path a = installation("a", "5.0.4");
        Path b = installation("b", "5.2.0-SNAPSHOT");
        List<OpenfireInstallation> all = OpenfireInstallation.configured(Map.of("OPENFIRE_HOMES", a + ":" + b, "OPENFIRE_HOME", "/ignored"));
        assertEquals(List.of("5.0.4", "5.2.0-SNAPSHOT"), all.stream().map(OpenfireInstallation::version).toList());
        assertEquals("openfire-5.2.0-SNAPSHOT", all.get(1).label());
        assertTrue(all.get(0).toString().startsWith("Openfire 5.0.4 at "), all.get(0).toString());
    }

    @Test
    void openfireHomeAloneNamesOne() throws IOException {
        Path a = installation("a", "5.1.1");
        assertEquals(List.of(new OpenfireInstallation(a, "5.1.1")), OpenfireInstallation.configured(Map.of("OPENFIRE_HOME", a.toString())));
    }

    @Test
    void neitherNamesNoneAndTheTestsRunOnThePlaceholder() {
        assertEquals(List.of(), OpenfireInstallation.configured(Map.of()));
        assertEquals(List.of(), OpenfireInstallation.configured(Map.of("OPENFIRE_HOMES", " ", "OPENFIRE_HOME", "")));
    }

    @Test
    void aDirectoryThatIsNoInstallationIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenfireInstallation.configured(Map.of("OPENFIRE_HOMES", dir.toString())));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("bin/openfire.sh"), e.getMessage());
    }
}
