package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.EffectivePolicy;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.StoreException;

/**
 * External access policies (Lync *-CsExternalAccessPolicy and Grant-CsExternalAccessPolicy): the global
 * policy and named ones, their assignments to users, groups and SIP-homed addresses, and the "effective
 * policy for ..." lookup that says which assignment won.
 */
public final class PoliciesPage implements PageController {
    static final String[] POLICY_FIELDS = {"name", "description", "xmppAccess", "federationAccess", "publicCloudAccess", "outsideAccess"};
    static final String[] ASSIGNMENT_FIELDS = {"kind", "subject", "policy"};

    private final PolicyService policy;
    private final GroupMembership groups;
    private final Messages messages;

    public PoliciesPage(PolicyService policy, GroupMembership groups, Messages messages) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            return post(request);
        }
        String edit = request.getParameter("edit");
        AccessPolicy editing = edit == null ? null : policy.current().policy(edit);
        Map<String, String> policyFields = editing == null ? Map.of("xmppAccess", "false") : fieldsOf(editing);
        String done = request.getParameter("done");
        String doneText = done != null && done.startsWith("policies.") ? messages.get(done, String.valueOf(request.getParameter("subject"))) : "";
        return view(policyFields, Map.of(), Map.of(), Map.of(), doneText, lookup(request));
    }

    private PageResult post(HttpServletRequest request) {
        String action = String.valueOf(request.getParameter("action"));
        FormErrors errors = new FormErrors(messages);
        try {
            switch (action) {
                case "save-policy" -> {
                    FormFields form = new FormFields(request, errors, POLICY_FIELDS);
                    AccessPolicy p = PartnerForm.field(errors, "name", () -> new AccessPolicy(form.text("name"), form.text("description"),
                            form.checkbox("xmppAccess"), form.checkbox("federationAccess"), form.checkbox("publicCloudAccess"), form.checkbox("outsideAccess")));
                    if (p == null) {
                        return view(form.typed(), errors.asMap(), Map.of(), Map.of(), null, null);
                    }
                    policy.savePolicy(p);
                    return done("policies.saved", p.name());
                }
                case "delete-policy" -> {
                    policy.deletePolicy(request.getParameter("name"));
                    return done("policies.deleted", request.getParameter("name"));
                }
                case "reset-global" -> {
                    policy.resetGlobal();
                    return done("policies.reset", AccessPolicy.GLOBAL);
                }
                case "assign" -> {
                    FormFields form = new FormFields(request, errors, ASSIGNMENT_FIELDS);
                    AssignmentKind kind = PartnerForm.field(errors, "kind", () -> AssignmentKind.fromCode(form.text("kind")));
                    Assignment a = kind == null ? null : PartnerForm.field(errors, "subject", () -> new Assignment(kind, form.text("subject"), form.text("policy")));
                    if (a == null) {
                        return view(Map.of(), Map.of(), form.typed(), errors.asMap(), null, null);
                    }
                    try {
                        policy.assign(a);
                    } catch (InvalidFieldException e) {
                        errors.add("policy", e.messageKey(), e.arguments());
                        return view(Map.of(), Map.of(), form.typed(), errors.asMap(), null, null);
                    }
                    return done("policies.assigned", a.subject());
                }
                case "unassign" -> {
                    policy.unassign(AssignmentKind.fromCode(request.getParameter("kind")), request.getParameter("subject"));
                    return done("policies.unassigned", request.getParameter("subject"));
                }
                default -> {
                    return PageResult.redirect("policies.jsp");
                }
            }
        } catch (InvalidFieldException e) {
            errors.add("page", e.messageKey(), e.arguments());
        } catch (StoreException e) {
            errors.add("page", "form.error.store", e.getMessage());
        }
        return view(Map.of(), errors.asMap(), Map.of(), Map.of(), null, null);
    }

    private static PageResult done(String key, String subject) {
        return PageResult.redirect("policies.jsp?done=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&subject=" + URLEncoder.encode(subject == null ? "" : subject, StandardCharsets.UTF_8));
    }

    /** "Effective policy for ...": which policy applies to a user or SIP-homed address, and why. */
    private PoliciesView.PolicyLookup lookup(HttpServletRequest request) {
        String who = request.getParameter("lookup");
        if (who == null || who.isBlank()) {
            return null;
        }
        String kind = "sip".equals(request.getParameter("lookupKind")) ? "sip" : "user";
        PolicySnapshot s = policy.current();
        String subject = who.strip().toLowerCase(java.util.Locale.ROOT);
        EffectivePolicy e = "sip".equals(kind) ? s.effectiveForSipAddress(subject) : s.effectiveForUser(subject, groups.groupsOf(subject));
        return new PoliciesView.PolicyLookup(who.strip(), kind, e.policy().name(), e.via() == null
                ? messages.get("policies.lookup.viaGlobal")
                : messages.get("policies.lookup.via." + e.via().code(), e.viaSubject()));
    }

    private PageResult view(Map<String, String> policyFields, Map<String, String> policyErrors, Map<String, String> assignmentFields,
                            Map<String, String> assignmentErrors, String doneText, PoliciesView.PolicyLookup lookup) {
        PolicySnapshot s = policy.current();
        List<PoliciesView.PolicyRow> policies = s.policies().stream()
                .sorted(Comparator.comparing((AccessPolicy p) -> !p.isGlobal()).thenComparing(AccessPolicy::name))
                .map(p -> new PoliciesView.PolicyRow(p.name(), p.description(), Map.of("xmppAccess", p.xmppAccess(),
                        "federationAccess", p.federationAccess(), "publicCloudAccess", p.publicCloudAccess(), "outsideAccess", p.outsideAccess()),
                        p.isGlobal()))
                .toList();
        List<PoliciesView.AssignmentRow> assignments = s.assignments().stream()
                .sorted(Comparator.comparing((Assignment a) -> a.kind().code()).thenComparing(Assignment::subject))
                .map(a -> new PoliciesView.AssignmentRow(a.kind().code(), a.subject(), a.policy())).toList();
        return PageResult.render(new PoliciesView(policies, assignments, policyFields, policyErrors, assignmentFields, assignmentErrors,
                doneText == null ? "" : doneText, lookup));
    }

    static Map<String, String> fieldsOf(AccessPolicy p) {
        Map<String, String> f = new HashMap<>();
        f.put("name", p.name());
        f.put("description", p.description());
        f.put("xmppAccess", Boolean.toString(p.xmppAccess()));
        f.put("federationAccess", Boolean.toString(p.federationAccess()));
        f.put("publicCloudAccess", Boolean.toString(p.publicCloudAccess()));
        f.put("outsideAccess", Boolean.toString(p.outsideAccess()));
        return f;
    }
}
