package org.federationgateway.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;

/** The partner form: fields as typed, turned into a {@link Partner} or into errors beside the fields. */
final class PartnerForm {
    static final String PRIMARY = "primaryDomain";
    static final String ADDITIONAL = "additionalDomains";
    static final String TYPE = "partnerType";
    static final String TLS = "tlsNegotiation";
    static final String SASL = "saslNegotiation";
    static final String DIALBACK = "dialback";
    static final String KEEP_ALIVE = "keepAlive";
    static final String LIMIT = "connectionLimit";
    static final String PROXY = "proxyFqdn";
    static final String DESCRIPTION = "description";
    static final String[] FIELDS = {PRIMARY, ADDITIONAL, TYPE, TLS, SASL, DIALBACK, KEEP_ALIVE, LIMIT, PROXY, DESCRIPTION};

    private PartnerForm() {
    }

    static Optional<Partner> parse(HttpServletRequest request, FormFields form, FormErrors errors) {
        Domain primary = field(errors, PRIMARY, () -> Domain.parse(form.text(PRIMARY), PRIMARY));
        List<DomainPattern> additional = new ArrayList<>();
        for (String line : form.text(ADDITIONAL).split("[\\s,;]+")) {
            if (!line.isBlank()) {
                DomainPattern p = field(errors, ADDITIONAL, () -> DomainPattern.parse(line, ADDITIONAL));
                if (p != null) {
                    additional.add(p);
                }
            }
        }
        PartnerType type = field(errors, TYPE, () -> PartnerType.fromCode(form.text(TYPE)));
        Negotiation tls = field(errors, TLS, () -> Negotiation.fromCode(form.text(TLS), TLS));
        Negotiation sasl = field(errors, SASL, () -> Negotiation.fromCode(form.text(SASL), SASL));
        Integer limit = null;
        if (!form.text(LIMIT).isEmpty()) {
            limit = form.integer(LIMIT).orElse(null);
        }
        Domain proxy = form.text(PROXY).isEmpty() ? null : field(errors, PROXY, () -> Domain.parse(form.text(PROXY), PROXY));
        NegotiationRules rules = tls == null || sasl == null ? null
                : field(errors, SASL, () -> new NegotiationRules(tls, sasl, form.checkbox(DIALBACK)));
        if (!errors.isEmpty() || primary == null || type == null || rules == null) {
            return Optional.empty();
        }
        Integer finalLimit = limit;
        return Optional.ofNullable(field(errors, PRIMARY, () -> new Partner(primary, additional, type, rules,
                form.checkbox(KEEP_ALIVE), finalLimit, proxy, form.text(DESCRIPTION))));
    }

    /** Runs a constructor; an invalid value becomes an error beside the field it names. */
    static <T> T field(FormErrors errors, String fallbackField, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidFieldException e) {
            String field = List.of(FIELDS).contains(e.field()) ? e.field() : fallbackField;
            errors.add(field, e.messageKey(), e.arguments());
            return null;
        }
    }

    static Map<String, String> fieldsOf(Partner p) {
        Map<String, String> f = new HashMap<>();
        f.put(PRIMARY, p.primaryDomain().value());
        f.put(ADDITIONAL, String.join("\n", p.additionalDomains().stream().map(DomainPattern::toString).toList()));
        f.put(TYPE, p.type().code());
        f.put(TLS, p.rules().tls().code());
        f.put(SASL, p.rules().sasl().code());
        f.put(DIALBACK, Boolean.toString(p.rules().dialback()));
        f.put(KEEP_ALIVE, Boolean.toString(p.keepAlive()));
        f.put(LIMIT, p.connectionLimit() == null ? "" : p.connectionLimit().toString());
        f.put(PROXY, p.proxyFqdn() == null ? "" : p.proxyFqdn().value());
        f.put(DESCRIPTION, p.description());
        return f;
    }

    static Map<String, String> defaults() {
        Map<String, String> f = fieldsOf(Partner.withDefaults(Domain.parse("example.com")));
        f.put(PRIMARY, "");
        return f;
    }
}
