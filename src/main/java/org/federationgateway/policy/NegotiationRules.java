package org.federationgateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A partner's TLS, SASL and dialback settings (Lync's negotiation settings). The five combinations that leave no way to
 * authenticate are refused at construction; the ones the matrix warns about are kept with their warnings.
 */
public record NegotiationRules(Negotiation tls, Negotiation sasl, boolean dialback) {
    public static final NegotiationRules DEFAULT = new NegotiationRules(Negotiation.REQUIRED, Negotiation.REQUIRED, true);

    public NegotiationRules {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(sasl, "sasl");
        if (!dialback && sasl == Negotiation.NOT_SUPPORTED) {
            throw new InvalidFieldException("dialback", "policy.error.negotiation.noAuthentication",
                    "SASL or dialback must be enabled: with SASL not supported and dialback off, a partner cannot authenticate");
        }
        if (!dialback && tls == Negotiation.NOT_SUPPORTED) {
            throw new InvalidFieldException("saslNegotiation", "policy.error.negotiation.saslWithoutTls",
                    "SASL needs TLS: with TLS not supported and dialback off, a partner cannot authenticate");
        }
    }

    public List<NegotiationWarning> warnings() {
        List<NegotiationWarning> warnings = new ArrayList<>(2);
        if (tls == Negotiation.REQUIRED && sasl == Negotiation.REQUIRED && dialback) {
            warnings.add(NegotiationWarning.DIALBACK_UNUSED);
        }
        if (sasl != Negotiation.NOT_SUPPORTED && tls != Negotiation.REQUIRED) {
            warnings.add(NegotiationWarning.SASL_NEEDS_TLS);
        }
        return List.copyOf(warnings);
    }

    /**
     * Whether a session that negotiated this way is allowed, or the reason it is not. TLS "not supported"
     * does not refuse a session that did use TLS: Openfire's TLS policy is server-wide, and refusing
     * encryption would only make the link less safe.
     */
    ReasonCode check(boolean encrypted, AuthMethod method) {
        if (tls == Negotiation.REQUIRED && !encrypted) {
            return ReasonCode.TLS_REQUIRED;
        }
        switch (method) {
            case SASL_EXTERNAL:
                return sasl == Negotiation.NOT_SUPPORTED ? ReasonCode.SASL_NOT_SUPPORTED : null;
            case DIALBACK:
                if (!dialback) {
                    return ReasonCode.DIALBACK_NOT_SUPPORTED;
                }
                // Lync: with TLS and SASL both required, dialback does not operate.
                return tls == Negotiation.REQUIRED && sasl == Negotiation.REQUIRED ? ReasonCode.SASL_REQUIRED : null;
            case OTHER:
                return ReasonCode.AUTH_METHOD_UNKNOWN;
            default:
                return null;
        }
    }
}
