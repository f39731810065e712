package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fallback where {@link PrivateHosts} is not available: the test domains in /etc/hosts, in a block of this
 * JVM's own, between {@code # federationgateway-test begin pid N} and {@code # federationgateway-test end pid N}.
 * Each run writes and removes only its own block, so the lab's names survive a test run; a block left by a run
 * that no longer exists (or written by an older version, without a pid) is replaced. Because a name can only have
 * one address in /etc/hosts, a run whose names would contradict another live run's block is refused with a
 * message saying which run holds them.
 */
public final class EtcHostsBlock implements AutoCloseable {
    static final String BEGIN = "# federationgateway-test begin";
    static final String END = "# federationgateway-test end";

    private final Path file;
    private final long owner;
    private final Runnable removeOnExit;

    private EtcHostsBlock(Path file, long owner) {
        this.file = file;
        this.owner = owner;
        this.removeOnExit = () -> rewrite("");
    }

    /** Writes this JVM's block into /etc/hosts (needs root). */
    public static EtcHostsBlock install(TestHosts hosts) {
        return install(Path.of("/etc/hosts"), hosts, ProcessHandle.current().pid());
    }

    public static EtcHostsBlock install(Path file, TestHosts hosts, long owner) {
        EtcHostsBlock block = new EtcHostsBlock(file, owner);
        block.rewrite(hosts.hostsFileText());
        ShutdownCleanup.register(block.removeOnExit);
        return block;
    }

    /** A block as found in the file: its owner's pid (empty for an old block without one) and its lines. */
    record Block(Optional<Long> owner, List<String> lines) {
    }

    static String withBlock(String original, long owner, String entries) {
        return withBlock(original, owner, entries, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /**
     * The file with this owner's block replaced by {@code entries} (removed when empty), stale blocks dropped and
     * other live owners' blocks kept as they are.
     */
    static String withBlock(String original, long owner, String entries, java.util.function.LongPredicate alive) {
        StringBuilder text = new StringBuilder();
        Map<Long, List<String>> others = new LinkedHashMap<>();
        List<String> block = null;
        String begin = null;
        for (String line : original.lines().toList()) {
            if (block == null && line.startsWith(BEGIN)) {
                block = new ArrayList<>();
                begin = line;
            } else if (block != null && line.startsWith(END)) {
                Optional<Long> pid = pidOf(begin.substring(BEGIN.length()));
                if (pid.isPresent() && pid.get() != owner && alive.test(pid.get())) {
                    others.put(pid.get(), block);
                    text.append(begin).append('\n');
                    block.forEach(l -> text.append(l).append('\n'));
                    text.append(line).append('\n');
                }
                block = null;
            } else if (block != null) {
                block.add(line);
            } else {
                text.append(line).append('\n');
            }
        }
        refuseContradictions(entries, others);
        if (!entries.isEmpty()) {
            text.append(BEGIN).append(" pid ").append(owner).append('\n').append(entries).append(END).append(" pid ").append(owner).append('\n');
        }
        return text.toString();
    }

    private static void refuseContradictions(String entries, Map<Long, List<String>> others) {
        for (String entry : entries.lines().toList()) {
            String[] ours = entry.trim().split("\\s+");
            for (Map.Entry<Long, List<String>> other : others.entrySet()) {
                for (String line : other.getValue()) {
                    String[] theirs = line.trim().split("\\s+");
                    if (theirs.length >= 2 && ours.length >= 2 && theirs[1].equals(ours[1]) && !theirs[0].equals(ours[0])) {
                        throw new IllegalStateException("/etc/hosts maps " + ours[1] + " to " + theirs[0] + " for another run (pid " + other.getKey()
                                + "; the lab is one: scripts/lab.sh down stops it), and this one needs " + ours[0]
                                + ". A name has one address in /etc/hosts, and without a private mount namespace (unshare --mount, as root)"
                                + " the two cannot run at the same time");
                    }
                }
            }
        }
    }

    /** The file without any of the test blocks (for a private hosts file that starts from the machine's own lines). */
    static String withoutBlocks(String original) {
        StringBuilder text = new StringBuilder();
        boolean inside = false;
        for (String line : original.lines().toList()) {
            if (line.startsWith(BEGIN)) {
                inside = true;
            } else if (inside && line.startsWith(END)) {
                inside = false;
            } else if (!inside) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    private static Optional<Long> pidOf(String rest) {
        String r = rest.trim();
        if (r.startsWith("pid ")) {
            try {
                return Optional.of(Long.parseLong(r.substring(4).trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void rewrite(String entries) {
        try {
            String original = Files.readString(file, StandardCharsets.UTF_8);
            String updated = withBlock(original, owner, entries);
            if (!updated.equals(original)) {
                // In place, not by rename: in containers /etc/hosts is often a bind mount that cannot be replaced.
                Files.writeString(file, updated, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file + " (the ejabberd tests need root)", e);
        }
    }

    @Override
    public void close() {
        rewrite("");
        ShutdownCleanup.unregister(removeOnExit);
    }
}
