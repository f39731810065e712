package org.federationgateway.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One field of an API resource and the JSON type it takes. A value of the wrong type is refused by name
 * rather than coerced, so {@code "dialback": "yes"} is an error, never a silent {@code false}.
 */
public record Field(String name, Type type) {
    public enum Type {
        STRING, OPTIONAL_STRING, BOOLEAN, INTEGER, OPTIONAL_INTEGER, STRING_LIST, WRITE_ONLY_STRING
    }

    public static Field string(String name) {
        return new Field(name, Type.STRING);
    }

    public static Field of(String name, Type type) {
        return new Field(name, type);
    }

    /** The JSON value as the admin page's form would have received it; {@code null} for a wrong type. */
    public String toFormValue(Object value) {
        switch (type) {
            case STRING, WRITE_ONLY_STRING -> {
                return value instanceof String s ? s : null;
            }
            case OPTIONAL_STRING -> {
                return value == null ? "" : value instanceof String s ? s : null;
            }
            case BOOLEAN -> {
                return value instanceof Boolean b ? b.toString() : null;
            }
            case INTEGER, OPTIONAL_INTEGER -> {
                if (value == null && type == Type.OPTIONAL_INTEGER) {
                    return "";
                }
                if (value instanceof BigDecimal d) {
                    try {
                        return Integer.toString(d.intValueExact());
                    } catch (ArithmeticException e) {
                        return null;
                    }
                }
                return value instanceof Integer i ? i.toString() : null;
            }
            case STRING_LIST -> {
                if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    return null;
                }
                return String.join("\n", list.stream().map(String.class::cast).toList());
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** A form value (as the page model holds it) as this field's JSON value. */
    public Object toJson(String formValue) {
        String v = formValue == null ? "" : formValue;
        return switch (type) {
            case STRING, WRITE_ONLY_STRING -> v;
            case OPTIONAL_STRING -> v.isEmpty() ? null : v;
            case BOOLEAN -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
            case INTEGER, OPTIONAL_INTEGER -> {
                try {
                    yield v.isBlank() ? null : Integer.valueOf(v.strip());
                } catch (NumberFormatException e) {
                    yield v;
                }
            }
            case STRING_LIST -> v.isBlank() ? List.of() : List.of(v.strip().split("\\s*[\\n,;]\\s*"));
        };
    }

    /** What type the API expects, in words, for the error message. */
    public String expected() {
        return switch (type) {
            case STRING, WRITE_ONLY_STRING -> "a string";
            case OPTIONAL_STRING -> "a string or null";
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer";
            case OPTIONAL_INTEGER -> "an integer or null";
            case STRING_LIST -> "an array of strings";
        };
    }
}
