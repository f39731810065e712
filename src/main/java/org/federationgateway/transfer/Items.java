package org.federationgateway.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.json.Field;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;

/**
 * Partners, policies and assignments as JSON objects (the REST API's resources and the export's rows), and
 * back through the records' own constructors, so an imported row is validated as the console's form is.
 */
public final class Items {
    public static final List<Field> PARTNER = List.of(Field.string("primaryDomain"), Field.of("additionalDomains", Field.Type.STRING_LIST),
            Field.string("partnerType"), Field.string("tlsNegotiation"), Field.string("saslNegotiation"),
            Field.of("dialback", Field.Type.BOOLEAN), Field.of("keepAlive", Field.Type.BOOLEAN),
            Field.of("connectionLimit", Field.Type.OPTIONAL_INTEGER), Field.of("proxyFqdn", Field.Type.OPTIONAL_STRING),
            Field.string("description"));
    public static final List<Field> POLICY = List.of(Field.string("name"), Field.string("description"), Field.of("xmppAccess", Field.Type.BOOLEAN),
            Field.of("federationAccess", Field.Type.BOOLEAN), Field.of("publicCloudAccess", Field.Type.BOOLEAN),
            Field.of("outsideAccess", Field.Type.BOOLEAN));
    public static final List<Field> ASSIGNMENT = List.of(Field.string("kind"), Field.string("subject"), Field.string("policy"));

    private Items() {
    }

    public static Map<String, Object> partner(Partner p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("primaryDomain", p.primaryDomain().value());
        m.put("additionalDomains", p.additionalDomains().stream().map(DomainPattern::toString).toList());
        m.put("partnerType", p.type().code());
        m.put("tlsNegotiation", p.rules().tls().code());
        m.put("saslNegotiation", p.rules().sasl().code());
        m.put("dialback", p.rules().dialback());
        m.put("keepAlive", p.keepAlive());
        m.put("connectionLimit", p.connectionLimit());
        m.put("proxyFqdn", p.proxyFqdn() == null ? null : p.proxyFqdn().value());
        m.put("description", p.description());
        return m;
    }

    public static Map<String, Object> policy(AccessPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("description", p.description());
        m.put("xmppAccess", p.xmppAccess());
        m.put("federationAccess", p.federationAccess());
        m.put("publicCloudAccess", p.publicCloudAccess());
        m.put("outsideAccess", p.outsideAccess());
        return m;
    }

    public static Map<String, Object> assignment(Assignment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", a.kind().code());
        m.put("subject", a.subject());
        m.put("policy", a.policy());
        return m;
    }

    /** A problem with one field of one row: the field's name and the bundle key (with arguments) that explains it. */
    public record Problem(String field, String key, List<Object> args) {
        static Problem of(InvalidFieldException e) {
            return new Problem(e.field(), e.messageKey(), List.of(e.arguments()));
        }
    }

    /** Unknown fields and fields of the wrong JSON type, each by name. */
    static List<Problem> typeProblems(Map<String, Object> row, List<Field> schema) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Field> byName = new LinkedHashMap<>();
        schema.forEach(f -> byName.put(f.name(), f));
        row.forEach((name, value) -> {
            Field f = byName.get(name);
            if (f == null) {
                problems.add(new Problem(name, "api.error.unknownField", List.of()));
            } else if (f.toFormValue(value) == null) {
                problems.add(new Problem(name, "api.error.type", List.of(new TypeName(f.type()))));
            }
        });
        return problems;
    }

    /** A JSON type, named in the reader's language by the bundle key {@code api.type.<type>}. */
    public record TypeName(Field.Type type) {
        public String key() {
            return "api.type." + type.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A partner from a row; fields left out take Lync's defaults. Throws with every problem found. */
    static Partner partnerOf(Map<String, Object> given) {
        List<Problem> problems = typeProblems(given, PARTNER);
        if (!problems.isEmpty()) {
            throw new RowException(problems);
        }
        Map<String, Object> row = partner(Partner.withDefaults(Domain.parse("example.com")));
        row.put("primaryDomain", "");
        row.putAll(given);
        Domain primary = attempt(problems, () -> Domain.parse((String) row.get("primaryDomain"), "primaryDomain"));
        List<DomainPattern> additional = new ArrayList<>();
        for (Object d : (List<?>) row.get("additionalDomains")) {
            DomainPattern p = attempt(problems, () -> DomainPattern.parse((String) d, "additionalDomains"));
            if (p != null) {
                additional.add(p);
            }
        }
        PartnerType type = attempt(problems, () -> PartnerType.fromCode((String) row.get("partnerType")));
        Negotiation tls = attempt(problems, () -> Negotiation.fromCode((String) row.get("tlsNegotiation"), "tlsNegotiation"));
        Negotiation sasl = attempt(problems, () -> Negotiation.fromCode((String) row.get("saslNegotiation"), "saslNegotiation"));
        String proxyText = (String) row.get("proxyFqdn");
        Domain proxy = proxyText == null || proxyText.isBlank() ? null : attempt(problems, () -> Domain.parse(proxyText, "proxyFqdn"));
        if (!problems.isEmpty() || tls == null || sasl == null) {
            throw new RowException(problems);
        }
        NegotiationRules rules = attempt(problems, () -> new NegotiationRules(tls, sasl, (Boolean) row.get("dialback")));
        if (rules == null) {
            throw new RowException(problems);
        }
        Object limit = row.get("connectionLimit");
        Integer connectionLimit = limit == null ? null : Integer.valueOf(Field.of("connectionLimit", Field.Type.OPTIONAL_INTEGER).toFormValue(limit));
        Partner p = attempt(problems, () -> new Partner(primary, additional, type, rules, (Boolean) row.get("keepAlive"), connectionLimit, proxy,
                (String) row.get("description")));
        if (p == null) {
            throw new RowException(problems);
        }
        return p;
    }

    static AccessPolicy policyOf(Map<String, Object> given) {
        List<Problem> problems = typeProblems(given, POLICY);
        if (!problems.isEmpty()) {
            throw new RowException(problems);
        }
        Map<String, Object> row = policy(AccessPolicy.globalDefaults());
        row.put("name", "");
        row.putAll(given);
        AccessPolicy p = attempt(problems, () -> new AccessPolicy((String) row.get("name"), (String) row.get("description"),
                (Boolean) row.get("xmppAccess"), (Boolean) row.get("federationAccess"), (Boolean) row.get("publicCloudAccess"),
                (Boolean) row.get("outsideAccess")));
        if (p == null) {
            throw new RowException(problems);
        }
        return p;
    }

    static Assignment assignmentOf(Map<String, Object> given) {
        List<Problem> problems = typeProblems(given, ASSIGNMENT);
        if (!problems.isEmpty()) {
            throw new RowException(problems);
        }
        AssignmentKind kind = attempt(problems, () -> AssignmentKind.fromCode((String) given.getOrDefault("kind", "")));
        if (kind == null) {
            throw new RowException(problems.stream().map(p -> new Problem("kind", p.key(), p.args())).toList());
        }
        Assignment a = attempt(problems, () -> new Assignment(kind, (String) given.get("subject"), (String) given.get("policy")));
        if (a == null) {
            throw new RowException(problems);
        }
        return a;
    }

    private static <T> T attempt(List<Problem> problems, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidFieldException e) {
            problems.add(Problem.of(e));
            return null;
        }
    }

    /** Every problem of one row. */
    static final class RowException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        RowException(List<Problem> problems) {
            super(problems.toString(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<Problem> problems() {
            return problems;
        }
    }
}
