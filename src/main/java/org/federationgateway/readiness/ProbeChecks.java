package org.federationgateway.readiness;

import java.util.ArrayList;
import java.util.List;

import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;

/** What a partner offers (a {@link StreamProbe} result) against what its partner entry demands (Lync's negotiation settings). */
public final class ProbeChecks {
    private static final String AREA = "probe";

    private ProbeChecks() {
    }

    /** @param presentedCertificate whether the probe showed this server's certificate, without which SASL EXTERNAL is not offered */
    public static List<Finding> judge(String partner, NegotiationRules rules, StreamProbe.Result r, boolean presentedCertificate) {
        if (!r.reached()) {
            return List.of(Finding.of(AREA, partner, Verdict.FAIL, "unreachable", partner, r.failure()));
        }
        List<Finding> findings = new ArrayList<>();
        StreamProbe.Features plain = r.plain();
        if (plain.starttls()) {
            if (r.tlsProtocol().isEmpty()) {
                findings.add(Finding.of(AREA, partner, Verdict.FAIL, "tls.failed", partner, r.failure()));
                return findings;
            }
            findings.add(Finding.of(AREA, partner, Verdict.OK, "tls", partner, r.tlsProtocol(), r.cipherSuite(), r.peerSubject().isEmpty() ? "-" : r.peerSubject()));
            if (r.overTls() == null) {
                // Refused after TLS: a partner that authenticates servers by certificate closes the stream on one it cannot verify.
                boolean certificateWouldHelp = !presentedCertificate && "not-authorized".equals(r.streamError());
                findings.add(Finding.of(AREA, partner, Verdict.FAIL, certificateWouldHelp ? "refused.nocert" : "refused", partner,
                        r.streamError().isEmpty() ? r.failure() : r.streamError()));
                return findings;
            }
            if (plain.starttlsRequired() && rules.tls() == Negotiation.NOT_SUPPORTED) {
                findings.add(Finding.of(AREA, partner, Verdict.FAIL, "tls.partnerrequires", partner));
            }
        } else if (rules.tls() == Negotiation.REQUIRED) {
            findings.add(Finding.of(AREA, partner, Verdict.FAIL, "tls.missing", partner));
        } else {
            findings.add(Finding.of(AREA, partner, rules.tls() == Negotiation.NOT_SUPPORTED ? Verdict.OK : Verdict.WARNING, "tls.none", partner));
        }
        StreamProbe.Features offered = r.effective();
        boolean external = offered.saslMechanisms().stream().anyMatch("EXTERNAL"::equalsIgnoreCase);
        boolean dialback = offered.dialback() || plain.dialback();
        // As NegotiationRules.check: with TLS and SASL both required, dialback does not operate.
        boolean dialbackUsable = dialback && rules.dialback() && !(rules.tls() == Negotiation.REQUIRED && rules.sasl() == Negotiation.REQUIRED);
        boolean externalUsable = external && rules.sasl() != Negotiation.NOT_SUPPORTED;
        List<String> usable = new ArrayList<>();
        if (externalUsable) {
            usable.add("SASL EXTERNAL");
        }
        if (dialbackUsable) {
            usable.add("Server Dialback");
        }
        if (usable.isEmpty()) {
            // SASL EXTERNAL is offered only to a server whose certificate the partner trusts (RFC 6120 §6.4.3).
            boolean certificateWouldHelp = !presentedCertificate && rules.sasl() != Negotiation.NOT_SUPPORTED;
            findings.add(Finding.of(AREA, partner, Verdict.FAIL, certificateWouldHelp ? "auth.none.nocert" : "auth.none", partner,
                    offered.saslMechanisms().isEmpty() ? "-" : String.join(", ", offered.saslMechanisms())));
        } else {
            findings.add(Finding.of(AREA, partner, Verdict.OK, "auth", partner, String.join(", ", usable)));
            if (rules.sasl() == Negotiation.REQUIRED && !external) {
                findings.add(Finding.of(AREA, partner, Verdict.WARNING, "sasl.fallback", partner));
            }
        }
        return findings;
    }
}
