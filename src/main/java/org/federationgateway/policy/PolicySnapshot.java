package org.federationgateway.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the policy needs, immutable and indexed so that each lookup is a hash probe. An
 * administrative change builds a new snapshot and swaps it in after its transaction commits; a stanza
 * in flight keeps the snapshot it started with.
 */
public final class PolicySnapshot {
    private final List<Partner> partners;
    private final Map<String, Partner> byExactDomain = new HashMap<>();
    private final Map<String, Partner> byWildcardBase = new HashMap<>();
    private final Map<String, AccessPolicy> policies = new HashMap<>();
    private final Map<String, AccessPolicy> byUser = new HashMap<>();
    private final Map<String, AccessPolicy> bySipAddress = new HashMap<>();
    private final Map<String, AccessPolicy> byGroup = new HashMap<>();
    private final List<Assignment> assignments;
    private final AccessPolicy global;
    private final GatewaySettings settings;
    private final boolean requireFederationAccess;

    /**
     * @param requireFederationAccess Lync's strict reading: besides EnableXmppAccess, a user needs
     *                                EnableFederationAccess (Federated partners) or EnablePublicCloudAccess
     *                                (public partners)
     */
    public PolicySnapshot(Collection<Partner> partners, Collection<AccessPolicy> policies, Collection<Assignment> assignments,
                          GatewaySettings settings, boolean requireFederationAccess) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requireFederationAccess = requireFederationAccess;
        List<Partner> sorted = new ArrayList<>(partners);
        sorted.sort(Comparator.comparing(Partner::primaryDomain));
        this.partners = List.copyOf(sorted);
        for (Partner p : this.partners) {
            claim(byExactDomain, p.primaryDomain().value(), p, false);
            for (DomainPattern d : p.additionalDomains()) {
                claim(d.wildcard() ? byWildcardBase : byExactDomain, d.base().value(), p, d.wildcard());
            }
        }
        for (AccessPolicy policy : policies) {
            if (this.policies.put(policy.name(), policy) != null) {
                throw new InvalidFieldException("name", "policy.error.policy.duplicate", "two policies are named " + policy.name(), policy.name());
            }
        }
        this.policies.putIfAbsent(AccessPolicy.GLOBAL, AccessPolicy.globalDefaults());
        this.global = this.policies.get(AccessPolicy.GLOBAL);
        this.assignments = List.copyOf(assignments);
        for (Assignment a : this.assignments) {
            AccessPolicy policy = this.policies.get(a.policy());
            if (policy == null) {
                throw new InvalidFieldException("policy", "policy.error.assignment.unknownPolicy",
                        "the assignment of " + a.subject() + " names a policy that does not exist: " + a.policy(), a.subject(), a.policy());
            }
            Map<String, AccessPolicy> index = switch (a.kind()) {
                case USER -> byUser;
                case GROUP -> byGroup;
                case SIP -> bySipAddress;
            };
            index.put(a.subject(), policy);
        }
    }

    public static PolicySnapshot empty(GatewaySettings settings) {
        return new PolicySnapshot(List.of(), List.of(AccessPolicy.globalDefaults()), List.of(), settings, false);
    }

    private static void claim(Map<String, Partner> index, String domain, Partner partner, boolean wildcard) {
        Partner previous = index.putIfAbsent(domain, partner);
        if (previous != null && previous != partner) {
            String shown = wildcard ? "*." + domain : domain;
            throw new InvalidFieldException("additionalDomains", "policy.error.partner.domainTaken",
                    shown + " already belongs to partner " + previous.primaryDomain(), shown, previous.primaryDomain().value());
        }
    }

    /**
     * The partner a canonical domain belongs to, or null. Exact domains win; otherwise the nearest
     * {@code *.parent} wildcard. The common case, a partner's own domain, allocates nothing.
     */
    public Partner partnerFor(String domain) {
        Partner exact = byExactDomain.get(domain);
        if (exact != null || byWildcardBase.isEmpty()) {
            return exact;
        }
        for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
            Partner p = byWildcardBase.get(domain.substring(dot + 1));
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * Whether the user's groups can change their policy: some group has a policy and the user none of their own.
     * Only then does the adapter gather the user's groups as a fact before the decision.
     */
    public boolean groupsMatterFor(String username) {
        return !byGroup.isEmpty() && !byUser.containsKey(username);
    }

    /**
     * User assignment, then group assignment, then global. A user in several groups with policies gets the
     * policy of the group whose name sorts first (case-insensitively): deterministic and easy to explain;
     * assign the user directly to choose otherwise.
     *
     * @param groups the user's groups, gathered beforehand (no lookup happens here)
     */
    public EffectivePolicy effectiveForUser(String username, Collection<String> groups) {
        AccessPolicy direct = byUser.get(username);
        if (direct != null) {
            return new EffectivePolicy(direct, AssignmentKind.USER, username);
        }
        if (!byGroup.isEmpty()) {
            List<String> names = new ArrayList<>(groups);
            names.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
            for (String g : names) {
                AccessPolicy policy = byGroup.get(g);
                if (policy != null) {
                    return new EffectivePolicy(policy, AssignmentKind.GROUP, g);
                }
            }
        }
        return new EffectivePolicy(global, null, null);
    }

    /** SIP address assignment, then global (SIP-homed addresses are in no Openfire group). */
    public EffectivePolicy effectiveForSipAddress(String address) {
        AccessPolicy direct = bySipAddress.get(address);
        return direct != null ? new EffectivePolicy(direct, AssignmentKind.SIP, address) : new EffectivePolicy(global, null, null);
    }

    /** The policy alone, on the hot path: no record is built when a user assignment or none applies. */
    AccessPolicy policyForUser(String username, Collection<String> groups) {
        AccessPolicy direct = byUser.get(username);
        if (direct != null) {
            return direct;
        }
        return byGroup.isEmpty() ? global : effectiveForUser(username, groups).policy();
    }

    AccessPolicy policyForSipAddress(String address) {
        AccessPolicy direct = bySipAddress.get(address);
        return direct != null ? direct : global;
    }

    public List<Partner> partners() {
        return partners;
    }

    public Collection<AccessPolicy> policies() {
        return Collections.unmodifiableCollection(policies.values());
    }

    public AccessPolicy policy(String name) {
        return policies.get(AccessPolicy.normaliseName(name));
    }

    public List<Assignment> assignments() {
        return assignments;
    }

    public GatewaySettings settings() {
        return settings;
    }

    public boolean requireFederationAccess() {
        return requireFederationAccess;
    }

    /** The same partners, policies and assignments with other gateway settings. */
    public PolicySnapshot withSettings(GatewaySettings newSettings) {
        return new PolicySnapshot(partners, policies.values(), assignments, newSettings, requireFederationAccess);
    }

    /** The same policy with Lync's strict or lenient reading of the access flags (see {@link AccessPolicy}). */
    public PolicySnapshot withRequireFederationAccess(boolean required) {
        return new PolicySnapshot(partners, policies.values(), assignments, settings, required);
    }
}
