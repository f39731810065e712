package org.federationgateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;

/**
 * Every administrative change to partners, policies and assignments: validated by building the next
 * snapshot first, written in one transaction, and swapped in only after the commit. A failed change
 * leaves both the database and the running policy as they were. No restart is ever needed.
 *
 * <p>Each change also raises the policy generation stored beside it, in the same transaction. Where several
 * servers share the database (an Openfire cluster), {@link #reloadIfChanged} compares the stored generation with
 * the one this copy was built from and reloads when another server changed the policy.
 */
public final class PolicyService {
    private final Transactions transactions;
    private final PolicyRepository repository;
    private final AtomicReference<PolicySnapshot> current;
    /** The stored generation the current snapshot was built from; -1 when nothing could be loaded yet. */
    private volatile long generation;
    private volatile Runnable committed = () -> { };

    private PolicyService(Transactions transactions, PolicyRepository repository, PolicySnapshot initial, long generation) {
        this.transactions = transactions;
        this.repository = repository;
        this.current = new AtomicReference<>(initial);
        this.generation = generation;
    }

    /** Loads what is stored and builds the first snapshot. */
    public static PolicyService load(Transactions transactions, GatewaySettings settings, boolean requireFederationAccess) {
        PolicyRepository repository = new PolicyRepository();
        PolicyRepository.Contents stored = transactions.read("load federation policy", repository::load);
        return new PolicyService(transactions, repository,
                new PolicySnapshot(stored.partners(), stored.policies(), stored.assignments(), settings, requireFederationAccess),
                stored.generation());
    }

    /**
     * A service with nothing stored yet loaded: no partner, so nothing federates. Its generation is unknown, so the
     * first {@link #reloadIfChanged} that reaches the database loads what is stored.
     */
    public static PolicyService empty(Transactions transactions, GatewaySettings settings) {
        return new PolicyService(transactions, new PolicyRepository(), PolicySnapshot.empty(settings), -1);
    }

    public PolicySnapshot current() {
        return current.get();
    }

    /** The stored generation the running policy was built from (-1 before the first successful load). */
    public long generation() {
        return generation;
    }

    /** Called after each change this service committed (for example to tell the other nodes of a cluster). */
    public void onCommitted(Runnable listener) {
        committed = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Reloads partners, policies and assignments when the stored generation differs from the running one, keeping
     * the gateway settings (they live in Openfire's properties). One read when nothing changed.
     *
     * @return the change, or empty when the running policy was current
     * @throws StoreException when the database cannot be read; the running policy stays in force
     */
    public synchronized java.util.Optional<Reload> reloadIfChanged() {
        long stored = transactions.read("read the policy generation", repository::generation);
        if (stored == generation) {
            return java.util.Optional.empty();
        }
        PolicyRepository.Contents contents = transactions.read("reload federation policy", repository::load);
        PolicySnapshot s = current();
        current.set(new PolicySnapshot(contents.partners(), contents.policies(), contents.assignments(), s.settings(), s.requireFederationAccess()));
        Reload reload = new Reload(generation, contents.generation());
        generation = contents.generation();
        return java.util.Optional.of(reload);
    }

    /** The running policy after catching up with changes other servers stored, so a change is judged against them. */
    private PolicySnapshot fresh() {
        reloadIfChanged();
        return current();
    }

    /** A reload from one stored generation to another. */
    public record Reload(long from, long to) {
    }

    public synchronized void addPartner(Partner partner) {
        PolicySnapshot s = fresh();
        if (s.partnerFor(partner.primaryDomain().value()) != null
                && s.partners().stream().anyMatch(p -> p.primaryDomain().equals(partner.primaryDomain()))) {
            throw new InvalidFieldException("primaryDomain", "policy.error.partner.exists",
                    "a partner with the domain " + partner.primaryDomain() + " already exists", partner.primaryDomain().value());
        }
        List<Partner> partners = new ArrayList<>(s.partners());
        partners.add(partner);
        commit("add partner " + partner.primaryDomain(), rebuild(s, partners, null, null),
                c -> repository.insertPartner(c, partner));
    }

    /** Replaces a partner, possibly under a new primary domain. */
    public synchronized void updatePartner(Domain original, Partner updated) {
        PolicySnapshot s = fresh();
        List<Partner> partners = new ArrayList<>(s.partners());
        if (!partners.removeIf(p -> p.primaryDomain().equals(original))) {
            throw new InvalidFieldException("primaryDomain", "policy.error.partner.missing", "no partner " + original, original.value());
        }
        if (!original.equals(updated.primaryDomain()) && partners.stream().anyMatch(p -> p.primaryDomain().equals(updated.primaryDomain()))) {
            throw new InvalidFieldException("primaryDomain", "policy.error.partner.exists",
                    "a partner with the domain " + updated.primaryDomain() + " already exists", updated.primaryDomain().value());
        }
        partners.add(updated);
        commit("update partner " + original, rebuild(s, partners, null, null), c -> {
            repository.deletePartner(c, original);
            repository.insertPartner(c, updated);
        });
    }

    public synchronized void deletePartner(Domain primaryDomain) {
        PolicySnapshot s = fresh();
        List<Partner> partners = new ArrayList<>(s.partners());
        partners.removeIf(p -> p.primaryDomain().equals(primaryDomain));
        commit("delete partner " + primaryDomain, rebuild(s, partners, null, null), c -> repository.deletePartner(c, primaryDomain));
    }

    /** One change applied to every partner (e.g. "SASL Required for all"), all or nothing. */
    public synchronized int updateAllPartners(UnaryOperator<Partner> change) {
        PolicySnapshot s = fresh();
        List<Partner> changed = s.partners().stream().map(change).toList();
        commit("update all partners", rebuild(s, changed, null, null), c -> {
            for (Partner old : s.partners()) {
                repository.deletePartner(c, old.primaryDomain());
            }
            for (Partner p : changed) {
                repository.insertPartner(c, p);
            }
        });
        return changed.size();
    }

    public synchronized void savePolicy(AccessPolicy policy) {
        PolicySnapshot s = fresh();
        List<AccessPolicy> policies = new ArrayList<>(s.policies());
        policies.removeIf(p -> p.name().equals(policy.name()));
        policies.add(policy);
        commit("save policy " + policy.name(), rebuild(s, null, policies, null), c -> repository.upsertPolicy(c, policy));
    }

    /** Deletes a named policy and its assignments; the global policy cannot be deleted, only reset. */
    public synchronized void deletePolicy(String name) {
        String normalised = AccessPolicy.normaliseName(name);
        if (AccessPolicy.GLOBAL.equals(normalised)) {
            throw new InvalidFieldException("name", "policy.error.policy.globalDelete", "the global policy cannot be deleted; reset it instead");
        }
        PolicySnapshot s = fresh();
        List<AccessPolicy> policies = new ArrayList<>(s.policies());
        policies.removeIf(p -> p.name().equals(normalised));
        List<Assignment> assignments = new ArrayList<>(s.assignments());
        assignments.removeIf(a -> a.policy().equals(normalised));
        commit("delete policy " + normalised, rebuild(s, null, policies, assignments), c -> repository.deletePolicy(c, normalised));
    }

    /** What an import changed, by kind. */
    public record ImportCounts(int partners, int policies, int assignments) {
    }

    /**
     * An import: every item added, or replacing the one with the same identity (partner domain, policy name,
     * assignment subject), in one transaction; items not imported stay. Nothing is written if the result
     * would be invalid (the next snapshot is built first).
     */
    public synchronized ImportCounts importAll(List<Partner> newPartners, List<AccessPolicy> newPolicies, List<Assignment> newAssignments) {
        PolicySnapshot s = current();
        List<Partner> partners = new ArrayList<>(s.partners());
        for (Partner p : newPartners) {
            partners.removeIf(old -> old.primaryDomain().equals(p.primaryDomain()));
            partners.add(p);
        }
        List<AccessPolicy> policies = new ArrayList<>(s.policies());
        for (AccessPolicy p : newPolicies) {
            policies.removeIf(old -> old.name().equals(p.name()));
            policies.add(p);
        }
        List<Assignment> assignments = new ArrayList<>(s.assignments());
        for (Assignment a : newAssignments) {
            assignments.removeIf(old -> old.kind() == a.kind() && old.subject().equals(a.subject()));
            assignments.add(a);
        }
        PolicySnapshot next = rebuild(s, partners, policies, assignments);
        commit("import " + newPartners.size() + " partners, " + newPolicies.size() + " policies, " + newAssignments.size() + " assignments",
                next, c -> {
                    for (Partner p : newPartners) {
                        repository.deletePartner(c, p.primaryDomain());
                        repository.insertPartner(c, p);
                    }
                    for (AccessPolicy p : newPolicies) {
                        repository.upsertPolicy(c, p);
                    }
                    for (Assignment a : newAssignments) {
                        repository.upsertAssignment(c, a);
                    }
                });
        return new ImportCounts(newPartners.size(), newPolicies.size(), newAssignments.size());
    }

    public synchronized void resetGlobal() {
        savePolicy(AccessPolicy.globalDefaults());
    }

    public synchronized void assign(Assignment assignment) {
        PolicySnapshot s = fresh();
        List<Assignment> assignments = new ArrayList<>(s.assignments());
        assignments.removeIf(a -> a.kind() == assignment.kind() && a.subject().equals(assignment.subject()));
        assignments.add(assignment);
        commit("assign " + assignment.policy() + " to " + assignment.subject(), rebuild(s, null, null, assignments),
                c -> repository.upsertAssignment(c, assignment));
    }

    public synchronized void unassign(AssignmentKind kind, String subject) {
        PolicySnapshot s = fresh();
        Assignment probe = new Assignment(kind, subject, AccessPolicy.GLOBAL);
        List<Assignment> assignments = new ArrayList<>(s.assignments());
        assignments.removeIf(a -> a.kind() == kind && a.subject().equals(probe.subject()));
        commit("unassign " + probe.subject(), rebuild(s, null, null, assignments), c -> repository.deleteAssignment(c, kind, probe.subject()));
    }

    /** Gateway settings live in Openfire's properties; the running policy picks them up here. */
    public synchronized void applySettings(GatewaySettings settings) {
        current.set(current().withSettings(settings));
    }

    /** Whether EnableFederationAccess / EnablePublicCloudAccess are required besides EnableXmppAccess. */
    public synchronized void applyRequireFederationAccess(boolean required) {
        current.set(current().withRequireFederationAccess(required));
    }

    private static PolicySnapshot rebuild(PolicySnapshot s, List<Partner> partners, List<AccessPolicy> policies, List<Assignment> assignments) {
        return new PolicySnapshot(partners == null ? s.partners() : partners, policies == null ? s.policies() : policies,
                assignments == null ? s.assignments() : assignments, s.settings(), s.requireFederationAccess());
    }

    @FunctionalInterface
    private interface Writes {
        void run(java.sql.Connection c) throws java.sql.SQLException;
    }

    private void commit(String operation, PolicySnapshot next, Writes writes) {
        Objects.requireNonNull(next);
        long[] committedGeneration = new long[1];
        transactions.inTransaction(operation, c -> {
            writes.run(c);
            committedGeneration[0] = repository.nextGeneration(c);
            return null;
        });
        current.set(next);
        // A change made elsewhere in between would be lost by jumping to this number; the next check reloads it then.
        generation = committedGeneration[0] == generation + 1 ? committedGeneration[0] : generation;
        committed.run();
    }
}
