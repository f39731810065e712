package org.federationgateway.admin;

import java.util.List;

/**
 * The allowed-partners list.
 *
 * @param rows   the partners the filter matches
 * @param filter the filter as typed ({@code *} matches any run of characters)
 * @param total  how many partners there are in all
 * @param error  why the last change was refused, or empty
 * @param done   what the last change did, or empty
 */
public record PartnersView(List<PartnerRow> rows, String filter, int total, String error, String done) implements ViewModel {
    private static final List<String> NEGOTIATIONS = List.of("required", "optional", "not-supported");

    public PartnersView {
        rows = Views.list(rows, "rows");
        Views.texts("filter", filter, "error", error, "done", done);
        if (total < rows.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + rows.size() + " rows shown");
        }
    }

    /** The choices of the bulk SASL change. */
    public List<String> negotiations() {
        return NEGOTIATIONS;
    }

    /** One partner as the list shows it; codes where the view looks up the text in the admin's language. */
    public record PartnerRow(String domain, String additional, String type, String tls, String sasl, boolean dialback, String limit,
                             String description, List<String> warnings) {
        public PartnerRow {
            Views.texts("domain", domain, "additional", additional, "type", type, "tls", tls, "sasl", sasl,
                    "limit", limit, "description", description);
            warnings = Views.list(warnings, "warnings");
        }
    }
}
