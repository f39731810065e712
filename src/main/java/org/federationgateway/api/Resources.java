package org.federationgateway.api;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.federationgateway.json.Field;
import org.federationgateway.transfer.Items;
import org.federationgateway.transfer.Transfer;
import org.federationgateway.json.JsonWriter;
import org.federationgateway.admin.PageController;
import org.federationgateway.admin.FormView;
import org.federationgateway.admin.PageResult;
import org.federationgateway.admin.PoliciesView;
import org.federationgateway.admin.TestMessageView;
import org.federationgateway.admin.ViewModel;
import org.federationgateway.admin.Pages;
import org.federationgateway.admin.PartnersPage;
import org.federationgateway.i18n.Messages;
import org.federationgateway.api.Api.ApiError;
import org.federationgateway.api.Api.Call;
import org.federationgateway.api.Api.Reply;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.EffectivePolicy;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.StoreException;

/** The API's resources: JSON in, the admin page's form through its controller, JSON out. */
final class Resources {
    static final List<Field> PARTNER = Items.PARTNER;
    static final List<Field> POLICY = Items.POLICY;
    static final List<Field> ASSIGNMENT_BODY = List.of(Field.string("policy"));
    static final List<Field> BULK = List.of(Field.string("filter"), Field.string("tlsNegotiation"), Field.string("saslNegotiation"),
            Field.of("dialback", Field.Type.BOOLEAN));
    static final List<Field> GATEWAY = List.of(Field.of("connectionLimit", Field.Type.INTEGER), Field.of("partnerConnectionLimit", Field.Type.INTEGER),
            Field.of("keepAliveInterval", Field.Type.INTEGER), Field.of("streamEstablishmentTimeout", Field.Type.INTEGER),
            Field.of("streamInactivityTimeout", Field.Type.INTEGER), Field.of("subscriptionRefresh", Field.Type.INTEGER),
            Field.of("logMessageBodies", Field.Type.BOOLEAN), Field.string("mode"));
    static final List<Field> TEST_MESSAGE = List.of(Field.string("from"), Field.string("to"), Field.of("wait", Field.Type.INTEGER));
    static final List<String> SIP_TRANSPORTS = List.of("udp", "tcp", "tls");
    static final List<Field> SIP = List.of(Field.of("enabled", Field.Type.BOOLEAN), Field.string("addressing"), Field.string("componentSubdomain"),
            Field.string("listenAddress"), Field.of("listenPort", Field.Type.INTEGER), Field.of("transports", Field.Type.STRING_LIST),
            Field.of("tlsPort", Field.Type.INTEGER), Field.string("tlsKeyStore"), Field.of("tlsKeyStorePassword", Field.Type.WRITE_ONLY_STRING),
            Field.string("tlsTrustStore"), Field.of("tlsTrustStorePassword", Field.Type.WRITE_ONLY_STRING), Field.string("tlsTrustedPeerNames"),
            Field.string("frontEndHost"), Field.of("frontEndPort", Field.Type.INTEGER), Field.string("frontEndTransport"),
            Field.string("trustedPeers"), Field.of("keepAlive", Field.Type.INTEGER), Field.string("domainMappings"),
            Field.string("sipHomedPatterns"), Field.string("messageType"), Field.of("errorWindow", Field.Type.INTEGER));

    private final Pages pages;
    private final PolicyService policy;
    private final GroupMembership groups;
    private final Messages messages;

    Resources(Pages pages, PolicyService policy, GroupMembership groups, Messages messages) {
        this.pages = pages;
        this.policy = policy;
        this.groups = groups;
        this.messages = messages;
    }

    Reply route(Call c) {
        try {
            return switch (c.path()) {
                case "partners" -> on(c, Map.of("GET", () -> listPartners(c), "POST", () -> createPartner(c)));
                case "partner" -> on(c, Map.of("GET", () -> getPartner(c), "PUT", () -> updatePartner(c), "DELETE", () -> deletePartner(c)));
                case "partners/bulk" -> on(c, Map.of("POST", () -> bulk(c)));
                case "policies" -> on(c, Map.of("GET", () -> listPolicies(), "POST", () -> createPolicy(c)));
                case "policy" -> on(c, Map.of("GET", () -> getPolicy(c), "PUT", () -> updatePolicy(c), "DELETE", () -> deletePolicy(c)));
                case "policies/reset-global" -> on(c, Map.of("POST", () -> resetGlobal(c)));
                case "assignments" -> on(c, Map.of("GET", () -> listAssignments(c)));
                case "assignment" -> on(c, Map.of("GET", () -> getAssignment(c), "PUT", () -> putAssignment(c), "DELETE", () -> deleteAssignment(c)));
                case "effective-policy" -> on(c, Map.of("GET", () -> effective(c)));
                case "settings/gateway" -> on(c, Map.of("GET", () -> getSettings(GATEWAY, "gateway-settings"),
                        "PUT", () -> putSettings(c, GATEWAY, "gateway-settings")));
                case "settings/sip" -> on(c, Map.of("GET", () -> getSettings(SIP, "sip-settings"), "PUT", () -> putSettings(c, SIP, "sip-settings")));
                case "status" -> on(c, Map.of("GET", () -> Reply.ok(status(c), null)));
                case "readiness" -> on(c, Map.of("GET", () -> Reply.ok(page("readiness", c, "GET", Map.of()), null), "POST", () -> {
                    page("readiness", c, "POST", Map.of());
                    return Reply.ok(page("readiness", c, "GET", Map.of()), null);
                }));
                case "test-message" -> on(c, Map.of("POST", () -> testMessage(c)));
                case "export" -> on(c, Map.of("GET", () -> export(c)));
                case "import" -> on(c, Map.of("POST", () -> importFile(c)));
                case "openapi.json" -> on(c, Map.of("GET", () -> Reply.ok(new Api.RawJson(Api.readResource("openapi.json")), null)));
                default -> throw ApiError.of(404, "no-such-path", messages.get("api.error.path", c.path()));
            };
        } catch (StoreException e) {
            throw ApiError.of(503, "store", messages.get("form.error.store", e.getMessage()));
        }
    }

    private Reply on(Call c, Map<String, Supplier<Reply>> methods) {
        String method = "HEAD".equals(c.method()) ? "GET" : c.method();
        Supplier<Reply> handler = methods.get(method);
        if (handler == null) {
            String allowed = String.join(", ", new java.util.TreeSet<>(methods.keySet()));
            throw new ApiError(Reply.error(405, "method-not-allowed", messages.get("api.error.method", c.method(), allowed), Map.of())
                    .withHeader("Allow", allowed));
        }
        Reply reply = handler.get();
        return "HEAD".equals(c.method()) ? new Reply(reply.status(), null, reply.etag(), reply.headers()) : reply;
    }

    // ---- partners (Get-/New-/Set-/Remove-CsXmppAllowedPartner)


    private List<Map<String, Object>> partners(String filter) {
        Pattern matcher = PartnersPage.wildcard(filter);
        return policy.current().partners().stream().filter(p -> matcher.matcher(p.primaryDomain().value()).matches())
                .sorted(Comparator.comparing(p -> p.primaryDomain().value())).map(Items::partner).toList();
    }

    private Reply listPartners(Call c) {
        List<Map<String, Object>> list = partners(c.query("filter"));
        return Reply.ok(Map.of("partners", list), Api.etag(list));
    }

    private Optional<Partner> findPartner(String domain) {
        if (domain == null || domain.isEmpty()) {
            throw missingParameter("domain");
        }
        String d = domain.toLowerCase(java.util.Locale.ROOT);
        return policy.current().partners().stream().filter(p -> p.primaryDomain().value().equals(d)).findFirst();
    }

    private Partner existingPartner(Call c) {
        return findPartner(c.query("domain"))
                .orElseThrow(() -> ApiError.of(404, "not-found", messages.get("api.error.noPartner", c.query("domain"))));
    }

    private Reply getPartner(Call c) {
        Map<String, Object> p = Items.partner(existingPartner(c));
        return Reply.ok(p, Api.etag(p));
    }

    private Reply createPartner(Call c) {
        Map<String, Object> fields = Items.partner(Partner.withDefaults(Domain.parse("example.com")));
        fields.put("primaryDomain", "");
        fields.putAll(checked(c.body(), PARTNER));
        Object domain = fields.get("primaryDomain");
        if (domain instanceof String d && !d.isBlank()) {
            try {
                if (findPartner(Domain.parse(d).value()).isPresent()) {
                    throw ApiError.of(409, "exists", messages.get("policy.error.partner.exists", Domain.parse(d).value()));
                }
            } catch (InvalidFieldException e) {
                // reported with the page's words below
            }
        }
        savePartner(c, fields, "");
        Map<String, Object> created = Items.partner(findPartner(Domain.parse((String) fields.get("primaryDomain")).value()).orElseThrow());
        return new Reply(201, created, Api.etag(created), Map.of("Location", "partner?domain=" + created.get("primaryDomain")));
    }

    private Reply updatePartner(Call c) {
        Partner current = existingPartner(c);
        requireMatch(c, Items.partner(current));
        Map<String, Object> fields = Items.partner(current);
        fields.putAll(checked(c.body(), PARTNER));
        savePartner(c, fields, current.primaryDomain().value());
        String domain = Domain.parse((String) fields.get("primaryDomain")).value();
        Map<String, Object> updated = Items.partner(findPartner(domain).orElseThrow());
        return Reply.ok(updated, Api.etag(updated));
    }

    private void savePartner(Call c, Map<String, Object> fields, String original) {
        Map<String, String> form = form(fields, PARTNER);
        form.put("original", original);
        PageResult result = controller("partner-edit").handle(new FormRequest(c.request(), "POST", form));
        refusedIfRendered(result, Resources::formErrors);
    }

    private Reply deletePartner(Call c) {
        Partner current = existingPartner(c);
        requireMatch(c, Items.partner(current));
        policy.deletePartner(current.primaryDomain());
        return new Reply(204, null, null, Map.of());
    }

    /** One rule change for every partner the filter matches, all or nothing (Get-CsXmppAllowedPartner | Set-...). */
    private Reply bulk(Call c) {
        Map<String, Object> body = checked(c.body(), BULK);
        String filter = body.containsKey("filter") ? (String) body.get("filter") : "*";
        if (!body.containsKey("tlsNegotiation") && !body.containsKey("saslNegotiation") && !body.containsKey("dialback")) {
            throw ApiError.invalid(messages.get("api.error.bulkEmpty"), Map.of("tlsNegotiation", messages.get("api.error.bulkEmpty")));
        }
        List<Map<String, Object>> before = partners(filter);
        requireMatchIfGiven(c, before);
        Map<String, String> errors = new TreeMap<>();
        Negotiation tls = body.containsKey("tlsNegotiation") ? code(errors, "tlsNegotiation", (String) body.get("tlsNegotiation")) : null;
        Negotiation sasl = body.containsKey("saslNegotiation") ? code(errors, "saslNegotiation", (String) body.get("saslNegotiation")) : null;
        Boolean dialback = (Boolean) body.get("dialback");
        if (!errors.isEmpty()) {
            throw ApiError.invalid(messages.get("api.error.invalid"), errors);
        }
        Pattern matcher = PartnersPage.wildcard(filter);
        Map<Domain, Partner> changed = new LinkedHashMap<>();
        for (Partner p : policy.current().partners()) {
            if (!matcher.matcher(p.primaryDomain().value()).matches()) {
                continue;
            }
            try {
                changed.put(p.primaryDomain(), p.withRules(new NegotiationRules(tls == null ? p.rules().tls() : tls,
                        sasl == null ? p.rules().sasl() : sasl, dialback == null ? p.rules().dialback() : dialback)));
            } catch (InvalidFieldException e) {
                errors.merge(e.field(), p.primaryDomain().value() + ": " + messages.get(e.messageKey(), e.arguments()), (a, b) -> a + "; " + b);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.invalid(messages.get("api.error.invalid"), errors);
        }
        policy.updateAllPartners(p -> changed.getOrDefault(p.primaryDomain(), p));
        List<Map<String, Object>> after = partners(filter);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", changed.size());
        result.put("partners", after);
        return Reply.ok(result, Api.etag(after));
    }

    private Negotiation code(Map<String, String> errors, String field, String value) {
        try {
            return Negotiation.fromCode(value, field);
        } catch (InvalidFieldException e) {
            errors.put(field, messages.get(e.messageKey(), e.arguments()));
            return null;
        }
    }

    // ---- external access policies (Get-/New-/Set-/Remove-CsExternalAccessPolicy)


    private List<Map<String, Object>> policies() {
        return policy.current().policies().stream().sorted(Comparator.comparing(AccessPolicy::name)).map(Items::policy).toList();
    }

    private Reply listPolicies() {
        List<Map<String, Object>> list = policies();
        return Reply.ok(Map.of("policies", list), Api.etag(list));
    }

    private AccessPolicy existingPolicy(Call c) {
        String name = c.query("name");
        if (name == null || name.isEmpty()) {
            throw missingParameter("name");
        }
        AccessPolicy p = policy.current().policy(AccessPolicy.normaliseName(name));
        if (p == null) {
            throw ApiError.of(404, "not-found", messages.get("api.error.noPolicy", name));
        }
        return p;
    }

    private Reply getPolicy(Call c) {
        Map<String, Object> p = Items.policy(existingPolicy(c));
        return Reply.ok(p, Api.etag(p));
    }

    private Reply createPolicy(Call c) {
        Map<String, Object> fields = Items.policy(new AccessPolicy("x", "", false, false, false, false));
        fields.put("name", "");
        fields.putAll(checked(c.body(), POLICY));
        String name = AccessPolicy.normaliseName((String) fields.get("name"));
        if (!name.isEmpty() && policy.current().policy(name) != null) {
            throw ApiError.of(409, "exists", messages.get("api.error.policyExists", name));
        }
        savePolicy(c, fields);
        Map<String, Object> created = Items.policy(policy.current().policy(name));
        return new Reply(201, created, Api.etag(created), Map.of("Location", "policy?name=" + name));
    }

    private Reply updatePolicy(Call c) {
        AccessPolicy current = existingPolicy(c);
        requireMatch(c, Items.policy(current));
        Map<String, Object> fields = Items.policy(current);
        fields.putAll(checked(c.body(), POLICY));
        if (!current.name().equals(AccessPolicy.normaliseName((String) fields.get("name")))) {
            throw ApiError.invalid(messages.get("api.error.invalid"), Map.of("name", messages.get("api.error.rename")));
        }
        savePolicy(c, fields);
        Map<String, Object> updated = Items.policy(policy.current().policy(current.name()));
        return Reply.ok(updated, Api.etag(updated));
    }

    private void savePolicy(Call c, Map<String, Object> fields) {
        Map<String, String> form = form(fields, POLICY);
        form.put("action", "save-policy");
        refusedIfRendered(controller("policies").handle(new FormRequest(c.request(), "POST", form)), Resources::policyErrors);
    }

    private Reply deletePolicy(Call c) {
        AccessPolicy current = existingPolicy(c);
        requireMatch(c, Items.policy(current));
        PageResult r = controller("policies").handle(new FormRequest(c.request(), "POST", Map.of("action", "delete-policy", "name", current.name())));
        refusedIfRendered(r, Resources::policyErrors);
        return new Reply(204, null, null, Map.of());
    }

    /** Remove-CsExternalAccessPolicy -Identity global: back to Lync's defaults. */
    private Reply resetGlobal(Call c) {
        checked(c.body(), List.of());
        AccessPolicy global = policy.current().policy(AccessPolicy.GLOBAL);
        if (global != null) {
            requireMatchIfGiven(c, Items.policy(global));
        }
        refusedIfRendered(controller("policies").handle(new FormRequest(c.request(), "POST", Map.of("action", "reset-global"))), Resources::policyErrors);
        Map<String, Object> reset = Items.policy(policy.current().policy(AccessPolicy.GLOBAL));
        return Reply.ok(reset, Api.etag(reset));
    }

    // ---- assignments (Grant-CsExternalAccessPolicy) and the effective policy


    private Reply listAssignments(Call c) {
        String kind = c.query("kind");
        AssignmentKind k = kind == null || kind.isEmpty() ? null : kind(kind);
        List<Map<String, Object>> list = policy.current().assignments().stream().filter(a -> k == null || a.kind() == k)
                .sorted(Comparator.comparing((Assignment a) -> a.kind().code()).thenComparing(Assignment::subject))
                .map(Items::assignment).toList();
        return Reply.ok(Map.of("assignments", list), Api.etag(list));
    }

    private AssignmentKind kind(String code) {
        try {
            return AssignmentKind.fromCode(code);
        } catch (InvalidFieldException e) {
            throw ApiError.invalid(messages.get("api.error.invalid"), Map.of("kind", messages.get(e.messageKey(), e.arguments())));
        }
    }

    /** The assignment the query names, normalised as stored (user names and addresses in lower case). */
    private Assignment probe(Call c) {
        String kind = c.query("kind");
        String subject = c.query("subject");
        if (kind == null || kind.isEmpty()) {
            throw missingParameter("kind");
        }
        if (subject == null || subject.isEmpty()) {
            throw missingParameter("subject");
        }
        AssignmentKind k = kind(kind);
        try {
            return new Assignment(k, subject, AccessPolicy.GLOBAL);
        } catch (InvalidFieldException e) {
            throw ApiError.invalid(messages.get("api.error.invalid"), Map.of(e.field(), messages.get(e.messageKey(), e.arguments())));
        }
    }

    private Optional<Assignment> findAssignment(Assignment probe) {
        return policy.current().assignments().stream()
                .filter(a -> a.kind() == probe.kind() && a.subject().equals(probe.subject())).findFirst();
    }

    private Reply getAssignment(Call c) {
        Assignment a = findAssignment(probe(c))
                .orElseThrow(() -> ApiError.of(404, "not-found", messages.get("api.error.noAssignment", c.query("kind"), c.query("subject"))));
        Map<String, Object> m = Items.assignment(a);
        return Reply.ok(m, Api.etag(m));
    }

    private Reply putAssignment(Call c) {
        Assignment probe = probe(c);
        Optional<Assignment> existing = findAssignment(probe);
        if (existing.isPresent()) {
            requireMatch(c, Items.assignment(existing.get()));
        }
        Map<String, Object> body = checked(c.body(), ASSIGNMENT_BODY);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("action", "assign");
        form.put("kind", probe.kind().code());
        form.put("subject", c.query("subject"));
        form.put("policy", body.getOrDefault("policy", "") instanceof String s ? s : "");
        refusedIfRendered(controller("policies").handle(new FormRequest(c.request(), "POST", form)), Resources::assignmentErrors);
        Map<String, Object> saved = Items.assignment(findAssignment(probe).orElseThrow());
        return new Reply(existing.isPresent() ? 200 : 201, saved, Api.etag(saved), Map.of());
    }

    private Reply deleteAssignment(Call c) {
        Assignment probe = probe(c);
        Assignment existing = findAssignment(probe)
                .orElseThrow(() -> ApiError.of(404, "not-found", messages.get("api.error.noAssignment", c.query("kind"), c.query("subject"))));
        requireMatch(c, Items.assignment(existing));
        policy.unassign(existing.kind(), existing.subject());
        return new Reply(204, null, null, Map.of());
    }

    private Reply effective(Call c) {
        String user = c.query("user");
        String sip = c.query("sip");
        boolean byUser = user != null && !user.isEmpty();
        boolean bySip = sip != null && !sip.isEmpty();
        if (byUser == bySip) {
            throw ApiError.invalid(messages.get("api.error.lookup"), Map.of("user", messages.get("api.error.lookup")));
        }
        PolicySnapshot s = policy.current();
        String subject = (byUser ? user : sip).toLowerCase(java.util.Locale.ROOT);
        EffectivePolicy e = byUser ? s.effectiveForUser(subject, groups.groupsOf(subject)) : s.effectiveForSipAddress(subject);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", subject);
        m.put("kind", byUser ? "user" : "sip");
        m.put("policy", Items.policy(e.policy()));
        m.put("via", e.via() == null ? "global" : e.via().code());
        m.put("viaSubject", e.viaSubject());
        return Reply.ok(m, null);
    }

    // ---- gateway and SIP settings (Get-/Set-CsXmppGatewayConfiguration)

    private Map<String, Object> settings(List<Field> schema, String pageName) {
        PageResult r = controller(pageName).handle(new FormRequest(NoRequest.create(), "GET", Map.of()));
        Map<String, String> fields = ((FormView) ((PageResult.Render) r).model()).fields();
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : schema) {
            if (f.type() != Field.Type.WRITE_ONLY_STRING) {
                m.put(f.name(), f.name().equals("transports")
                        ? List.of(fields.getOrDefault("transports", "").split("\\s*,\\s*")).stream().filter(t -> !t.isEmpty()).toList()
                        : f.toJson(fields.get(f.name())));
            }
        }
        return m;
    }

    private Reply getSettings(List<Field> schema, String pageName) {
        Map<String, Object> s = settings(schema, pageName);
        return Reply.ok(s, Api.etag(s));
    }

    private Reply putSettings(Call c, List<Field> schema, String pageName) {
        Map<String, Object> current = settings(schema, pageName);
        requireMatch(c, current);
        Map<String, Object> fields = new LinkedHashMap<>(current);
        fields.putAll(checked(c.body(), schema));
        Map<String, String> form = form(fields, schema);
        if (schema == SIP) {
            @SuppressWarnings("unchecked")
            List<String> transports = (List<String>) fields.get("transports");
            for (String t : transports) {
                if (!SIP_TRANSPORTS.contains(t)) {
                    throw ApiError.invalid(messages.get("api.error.invalid"), Map.of("transports", messages.get("api.error.transport", t)));
                }
                form.put("transport-" + t, "true");
            }
        }
        refusedIfRendered(controller(pageName).handle(new FormRequest(c.request(), "POST", form)), Resources::formErrors);
        Map<String, Object> saved = settings(schema, pageName);
        return Reply.ok(saved, Api.etag(saved));
    }

    /** The status page's figures and, where the host registers them with its server (Openfire), those statistics as read back. */
    @SuppressWarnings("unchecked")
    private Object status(Call c) {
        Map<String, Object> m = (Map<String, Object>) page("status", c, "GET", Map.of());
        if (pages.controller("statistics").isPresent()) {
            Map<String, Object> merged = new TreeMap<>(m);
            merged.putAll((Map<String, Object>) page("statistics", c, "GET", Map.of()));
            return merged;
        }
        return m;
    }

    // ---- Test-CsXmppIM

    /** Sends the test message through the page's controller; the report comes back as the page would show it. */
    private Reply testMessage(Call c) {
        Map<String, String> form = form(checked(c.body(), TEST_MESSAGE), TEST_MESSAGE);
        PageResult result = controller("test-message").handle(new FormRequest(c.request(), "POST", form));
        if (result instanceof PageResult.Render r) {
            Map<String, String> fields = new TreeMap<>(((TestMessageView) r.model()).errors());
            throw ApiError.invalid(messages.get("api.error.testMessage"), fields);
        }
        String location = ((PageResult.Redirect) result).location();
        String id = location.substring(location.indexOf("report=") + "report=".length());
        PageResult shown = controller("test-message").handle(new FormRequest(c.request(), "GET", Map.of("report", id)));
        Object report = ((TestMessageView) ((PageResult.Render) shown).model()).report();
        return Reply.ok(report, null);
    }

    // ---- bulk export and import

    private Reply export(Call c) {
        String format = c.query("format");
        if (format == null || format.isEmpty() || format.equals("json")) {
            return Reply.ok(new Api.RawJson(Transfer.exportJson(policy.current())), null);
        }
        if (format.equals("csv")) {
            return Reply.ok(new Api.RawCsv(Transfer.exportPartnersCsv(policy.current())), null);
        }
        throw ApiError.invalid(messages.get("api.error.invalid"), Map.of("format", messages.get("transfer.error.formatParameter")));
    }

    /** All or nothing; every problem with its line. */
    private Reply importFile(Call c) {
        String type = String.valueOf(c.request().getContentType()).toLowerCase(java.util.Locale.ROOT);
        Transfer.ImportReport outcome = type.startsWith(Api.CSV) ? Transfer.importPartnersCsv(policy, c.raw()) : Transfer.importJson(policy, c.raw());
        if (!outcome.ok()) {
            List<Map<String, Object>> rows = outcome.errors().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", e.line());
                m.put("section", e.section());
                m.put("field", e.field());
                m.put("message", Transfer.text(e, messages::get));
                return m;
            }).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "invalid");
            body.put("message", messages.get("transfer.error.nothingSaved", rows.size()));
            body.put("rows", rows);
            return new Reply(400, body, null, Map.of());
        }
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("partners", outcome.saved().partners());
        saved.put("policies", outcome.saved().policies());
        saved.put("assignments", outcome.saved().assignments());
        return Reply.ok(Map.of("imported", saved), null);
    }

    // ---- shared

    /** A page's view model as the resource's JSON object: its fields by name, those it does not have left out. */
    private Object page(String name, Call c, String method, Map<String, String> form) {
        PageResult r = controller(name).handle(new FormRequest(c.request(), method, form));
        if (!(r instanceof PageResult.Render render)) {
            return Map.of();
        }
        Map<String, Object> fields = new TreeMap<>();
        for (java.lang.reflect.RecordComponent component : render.model().getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(render.model());
                if (value != null) {
                    fields.put(component.getName(), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of the " + name + " page", e);
            }
        }
        return fields;
    }

    private PageController controller(String name) {
        return pages.controller(name).orElseThrow(() -> ApiError.of(503, "unavailable", messages.get("api.error.unavailable", name)));
    }

    /** A page that renders after a POST refused the input: its errors, by field, become the 400. */
    private void refusedIfRendered(PageResult result, Function<ViewModel, Map<String, String>> errorsOf) {
        if (result instanceof PageResult.Render r) {
            Map<String, String> fields = new TreeMap<>(errorsOf.apply(r.model()));
            if (fields.containsKey("page")) {
                fields.put("name", fields.remove("page"));
            }
            if (fields.isEmpty()) {
                fields.put("request", messages.get("api.error.invalid"));
            }
            throw ApiError.invalid(messages.get("api.error.invalid"), fields);
        }
    }

    private static Map<String, String> formErrors(ViewModel view) {
        return view instanceof FormView form ? form.errors() : Map.of();
    }

    private static Map<String, String> policyErrors(ViewModel view) {
        return view instanceof PoliciesView policies ? policies.policyErrors() : Map.of();
    }

    private static Map<String, String> assignmentErrors(ViewModel view) {
        return view instanceof PoliciesView policies ? policies.assignmentErrors() : Map.of();
    }

    /** The body's fields, each of its declared type; an unknown or mistyped field is refused by name. */
    private Map<String, Object> checked(Map<String, Object> body, List<Field> schema) {
        Map<String, Object> given = body == null ? Map.of() : body;
        Map<String, String> errors = new TreeMap<>();
        Map<String, Field> byName = new LinkedHashMap<>();
        schema.forEach(f -> byName.put(f.name(), f));
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Field f = byName.get(e.getKey());
            if (f == null) {
                errors.put(e.getKey(), messages.get("api.error.unknownField"));
            } else if (f.toFormValue(e.getValue()) == null) {
                errors.put(e.getKey(), messages.get("api.error.type", messages.get("api.type." + f.type().name().toLowerCase(java.util.Locale.ROOT))));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.invalid(messages.get("api.error.invalid"), errors);
        }
        return given;
    }

    private static Map<String, String> form(Map<String, Object> fields, List<Field> schema) {
        Map<String, String> form = new LinkedHashMap<>();
        for (Field f : schema) {
            if (fields.containsKey(f.name())) {
                String v = f.toFormValue(fields.get(f.name()));
                form.put(f.name(), v == null ? "" : v);
            }
        }
        return form;
    }

    private void requireMatch(Call c, Object current) {
        String ifMatch = c.request().getHeader("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiError.of(428, "precondition-required", messages.get("api.error.ifMatchRequired"));
        }
        check(ifMatch, current);
    }

    private void requireMatchIfGiven(Call c, Object current) {
        String ifMatch = c.request().getHeader("If-Match");
        if (ifMatch != null && !ifMatch.isBlank()) {
            check(ifMatch, current);
        }
    }

    /** RFC 9110 §13.1.1: strong comparison; {@code *} matches any current representation. */
    private void check(String ifMatch, Object current) {
        String etag = Api.etag(current);
        for (String candidate : ifMatch.split(",")) {
            String t = candidate.strip();
            if (t.equals("*") || t.equals(etag)) {
                return;
            }
        }
        throw new ApiError(Reply.error(412, "precondition-failed", messages.get("api.error.preconditionFailed"), Map.of())
                .withHeader("ETag", etag));
    }

    private ApiError missingParameter(String name) {
        return ApiError.invalid(messages.get("api.error.invalid"), Map.of(name, messages.get("api.error.parameter", name)));
    }

    /** Every administrable item by key with its JSON, for the audit trail; SIP passwords are never in it. */
    static Map<String, String> auditState(PolicyService policy, Pages pages) {
        Map<String, String> state = new TreeMap<>();
        PolicySnapshot s = policy.current();
        s.partners().forEach(p -> state.put("partner:" + p.primaryDomain().value(), JsonWriter.write(Items.partner(p))));
        s.policies().forEach(p -> state.put("policy:" + p.name(), JsonWriter.write(Items.policy(p))));
        s.assignments().forEach(a -> state.put("assignment:" + a.kind().code() + ":" + a.subject(), JsonWriter.write(Items.assignment(a))));
        Resources r = new Resources(pages, policy, GroupMembership.NONE, pages.messages());
        if (pages.controller("gateway-settings").isPresent()) {
            state.put("settings:gateway", JsonWriter.write(r.settings(GATEWAY, "gateway-settings")));
        }
        if (pages.controller("sip-settings").isPresent()) {
            state.put("settings:sip", JsonWriter.write(r.settings(SIP, "sip-settings")));
        }
        return state;
    }
}
