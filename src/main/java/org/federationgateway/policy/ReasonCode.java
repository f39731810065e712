package org.federationgateway.policy;

/**
 * Why the policy refuses something: a stable code for logs and counters, the RFC 6120 stanza error to
 * send back, and the stream error for a session it closes.
 */
public enum ReasonCode implements StableCode {
    NOT_A_PARTNER("not-a-partner", "forbidden", "policy-violation"),
    TLS_REQUIRED("tls-required", "forbidden", "policy-violation"),
    SASL_REQUIRED("sasl-required", "forbidden", "policy-violation"),
    SASL_NOT_SUPPORTED("sasl-not-supported", "forbidden", "policy-violation"),
    DIALBACK_NOT_SUPPORTED("dialback-not-supported", "forbidden", "policy-violation"),
    CERTIFICATE_INVALID("certificate-invalid", "forbidden", "policy-violation"),
    AUTH_METHOD_UNKNOWN("auth-method-unknown", "forbidden", "policy-violation"),
    XMPP_ACCESS_DISABLED("xmpp-access-disabled", "forbidden", "policy-violation"),
    FEDERATION_ACCESS_DISABLED("federation-access-disabled", "forbidden", "policy-violation"),
    PUBLIC_CLOUD_ACCESS_DISABLED("public-cloud-access-disabled", "forbidden", "policy-violation"),
    PUBLIC_UNVERIFIED_NOT_IN_ROSTER("public-unverified-not-in-roster", "not-authorized", "policy-violation"),
    CONNECTION_LIMIT("connection-limit", "resource-constraint", "resource-constraint"),
    PARTNER_CONNECTION_LIMIT("partner-connection-limit", "resource-constraint", "resource-constraint"),
    ESTABLISHMENT_TIMEOUT("establishment-timeout", "remote-server-timeout", "connection-timeout"),
    INACTIVITY_TIMEOUT("inactivity-timeout", "remote-server-timeout", "connection-timeout"),
    /** A remote server's stanza for another remote domain: this server relays nothing between other domains. */
    NO_RELAY("no-relay", "not-allowed", "improper-addressing");

    private final String code;
    private final String stanzaCondition;
    private final String streamCondition;

    ReasonCode(String code, String stanzaCondition, String streamCondition) {
        this.code = code;
        this.stanzaCondition = stanzaCondition;
        this.streamCondition = streamCondition;
    }

    @Override
    public String code() {
        return code;
    }

    /** RFC 6120 §8.3.3 condition, as its element name. */
    public String stanzaCondition() {
        return stanzaCondition;
    }

    /** RFC 6120 §4.9.3 condition, as its element name. */
    public String streamCondition() {
        return streamCondition;
    }

    /** Bundle key of the human-readable text; its argument {0} is the remote domain. */
    public String messageKey() {
        return "policy.reason." + code;
    }
}
