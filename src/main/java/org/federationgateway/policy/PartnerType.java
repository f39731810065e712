package org.federationgateway.policy;

/** How far a partner is trusted (Lync -PartnerType). */
public enum PartnerType implements StableCode {
    /** Same enterprise or an established relationship: users may add, see and message freely, and see status notes. */
    FEDERATED("federated"),
    /** A public provider trusted to verify identities: may add and message freely; never sees status notes. */
    PUBLIC_VERIFIED("public-verified"),
    /** A public provider not trusted to verify identities: may only message or subscribe to users who added them first. */
    PUBLIC_UNVERIFIED("public-unverified");

    private final String code;

    PartnerType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static PartnerType fromCode(String code) {
        return StableCode.fromCode(PartnerType.class, code, "partnerType");
    }
}
