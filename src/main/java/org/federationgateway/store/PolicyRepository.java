package org.federationgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;

/**
 * Partners, access policies and assignments in the plugin's tables (database/federationgateway_*.sql).
 * Every method works inside the caller's transaction; enums are stored as their stable codes.
 */
public final class PolicyRepository {

    /** What is stored, read in one go to build a snapshot, with the generation it is current for. */
    public record Contents(List<Partner> partners, List<AccessPolicy> policies, List<Assignment> assignments, long generation) {
    }

    public Contents load(Connection c) throws SQLException {
        // The generation first: at READ COMMITTED each statement sees what was committed when it ran, so a change
        // committed between the reads must leave an older generation beside the newer contents (reloaded again at the
        // next check), never a newer generation beside older contents (which no check would reload).
        long generation = generation(c);
        return new Contents(loadPartners(c), loadPolicies(c), loadAssignments(c), generation);
    }

    /** The stored policy generation (fgwPolicyGeneration); 0 where the row is missing. */
    public long generation(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM fgwPolicyGeneration WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Raises the generation by one inside the caller's transaction and returns the new value. The UPDATE takes the
     * row's lock, so two nodes committing at once get two different generations.
     */
    public long nextGeneration(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE fgwPolicyGeneration SET generation = generation + 1 WHERE id = 1")) {
            if (ps.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO fgwPolicyGeneration (id, generation) VALUES (1, 1)")) {
                    insert.executeUpdate();
                }
            }
        }
        return generation(c);
    }

    List<Partner> loadPartners(Connection c) throws SQLException {
        Map<String, List<DomainPattern>> extra = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT partner, extraDomain FROM fgwPartnerDomain");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                extra.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(DomainPattern.parse(rs.getString(2), "additionalDomains"));
            }
        }
        List<Partner> partners = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT primaryDomain, partnerType, tlsNegotiation, saslNegotiation, dialback, "
                + "keepAlive, connectionLimit, proxyFqdn, description FROM fgwPartner");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String domain = rs.getString(1);
                int limit = rs.getInt(7);
                Integer connectionLimit = rs.wasNull() ? null : limit;
                String proxy = rs.getString(8);
                partners.add(new Partner(Domain.parse(domain), extra.getOrDefault(domain, List.of()), PartnerType.fromCode(rs.getString(2)),
                        new NegotiationRules(Negotiation.fromCode(rs.getString(3), "tlsNegotiation"),
                                Negotiation.fromCode(rs.getString(4), "saslNegotiation"), rs.getInt(5) != 0),
                        rs.getInt(6) != 0, connectionLimit, proxy == null ? null : Domain.parse(proxy, "proxyFqdn"), rs.getString(9)));
            }
        }
        return partners;
    }

    List<AccessPolicy> loadPolicies(Connection c) throws SQLException {
        List<AccessPolicy> policies = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, description, xmppAccess, federationAccess, publicCloudAccess, outsideAccess FROM fgwAccessPolicy");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                policies.add(new AccessPolicy(rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getInt(4) != 0, rs.getInt(5) != 0, rs.getInt(6) != 0));
            }
        }
        return policies;
    }

    List<Assignment> loadAssignments(Connection c) throws SQLException {
        List<Assignment> assignments = new ArrayList<>();
        // A few policies serve many subjects: one String per policy name, not one per row as the driver returns them.
        Map<String, String> policyNames = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT subjectKind, subject, policy FROM fgwPolicyAssignment");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String policy = rs.getString(3);
                assignments.add(new Assignment(AssignmentKind.fromCode(rs.getString(1)), rs.getString(2), policyNames.computeIfAbsent(policy, p -> p)));
            }
        }
        return assignments;
    }

    public void insertPartner(Connection c, Partner p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fgwPartner (primaryDomain, partnerType, tlsNegotiation, saslNegotiation, "
                + "dialback, keepAlive, connectionLimit, proxyFqdn, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.primaryDomain().value());
            ps.setString(2, p.type().code());
            ps.setString(3, p.rules().tls().code());
            ps.setString(4, p.rules().sasl().code());
            ps.setInt(5, p.rules().dialback() ? 1 : 0);
            ps.setInt(6, p.keepAlive() ? 1 : 0);
            if (p.connectionLimit() == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, p.connectionLimit());
            }
            ps.setString(8, p.proxyFqdn() == null ? null : p.proxyFqdn().value());
            ps.setString(9, p.description().isEmpty() ? null : p.description());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fgwPartnerDomain (extraDomain, partner) VALUES (?, ?)")) {
            for (DomainPattern d : p.additionalDomains()) {
                ps.setString(1, d.toString());
                ps.setString(2, p.primaryDomain().value());
                ps.addBatch();
            }
            if (!p.additionalDomains().isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    public void deletePartner(Connection c, Domain primaryDomain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM fgwPartnerDomain WHERE partner = ?")) {
            ps.setString(1, primaryDomain.value());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM fgwPartner WHERE primaryDomain = ?")) {
            ps.setString(1, primaryDomain.value());
            ps.executeUpdate();
        }
    }

    public void upsertPolicy(Connection c, AccessPolicy p) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE fgwAccessPolicy SET description = ?, xmppAccess = ?, federationAccess = ?, "
                + "publicCloudAccess = ?, outsideAccess = ? WHERE name = ?")) {
            bindPolicy(ps, p, 1);
            ps.setString(6, p.name());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO fgwAccessPolicy (description, xmppAccess, federationAccess, "
                    + "publicCloudAccess, outsideAccess, name) VALUES (?, ?, ?, ?, ?, ?)")) {
                bindPolicy(ps, p, 1);
                ps.setString(6, p.name());
                ps.executeUpdate();
            }
        }
    }

    private static void bindPolicy(PreparedStatement ps, AccessPolicy p, int first) throws SQLException {
        ps.setString(first, p.description().isEmpty() ? null : p.description());
        ps.setInt(first + 1, p.xmppAccess() ? 1 : 0);
        ps.setInt(first + 2, p.federationAccess() ? 1 : 0);
        ps.setInt(first + 3, p.publicCloudAccess() ? 1 : 0);
        ps.setInt(first + 4, p.outsideAccess() ? 1 : 0);
    }

    /** Deletes a policy and the assignments that name it. */
    public void deletePolicy(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM fgwPolicyAssignment WHERE policy = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM fgwAccessPolicy WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    public void upsertAssignment(Connection c, Assignment a) throws SQLException {
        deleteAssignment(c, a.kind(), a.subject());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fgwPolicyAssignment (subjectKind, subject, policy) VALUES (?, ?, ?)")) {
            ps.setString(1, a.kind().code());
            ps.setString(2, a.subject());
            ps.setString(3, a.policy());
            ps.executeUpdate();
        }
    }

    public void deleteAssignment(Connection c, AssignmentKind kind, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM fgwPolicyAssignment WHERE subjectKind = ? AND subject = ?")) {
            ps.setString(1, kind.code());
            ps.setString(2, subject);
            ps.executeUpdate();
        }
    }
}
