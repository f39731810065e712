package org.federationgateway.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The checks every view model's constructor makes: no null anywhere, lists and maps copied. */
final class Views {
    private Views() {
    }

    static String text(String value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /** Checks several texts at once: names and values alternate, {@code ("domain", domain, "type", type)}. */
    static void texts(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Objects.requireNonNull(namesAndValues[i + 1], (String) namesAndValues[i]);
        }
    }

    static <T> List<T> list(List<T> value, String name) {
        return List.copyOf(Objects.requireNonNull(value, name));
    }

    static <V> Map<String, V> map(Map<String, V> value, String name) {
        return Map.copyOf(Objects.requireNonNull(value, name));
    }
}
