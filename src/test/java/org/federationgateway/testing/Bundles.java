package org.federationgateway.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The plugin's i18n bundles as plain properties, read the way Java 9+ reads them (UTF-8). */
public final class Bundles {
    public static final String ENGLISH = "i18n/federationgateway_i18n.properties";
    public static final String RUSSIAN = "i18n/federationgateway_i18n_ru.properties";

    private Bundles() {
    }

    public static Properties english() {
        return load(PluginRoot.resolve(ENGLISH));
    }

    public static Properties russian() {
        return load(PluginRoot.resolve(RUSSIAN));
    }

    public static Properties load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
