package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;

/** Every string a user sees comes from the bundles, and both languages have all of them. */
class I18nBundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final Pattern VIEW_KEY = Pattern.compile("msg\\['([A-Za-z0-9_.-]+)'\\]");

    private final Properties english = Bundles.english();
    private final Properties russian = Bundles.russian();

    @Test
    void englishAndRussianHaveTheSameKeys() {
        Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
        onlyEnglish.removeAll(russian.stringPropertyNames());
        Set<String> onlyRussian = new TreeSet<>(russian.stringPropertyNames());
        onlyRussian.removeAll(english.stringPropertyNames());
        assertEquals(Set.of(), onlyEnglish, "keys missing from the Russian bundle");
        assertEquals(Set.of(), onlyRussian, "keys missing from the English bundle");
    }

    @Test
    void noValueIsEmptyAndRussianIsActuallyRussian() {
        for (String key : english.stringPropertyNames()) {
            assertFalse(english.getProperty(key).isBlank(), "empty English value for " + key);
            String ru = russian.getProperty(key, "");
            assertFalse(ru.isBlank(), "empty Russian value for " + key);
        }
        long cyrillic = russian.stringPropertyNames().stream()
                .filter(k -> russian.getProperty(k).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC))
                .count();
        assertTrue(cyrillic * 10 >= russian.size() * 9L, "at least 90% of Russian values contain Cyrillic text");
    }

    @Test
    void everyKeyPluginXmlNamesExists() throws IOException {
        String pluginXml = Files.readString(PluginRoot.resolve("plugin.xml"), StandardCharsets.UTF_8);
        Matcher m = PLACEHOLDER.matcher(pluginXml);
        int seen = 0;
        while (m.find()) {
            String key = m.group(1);
            if (key.startsWith("project.") || key.startsWith("plugin.")) {
                continue; // filled in by the build
            }
            seen++;
            assertTrue(english.containsKey(key), "plugin.xml names a missing key: " + key);
        }
        assertTrue(seen > 0, "plugin.xml should take its visible names from the bundle");
    }

    @Test
    void everyKeyAViewUsesExists() throws IOException {
        int seen = 0;
        try (Stream<Path> files = Files.walk(PluginRoot.resolve("web"))) {
            for (Path jsp : files.filter(p -> p.toString().endsWith(".jsp")).toList()) {
                Matcher m = VIEW_KEY.matcher(Files.readString(jsp, StandardCharsets.UTF_8));
                while (m.find()) {
                    seen++;
                    assertTrue(english.containsKey(m.group(1)), jsp.getFileName() + " uses a missing key: " + m.group(1));
                }
            }
        }
        assertTrue(seen > 0);
    }

    @Test
    void everySystemPropertyHasADescription() {
        for (String key : org.federationgateway.openfire.OpenfireSettings.ALL_KEYS) {
            assertTrue(english.containsKey("system_property." + key), "no description for system property " + key);
        }
    }
}
