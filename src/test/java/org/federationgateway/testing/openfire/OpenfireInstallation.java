package org.federationgateway.testing.openfire;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * An existing Openfire 5.x installation named by OPENFIRE_HOME, as an administrator's server would be.
 * Tests copy it before use and never change it.
 */
public final class OpenfireInstallation {
    public static final String HOW_TO_RUN = "Real-Openfire tests are opt-in: set OPENFIRE_HOME to an Openfire 5.x "
            + "installation (the directory holding bin/openfire.sh, conf/ and lib/) and run "
            + "`OPENFIRE_HOME=/path/to/openfire mvn -B -ntp verify -Dit.test='RealOpenfire*IT'`.";

    private OpenfireInstallation() {
    }

    /** The installation, or a skipped test saying how to run it. */
    public static Path require() {
        String home = System.getenv("OPENFIRE_HOME");
        Assumptions.assumeTrue(home != null && !home.isBlank(), HOW_TO_RUN);
        Path path = Path.of(home).toAbsolutePath();
        if (!Files.isRegularFile(path.resolve("bin/openfire.sh")) || !Files.isDirectory(path.resolve("lib"))) {
            throw new IllegalStateException("OPENFIRE_HOME=" + home + " is not an Openfire installation (no bin/openfire.sh or lib/)");
        }
        return path;
    }
}
