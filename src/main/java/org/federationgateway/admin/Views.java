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

    static <T> List<T> list(List<T> value, String name) {
        return List.copyOf(Objects.requireNonNull(value, name));
    }

    static <V> Map<String, V> map(Map<String, V> value, String name) {
        return Map.copyOf(Objects.requireNonNull(value, name));
    }
}
