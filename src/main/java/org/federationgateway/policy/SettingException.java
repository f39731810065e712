package org.federationgateway.policy;

/**
 * A configuration value that cannot be accepted. Carries the field's name so a form can show the error
 * beside it, and so a log line names what to fix.
 */
public class SettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public SettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
