package org.federationgateway.testing.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether a peer's program is installed. In CI (env CI=true) a missing program is a failure, because
 * scripts/install-test-deps.sh should have installed it; on a developer's machine the test is skipped instead.
 */
public final class PeerBinaries {
    private PeerBinaries() {
    }

    public static Path require(String executable, String debianPackage) {
        Path path = Path.of(executable);
        if (!Files.isExecutable(path)) {
            missing(executable + " is missing: install the Debian package " + debianPackage);
        }
        return path;
    }

    /** For packages without a program of their own (lua-unbound: a library whose path depends on the architecture). */
    public static void requirePackage(String debianPackage) {
        Commands.Result status = Commands.tryRun(Duration.ofSeconds(10), Map.of(),
                List.of("dpkg-query", "-W", "-f=${Status}", debianPackage));
        if (status.exitCode() != 0 || !status.output().contains("install ok installed")) {
            missing("the Debian package " + debianPackage + " is not installed");
        }
    }

    /** Fails in CI, skips elsewhere: for a peer that cannot run here for a reason other than a missing package. */
    public static void unavailable(String what) {
        missing(what);
    }

    private static void missing(String what) {
        missing(what, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static void missing(String what, boolean inCi) {
        String message = what + " (scripts/install-test-deps.sh installs every peer)";
        if (inCi) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
