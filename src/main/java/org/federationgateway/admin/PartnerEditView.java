package org.federationgateway.admin;

import java.util.List;
import java.util.Map;

/**
 * Adding or editing one partner.
 *
 * @param fields           the form's values by field name, as typed or as stored
 * @param errors           the error of each refused field, by field name
 * @param original         the primary domain of the partner being edited; empty when adding one
 * @param warnings         the cautions of the stored rules, in the admin's language
 * @param negotiationTable escaped HTML of the negotiation matrix the session checks use; the view prints it as is
 */
public record PartnerEditView(Map<String, String> fields, Map<String, String> errors, String original, List<String> warnings,
                              String negotiationTable) implements ViewModel, FormView {
    private static final List<String> TYPES = List.of("federated", "public-verified", "public-unverified");
    private static final List<String> NEGOTIATIONS = List.of("required", "optional", "not-supported");

    public PartnerEditView {
        fields = Views.map(fields, "fields");
        errors = Views.map(errors, "errors");
        Views.text(original, "original");
        warnings = Views.list(warnings, "warnings");
        Views.text(negotiationTable, "negotiationTable");
    }

    public List<String> types() {
        return TYPES;
    }

    public List<String> negotiations() {
        return NEGOTIATIONS;
    }
}
