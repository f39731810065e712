package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors found in a submitted form, by field, already in the admin's language. A form with errors is
 * shown again with what was typed, each error beside its field, and nothing is saved.
 */
public final class FormErrors {
    private final Messages messages;
    private final Map<String, String> byField = new LinkedHashMap<>();

    public FormErrors(Messages messages) {
        this.messages = messages;
    }

    /** Records the first error of a field; later ones for the same field would only repeat the problem. */
    public void add(String field, String key, Object... args) {
        byField.putIfAbsent(field, messages.get(key, args));
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public Map<String, String> asMap() {
        return Map.copyOf(byField);
    }

    public List<String> fields() {
        return List.copyOf(byField.keySet());
    }
}
