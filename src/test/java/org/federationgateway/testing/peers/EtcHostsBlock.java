package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test domains in /etc/hosts, between {@code # federationgateway-test begin} and {@code ... end}: ejabberd
 * resolves A records only through getaddrinfo and has no private hosts file (peers.md §3). Writing replaces the
 * block (so it is idempotent) and never touches other lines; {@link #close()} removes the block again.
 */
public final class EtcHostsBlock implements AutoCloseable {
    static final String BEGIN = "# federationgateway-test begin";
    static final String END = "# federationgateway-test end";

    private final Path file;
    private final Runnable removeOnExit;

    private EtcHostsBlock(Path file) {
        this.file = file;
        this.removeOnExit = () -> rewrite("");
    }

    /** Writes the block into /etc/hosts (needs root). */
    public static EtcHostsBlock install(TestHosts hosts) {
        return install(Path.of("/etc/hosts"), hosts);
    }

    public static EtcHostsBlock install(Path file, TestHosts hosts) {
        EtcHostsBlock block = new EtcHostsBlock(file);
        block.rewrite(hosts.hostsFileText());
        ShutdownCleanup.register(block.removeOnExit);
        return block;
    }

    static String withBlock(String original, String entries) {
        List<String> kept = new ArrayList<>();
        boolean inside = false;
        for (String line : original.lines().toList()) {
            if (line.equals(BEGIN)) {
                inside = true;
            } else if (line.equals(END)) {
                inside = false;
            } else if (!inside) {
                kept.add(line);
            }
        }
        StringBuilder text = new StringBuilder();
        kept.forEach(l -> text.append(l).append('\n'));
        if (!entries.isEmpty()) {
            text.append(BEGIN).append('\n').append(entries).append(END).append('\n');
        }
        return text.toString();
    }

    private void rewrite(String entries) {
        try {
            String original = Files.readString(file, StandardCharsets.UTF_8);
            String updated = withBlock(original, entries);
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
