package org.federationgateway.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.federationgateway.policy.Direction;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;

/**
 * Sessions counted per partner against its connection limit, as the gateway's limits count them: inbound and
 * outbound together. A domain that is no partner is listed under itself with no limit.
 *
 * @param partner  the partner's primary domain, or the remote domain
 * @param isPartner whether it is an allowed partner
 * @param inbound  inbound sessions
 * @param outbound outbound sessions
 * @param limit    the partner's connection limit, or 0 for a non-partner
 */
public record PartnerSessions(String partner, boolean isPartner, int inbound, int outbound, int limit) {
    public PartnerSessions {
        Objects.requireNonNull(partner, "partner");
        if (inbound < 0 || outbound < 0 || limit < 0) {
            throw new IllegalArgumentException("counts and limit cannot be negative");
        }
    }

    public int total() {
        return inbound + outbound;
    }

    public boolean atLimit() {
        return isPartner && total() >= limit;
    }

    /** One row per partner with sessions (and per non-partner domain), sorted by name. */
    public static List<PartnerSessions> of(List<LiveSession> sessions, PolicySnapshot policy) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Partner> partners = new TreeMap<>();
        for (LiveSession s : sessions) {
            Partner p = policy.partnerFor(s.remoteDomain());
            String key = p == null ? s.remoteDomain() : p.primaryDomain().value();
            if (p != null) {
                partners.put(key, p);
            }
            counts.computeIfAbsent(key, k -> new int[2])[s.direction() == Direction.INBOUND ? 0 : 1]++;
        }
        List<PartnerSessions> rows = new ArrayList<>();
        counts.forEach((key, c) -> {
            Partner p = partners.get(key);
            int limit = p == null ? 0 : p.effectiveConnectionLimit(policy.settings().partnerConnectionLimit());
            rows.add(new PartnerSessions(key, p != null, c[0], c[1], limit));
        });
        return List.copyOf(rows);
    }
}
