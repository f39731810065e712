package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.policy.Domain;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.NegotiationWarning;
import org.federationgateway.policy.Partner;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.StoreException;

/** Adds or edits one partner (Lync New-/Set-CsXmppAllowedPartner). Invalid input saves nothing and keeps what was typed. */
public final class PartnerEditPage implements PageController {
    private final PolicyService policy;
    private final Messages messages;

    public PartnerEditPage(PolicyService policy, Messages messages) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        String original = request.getParameter("original");
        boolean editing = original != null && !original.isBlank();
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            if (editing) {
                Optional<Partner> existing = policy.current().partners().stream()
                        .filter(p -> p.primaryDomain().value().equals(original)).findFirst();
                if (existing.isEmpty()) {
                    return PageResult.redirect("partners.jsp");
                }
                return view(PartnerForm.fieldsOf(existing.get()), Map.of(), original, existing.get().rules().warnings());
            }
            return view(PartnerForm.defaults(), Map.of(), "", List.of());
        }
        FormErrors errors = new FormErrors(messages);
        FormFields form = new FormFields(request, errors, PartnerForm.FIELDS);
        Optional<Partner> partner = PartnerForm.parse(request, form, errors);
        if (partner.isPresent()) {
            try {
                if (editing) {
                    policy.updatePartner(Domain.parse(original), partner.get());
                } else {
                    policy.addPartner(partner.get());
                }
                return PageResult.redirect("partners.jsp?saved=" + URLEncoder.encode(partner.get().primaryDomain().value(), StandardCharsets.UTF_8));
            } catch (InvalidFieldException e) {
                errors.add(List.of(PartnerForm.FIELDS).contains(e.field()) ? e.field() : PartnerForm.PRIMARY, e.messageKey(), e.arguments());
            } catch (StoreException e) {
                errors.add(PartnerForm.PRIMARY, "form.error.store", e.getMessage());
            }
        }
        return view(form.typed(), errors.asMap(), editing ? original : "", List.of());
    }

    private PageResult view(Map<String, String> fields, Map<String, String> errors, String original, List<NegotiationWarning> warnings) {
        return PageResult.render(new PartnerEditView(fields, errors, original,
                warnings.stream().map(NegotiationWarning::messageKey).map(messages::get).toList(), NegotiationTable.html(messages)));
    }
}
