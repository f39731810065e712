package org.federationgateway.readiness;

import java.util.List;
import java.util.Objects;

/**
 * One line of the readiness page: what was checked, the verdict, and why, as a bundle key with its arguments
 * ({@code readiness.<area>.<what>}) so the administrator reads it in their language.
 *
 * @param area    certificates, ports, dns or probe
 * @param subject what the line is about: a domain, host:port, a certificate subject
 * @param verdict ok, warning or fail
 * @param key     the bundle key of the explanation
 * @param args    its arguments, as text
 */
public record Finding(String area, String subject, Verdict verdict, String key, List<String> args) {
    public static final List<String> AREAS = List.of("certificates", "ports", "dns", "probe");

    public Finding {
        if (!AREAS.contains(area)) {
            throw new IllegalArgumentException("area must be one of " + AREAS + ": " + area);
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(verdict, "verdict");
        if (key == null || !key.startsWith("readiness." + area + ".")) {
            throw new IllegalArgumentException("the key of a " + area + " finding starts with readiness." + area + ".: " + key);
        }
        args = List.copyOf(args);
    }

    public static Finding of(String area, String subject, Verdict verdict, String what, Object... args) {
        return new Finding(area, subject, verdict, "readiness." + area + "." + what, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
