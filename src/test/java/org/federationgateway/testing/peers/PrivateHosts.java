package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hosts file seen as /etc/hosts by one process only: the process runs in its own mount namespace
 * ({@code unshare --mount}) with the file bind-mounted over /etc/hosts, so ejabberd, which resolves names only
 * through getaddrinfo, finds the test domains while the machine's /etc/hosts stays untouched and
 * two runs with the same names on different addresses (the lab and the tests) do not see each other's.
 */
public final class PrivateHosts {
    private static final String UNSHARE = "/usr/bin/unshare";
    private static volatile Boolean available;

    private PrivateHosts() {
    }

    /** Whether this machine lets us run a process in its own mount namespace (root, and not a locked-down container). */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = Files.isExecutable(Path.of(UNSHARE)) && Commands.tryRun(Duration.ofSeconds(10), Map.of(),
                    List.of(UNSHARE, "--mount", "--propagation", "private", "--", "/bin/sh", "-c", "mount --bind /etc/hosts /etc/hosts")).exitCode() == 0;
            available = known;
        }
        return known;
    }

    /**
     * Writes {@code file}: the machine's own /etc/hosts lines (localhost and the like) followed by the test domains,
     * and returns {@code command} wrapped so that it sees that file as /etc/hosts. The wrapper execs, so the
     * process keeps the PID it is stopped by.
     */
    public static List<String> wrap(Path file, TestHosts hosts, List<String> command) {
        try {
            String system = EtcHostsBlock.withoutBlocks(Files.readString(Path.of("/etc/hosts"), StandardCharsets.UTF_8));
            Files.createDirectories(file.getParent());
            Files.writeString(file, system + "# test domains of this peer only\n" + hosts.hostsFileText(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        List<String> wrapped = new ArrayList<>(List.of(UNSHARE, "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "mount --bind \"$0\" /etc/hosts && exec \"$@\"", file.toAbsolutePath().toString()));
        wrapped.addAll(command);
        return wrapped;
    }
}
