package org.federationgateway.lifecycle;

/** Whether one part of the plugin (interceptor, SIP stack, ...) came up. Stored codes are stable. */
public enum PartState {
    RUNNING("running"),
    DISABLED("disabled"),
    FAILED("failed");

    private final String code;

    PartState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
