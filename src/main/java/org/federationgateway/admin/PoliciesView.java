package org.federationgateway.admin;

import java.util.List;
import java.util.Map;

/**
 * External access policies, their assignments and the "effective policy for ..." lookup.
 *
 * @param policies         the global policy first, then the named ones by name
 * @param assignments      by kind, then subject
 * @param policyFields     the policy form's values by field name
 * @param policyErrors     the policy form's errors by field name ({@code page} for one about the whole page)
 * @param assignmentFields the assignment form's values by field name
 * @param assignmentErrors the assignment form's errors by field name
 * @param done             what the last change did, or empty
 * @param lookup           the lookup's answer; null when none was asked
 */
public record PoliciesView(List<PolicyRow> policies, List<AssignmentRow> assignments, Map<String, String> policyFields,
                           Map<String, String> policyErrors, Map<String, String> assignmentFields, Map<String, String> assignmentErrors,
                           String done, PolicyLookup lookup) implements ViewModel {
    private static final List<String> KINDS = List.of("user", "group", "sip");
    private static final List<String> FLAGS = List.of("xmppAccess", "federationAccess", "publicCloudAccess", "outsideAccess");

    public PoliciesView {
        policies = Views.list(policies, "policies");
        assignments = Views.list(assignments, "assignments");
        policyFields = Views.map(policyFields, "policyFields");
        policyErrors = Views.map(policyErrors, "policyErrors");
        assignmentFields = Views.map(assignmentFields, "assignmentFields");
        assignmentErrors = Views.map(assignmentErrors, "assignmentErrors");
        Views.text(done, "done");
    }

    /** The kinds of subject a policy is assigned to. */
    public List<String> kinds() {
        return KINDS;
    }

    /** The access flags of a policy, in the order the table shows them. */
    public List<String> flags() {
        return FLAGS;
    }

    /** One policy; {@code flags} by the names in {@link #flags()}. */
    public record PolicyRow(String name, String description, Map<String, Boolean> flags, boolean global) {
        public PolicyRow {
            Views.texts("name", name, "description", description);
            flags = Views.map(flags, "flags");
            if (!flags.keySet().equals(java.util.Set.copyOf(FLAGS))) {
                throw new IllegalArgumentException("a policy row needs exactly the flags " + FLAGS + ", not " + flags.keySet());
            }
        }
    }

    public record AssignmentRow(String kind, String subject, String policy) {
        public AssignmentRow {
            Views.texts("kind", kind, "subject", subject, "policy", policy);
        }
    }

    /** Which policy applies to {@code who} (a user or a SIP-homed address, by {@code kind}), and why. */
    public record PolicyLookup(String who, String kind, String policy, String because) {
        public PolicyLookup {
            Views.texts("who", who, "kind", kind, "policy", policy, "because", because);
        }
    }
}
