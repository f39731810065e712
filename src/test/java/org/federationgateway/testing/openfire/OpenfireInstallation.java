package org.federationgateway.testing.openfire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An existing Openfire 5.x installation, as an administrator's server would be, named by {@code OPENFIRE_HOMES}
 * (several, separated by ':') or {@code OPENFIRE_HOME}. Tests copy it before use and never change it.
 *
 * @param home    the directory holding bin/openfire.sh and lib/; null for the placeholder that stands for "none"
 * @param version Openfire's version as its xmppserver jar says, e.g. 5.1.1
 */
public record OpenfireInstallation(Path home, String version) {
    public static final String HOW_TO_RUN = "Real-Openfire tests are opt-in: set OPENFIRE_HOME to an Openfire 5.x "
            + "installation (the directory holding bin/openfire.sh, conf/ and lib/), or OPENFIRE_HOMES to several separated by ':', "
            + "and run `OPENFIRE_HOMES=/path/to/openfire-5.0:/path/to/openfire-5.1 mvn -B -ntp verify -Dit.test='RealOpenfire*IT'`.";
    private static final Pattern XMPPSERVER_JAR = Pattern.compile("xmppserver-(.+)\\.jar");
    private static final OpenfireInstallation NONE = new OpenfireInstallation(null, "none");

    /** The installations the environment names; empty when it names none. An entry that is no installation fails. */
    public static List<OpenfireInstallation> configured() {
        return configured(System.getenv());
    }

    static List<OpenfireInstallation> configured(Map<String, String> env) {
        String many = env.getOrDefault("OPENFIRE_HOMES", "");
        String one = env.getOrDefault("OPENFIRE_HOME", "");
        List<String> entries = !many.isBlank() ? Arrays.asList(many.split(":")) : one.isBlank() ? List.of() : List.of(one);
        List<OpenfireInstallation> all = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                all.add(at(Path.of(entry.trim()).toAbsolutePath().normalize()));
            }
        }
        return List.copyOf(all);
    }

    /**
     * What each real-Openfire test class runs with: every configured installation, or, when there is none, one
     * placeholder whose tests {@link EachOpenfire} reports as skipped with {@link #HOW_TO_RUN}.
     */
    public static List<OpenfireInstallation> forTests() {
        List<OpenfireInstallation> all = configured();
        return all.isEmpty() ? List.of(NONE) : all;
    }

    static OpenfireInstallation at(Path home) {
        if (!Files.isRegularFile(home.resolve("bin/openfire.sh")) || !Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException(home + " is not an Openfire installation (no bin/openfire.sh or lib/)");
        }
        return new OpenfireInstallation(home, versionOf(home.resolve("lib")));
    }

    public boolean present() {
        return home != null;
    }

    /** The installation's directory; only called by tests that run, i.e. with a real installation. */
    public Path require() {
        if (home == null) {
            throw new IllegalStateException(HOW_TO_RUN);
        }
        return home;
    }

    /** A directory name for this version's scratch copies, so runs on several versions keep their logs apart. */
    public String label() {
        return "openfire-" + version.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    /** The version, from lib/xmppserver-VERSION.jar or, failing that, its manifest. */
    static String versionOf(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            Optional<Path> server = jars.filter(p -> p.getFileName().toString().startsWith("xmppserver")).findFirst();
            if (server.isEmpty()) {
                return "unknown";
            }
            Matcher m = XMPPSERVER_JAR.matcher(server.get().getFileName().toString());
            if (m.matches()) {
                return m.group(1);
            }
            try (JarFile jar = new JarFile(server.get().toFile())) {
                String v = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Implementation-Version");
                return v == null ? "unknown" : v;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return home == null ? "no Openfire installation" : "Openfire " + version + " at " + home;
    }
}
