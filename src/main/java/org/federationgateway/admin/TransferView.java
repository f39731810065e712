package org.federationgateway.admin;

import java.util.List;
import java.util.Set;

/**
 * Bulk export and import.
 *
 * @param exportJson the whole configuration as JSON
 * @param exportCsv  the partners as CSV
 * @param jsonHref   a data: link that downloads {@code exportJson}
 * @param csvHref    a data: link that downloads {@code exportCsv}
 * @param format     the import's format: {@code json} or {@code csv}
 * @param text       the import as pasted, kept when it is refused
 * @param errors     every problem of a refused import (nothing was saved)
 * @param done       what the last import saved, or empty
 */
public record TransferView(String exportJson, String exportCsv, String jsonHref, String csvHref, String format, String text,
                           List<ImportProblem> errors, String done) implements ViewModel {
    private static final Set<String> FORMATS = Set.of("json", "csv");

    public TransferView {
        Views.texts("exportJson", exportJson, "exportCsv", exportCsv, "jsonHref", jsonHref, "csvHref", csvHref);
        if (!FORMATS.contains(Views.text(format, "format"))) {
            throw new IllegalArgumentException("format must be json or csv, not " + format);
        }
        Views.text(text, "text");
        errors = Views.list(errors, "errors");
        Views.text(done, "done");
    }

    /** One problem of an import: its line (empty when it has none), section, field, and what is wrong. */
    public record ImportProblem(String line, String section, String field, String problem) {
        public ImportProblem {
            Views.texts("line", line, "section", section, "field", field, "problem", problem);
        }
    }
}
