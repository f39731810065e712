package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.policy.Domain;
import org.federationgateway.policy.DomainPattern;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.federationgateway.policy.NegotiationWarning;
import org.federationgateway.policy.Partner;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.StoreException;

/** Allowed partners: the list with a wildcard filter (Get-CsXmppAllowedPartner -Filter), delete, and bulk changes. */
public final class PartnersPage implements PageController {
    private final PolicyService policy;
    private final Messages messages;

    public PartnersPage(PolicyService policy, Messages messages) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        String filter = request.getParameter("filter") == null ? "" : request.getParameter("filter").trim();
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            String action = request.getParameter("action");
            try {
                if ("delete".equals(action)) {
                    Domain d = Domain.parse(request.getParameter("domain"));
                    policy.deletePartner(d);
                    return PageResult.redirect("partners.jsp?deleted=" + enc(d.value()));
                }
                if ("bulk-sasl".equals(action)) {
                    Negotiation sasl = Negotiation.fromCode(request.getParameter("sasl"), "sasl");
                    int n = policy.updateAllPartners(p -> p.withRules(new NegotiationRules(p.rules().tls(), sasl, p.rules().dialback())));
                    return PageResult.redirect("partners.jsp?bulk=" + n);
                }
            } catch (InvalidFieldException e) {
                return view(filter, messages.get(e.messageKey(), e.arguments()), null);
            } catch (StoreException e) {
                return view(filter, messages.get("form.error.store", e.getMessage()), null);
            }
        }
        String done = null;
        if (request.getParameter("saved") != null) {
            done = messages.get("partners.saved", request.getParameter("saved"));
        } else if (request.getParameter("deleted") != null) {
            done = messages.get("partners.deleted", request.getParameter("deleted"));
        } else if (request.getParameter("bulk") != null) {
            done = messages.get("partners.bulkDone", request.getParameter("bulk"));
        }
        return view(filter, null, done);
    }

    private PageResult view(String filter, String error, String done) {
        Pattern matcher = wildcard(filter);
        List<PartnersView.PartnerRow> rows = new ArrayList<>();
        for (Partner p : policy.current().partners()) {
            if (matcher.matcher(p.primaryDomain().value()).matches()) {
                rows.add(new PartnersView.PartnerRow(p.primaryDomain().value(),
                        String.join(", ", p.additionalDomains().stream().map(DomainPattern::toString).toList()),
                        p.type().code(), p.rules().tls().code(), p.rules().sasl().code(), p.rules().dialback(),
                        p.connectionLimit() == null ? "" : p.connectionLimit().toString(), p.description(),
                        p.rules().warnings().stream().map(NegotiationWarning::messageKey).map(messages::get).toList()));
            }
        }
        return PageResult.render(new PartnersView(rows, filter, policy.current().partners().size(),
                error == null ? "" : error, done == null ? "" : done));
    }

    /** Lync's -Filter: '*' matches any run of characters; everything else literally, case-insensitively. */
    public static Pattern wildcard(String filter) {
        if (filter == null || filter.isBlank()) {
            return Pattern.compile(".*");
        }
        String regex = java.util.Arrays.stream(filter.strip().split("\\*", -1))
                .map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
