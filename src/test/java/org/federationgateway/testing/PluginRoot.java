package org.federationgateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top directory (plugin.xml, web/, i18n/), wherever the tests run from. */
public final class PluginRoot {
    private PluginRoot() {
    }

    public static Path path() {
        String configured = System.getProperty("plugin.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("plugin.xml")) && Files.isDirectory(dir.resolve("i18n"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the plugin root (plugin.xml) above " + Path.of("").toAbsolutePath());
    }

    public static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
