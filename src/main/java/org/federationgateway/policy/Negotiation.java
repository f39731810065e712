package org.federationgateway.policy;

/** Lync's TlsNegotiation / SaslNegotiation values. "Optional" means used if available (the cmdlet help's meaning). */
public enum Negotiation implements StableCode {
    REQUIRED("required"),
    OPTIONAL("optional"),
    NOT_SUPPORTED("not-supported");

    private final String code;

    Negotiation(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Negotiation fromCode(String code, String field) {
        return StableCode.fromCode(Negotiation.class, code, field);
    }
}
