package org.federationgateway.policy;

/**
 * Decides, from a snapshot and the facts of a stanza or session, whether it may pass. Pure: no I/O, no
 * logging, no side effects; allowing allocates nothing.
 */
public final class PolicyEvaluator {

    /** Lync PartnerType and CsExternalAccessPolicy: partner list, the local party's access policy, partner type rules. */
    public Decision evaluate(PolicySnapshot snapshot, StanzaFacts facts) {
        if (facts.kind() == StanzaKind.ERROR) {
            return Decision.ALLOW; // failures must always reach their sender
        }
        Partner partner = snapshot.partnerFor(facts.remoteDomain());
        if (partner == null) {
            return Decision.deny(ReasonCode.NOT_A_PARTNER);
        }
        if (facts.localParty() == LocalParty.SERVER) {
            return Decision.ALLOW;
        }
        AccessPolicy policy = facts.localParty() == LocalParty.USER
                ? snapshot.policyForUser(facts.localSubject(), facts.localGroups())
                : snapshot.policyForSipAddress(facts.localSubject());
        if (!policy.xmppAccess()) {
            return Decision.deny(ReasonCode.XMPP_ACCESS_DISABLED);
        }
        PartnerType type = partner.type();
        if (snapshot.requireFederationAccess()) {
            if (type == PartnerType.FEDERATED && !policy.federationAccess()) {
                return Decision.deny(ReasonCode.FEDERATION_ACCESS_DISABLED);
            }
            if (type != PartnerType.FEDERATED && !policy.publicCloudAccess()) {
                return Decision.deny(ReasonCode.PUBLIC_CLOUD_ACCESS_DISABLED);
            }
        }
        if (facts.direction() == Direction.INBOUND) {
            if (type == PartnerType.PUBLIC_UNVERIFIED && !facts.localKnowsRemote()
                    && (facts.kind() == StanzaKind.MESSAGE || facts.kind() == StanzaKind.SUBSCRIBE)) {
                return Decision.deny(ReasonCode.PUBLIC_UNVERIFIED_NOT_IN_ROSTER);
            }
            return Decision.ALLOW;
        }
        if (facts.kind() == StanzaKind.PRESENCE && type != PartnerType.FEDERATED) {
            return Decision.ALLOW_WITHOUT_STATUS;
        }
        return Decision.ALLOW;
    }

    /** Lync's negotiation settings: whether a session's negotiated security fits its partner's rules. */
    public Decision evaluate(PolicySnapshot snapshot, SessionFacts facts) {
        Partner partner = snapshot.partnerFor(facts.remoteDomain());
        if (partner == null) {
            return Decision.deny(ReasonCode.NOT_A_PARTNER);
        }
        if (facts.method() == AuthMethod.NONE) {
            return Decision.ALLOW; // not authenticated yet; judged once it is
        }
        ReasonCode broken = partner.rules().check(facts.encrypted(), facts.method());
        if (broken != null) {
            return Decision.deny(broken);
        }
        // A self-signed certificate that Openfire accepted for SASL EXTERNAL was trusted by the administrator.
        if (facts.method() == AuthMethod.SASL_EXTERNAL
                && (facts.certificate() == CertificateState.EXPIRED || facts.certificate() == CertificateState.INVALID)) {
            return Decision.deny(ReasonCode.CERTIFICATE_INVALID);
        }
        return Decision.ALLOW;
    }

    /**
     * Lync gateway ConnectionLimit and PartnerConnectionLimit: whether one more session may stay, given how many
     * there are with this partner and in all, not counting it.
     */
    public Decision evaluateLimits(PolicySnapshot snapshot, Partner partner, int sessionsWithPartner, int sessionsInAll) {
        GatewaySettings s = snapshot.settings();
        if (sessionsInAll >= s.connectionLimit()) {
            return Decision.deny(ReasonCode.CONNECTION_LIMIT);
        }
        if (sessionsWithPartner >= partner.effectiveConnectionLimit(s.partnerConnectionLimit())) {
            return Decision.deny(ReasonCode.PARTNER_CONNECTION_LIMIT);
        }
        return Decision.ALLOW;
    }
}
