package org.federationgateway.policy;

import java.util.Locale;
import java.util.Objects;

/** One policy assigned to one user, group or SIP-homed address. Subjects are compared case-insensitively. */
public record Assignment(AssignmentKind kind, String subject, String policy) {
    public Assignment {
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject.strip();
        if (subject.isEmpty() || subject.length() > 255) {
            throw new InvalidFieldException("subject", "policy.error.assignment.subject", "the user, group or address is required (at most 255 characters)");
        }
        if (kind != AssignmentKind.GROUP) {
            subject = subject.toLowerCase(Locale.ROOT);
        }
        if (kind == AssignmentKind.SIP && (subject.indexOf('@') < 1 || subject.contains("/") || subject.startsWith("sip:"))) {
            throw new InvalidFieldException("subject", "policy.error.assignment.sipAddress",
                    "a SIP-homed address is written user@domain, without sip: or a resource", subject);
        }
        policy = AccessPolicy.normaliseName(policy);
        if (policy.isEmpty()) {
            throw new InvalidFieldException("policy", "policy.error.assignment.policy", "choose a policy");
        }
    }
}
