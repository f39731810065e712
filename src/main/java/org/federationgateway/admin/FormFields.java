package org.federationgateway.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

/**
 * The submitted values of a form, kept exactly as typed so an invalid form can be shown again, with
 * typed readers that record an error instead of throwing.
 */
public final class FormFields {
    private final Map<String, String> typed = new LinkedHashMap<>();
    private final FormErrors errors;

    public FormFields(HttpServletRequest request, FormErrors errors, String... names) {
        this.errors = errors;
        for (String name : names) {
            String value = request.getParameter(name);
            // strip(), not trim(): only white space is taken off; a control character stays, for the field's check to refuse
            typed.put(name, value == null ? "" : value.strip());
        }
    }

    public String text(String name) {
        return typed.getOrDefault(name, "");
    }

    public boolean checkbox(String name) {
        String v = text(name);
        return "true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v);
    }

    public Optional<Integer> integer(String name) {
        String v = text(name);
        try {
            return Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            errors.add(name, v.isEmpty() ? "form.error.required" : "form.error.integer", v);
            return Optional.empty();
        }
    }

    public Optional<Duration> seconds(String name) {
        return integer(name).map(Duration::ofSeconds);
    }

    /** What was typed, for showing the form again. */
    public Map<String, String> typed() {
        return Map.copyOf(typed);
    }
}
