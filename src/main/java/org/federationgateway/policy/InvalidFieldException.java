package org.federationgateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * A value that cannot be accepted, reported by field name with an i18n key (and its arguments) so a form
 * shows it beside the field in the admin's language, and with an English message for logs.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String messageKey;
    private final transient List<Object> arguments;

    public InvalidFieldException(String field, String messageKey, String englishMessage, Object... arguments) {
        super(field + ": " + englishMessage);
        this.field = Objects.requireNonNull(field, "field");
        this.messageKey = Objects.requireNonNull(messageKey, "messageKey");
        this.arguments = List.of(arguments);
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
