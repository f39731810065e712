package org.federationgateway.transfer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.federationgateway.json.JsonBody;
import org.federationgateway.json.JsonWriter;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.InvalidFieldException;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.store.PolicyService;
import org.federationgateway.transfer.Items.Problem;

/**
 * Bulk export and import of partners, policies and assignments: JSON for all three, CSV (RFC 4180) for
 * partners. An import is all or nothing: every row is checked first, against the file and against what is
 * configured, and each problem is reported with its line; only a file without problems is saved, in one
 * transaction. Items in the file replace those with the same identity; others stay.
 */
public final class Transfer {
    public static final String FORMAT = "federationgateway-export";
    public static final int VERSION = 1;
    static final List<String> SECTIONS = List.of("policies", "partners", "assignments");

    private Transfer() {
    }

    /** One problem: where (line, section), which field, and the bundle key with its arguments. */
    public record RowError(int line, String section, String field, String key, List<Object> args) {
    }

    /** The outcome of an import: what was saved, or every problem and nothing saved. */
    public record ImportReport(PolicyService.ImportCounts saved, List<RowError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** A problem in the reader's language; {@code messages} looks up a bundle key with arguments. */
    public static String text(RowError e, java.util.function.BiFunction<String, Object[], String> messages) {
        Object[] args = e.args().stream().map(a -> a instanceof Items.TypeName t ? messages.apply(t.key(), new Object[0]) : a).toArray();
        return messages.apply(e.key(), args);
    }

    // ---- export

    /** Everything configured, one item per line, so an import's line numbers point at the item. */
    public static String exportJson(PolicySnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("{\"format\":").append(JsonWriter.write(FORMAT)).append(",\"version\":").append(VERSION).append(",\n");
        List<List<Map<String, Object>>> sections = List.of(
                s.policies().stream().sorted(Comparator.comparing(AccessPolicy::name)).map(Items::policy).toList(),
                s.partners().stream().sorted(Comparator.comparing(p -> p.primaryDomain().value())).map(Items::partner).toList(),
                s.assignments().stream().sorted(Comparator.comparing((Assignment a) -> a.kind().code()).thenComparing(Assignment::subject))
                        .map(Items::assignment).toList());
        for (int i = 0; i < SECTIONS.size(); i++) {
            out.append(JsonWriter.write(SECTIONS.get(i))).append(":[");
            List<Map<String, Object>> items = sections.get(i);
            for (int j = 0; j < items.size(); j++) {
                out.append(j == 0 ? "\n" : ",\n").append(JsonWriter.write(items.get(j)));
            }
            out.append(items.isEmpty() ? "]" : "\n]").append(i == SECTIONS.size() - 1 ? "\n}\n" : ",\n");
        }
        return out.toString();
    }

    /** Partners as CSV: a header of field names, then one partner per line; additional domains separated by spaces. */
    public static String exportPartnersCsv(PolicySnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", Items.PARTNER.stream().map(f -> f.name()).toList())).append("\r\n");
        for (Partner p : s.partners().stream().sorted(Comparator.comparing(p -> p.primaryDomain().value())).toList()) {
            Map<String, Object> m = Items.partner(p);
            List<String> cells = new ArrayList<>();
            for (var f : Items.PARTNER) {
                Object v = m.get(f.name());
                cells.add(v == null ? "" : v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : v.toString());
            }
            out.append(String.join(",", cells.stream().map(Csv::quote).toList())).append("\r\n");
        }
        return out.toString();
    }

    // ---- import

    /** A row of the file: where it starts, its section and its fields as JSON values. */
    record Row(int line, String section, Map<String, Object> fields) {
    }

    public static ImportReport importJson(PolicyService policy, String text) {
        List<RowError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Object> doc;
        try {
            doc = JsonBody.parseObject(text);
        } catch (JsonBody.BadJsonException e) {
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+)\\]").matcher(e.getMessage());
            int line = at.find() ? Integer.parseInt(at.group(1)) : 1;
            return new ImportReport(null, List.of(new RowError(line, "", "", "transfer.error.json", List.of(e.getMessage()))));
        }
        Map<String, List<Integer>> lines = JsonLines.elementLines(text);
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String key = e.getKey();
            if (key.equals("format")) {
                if (!FORMAT.equals(e.getValue())) {
                    errors.add(new RowError(1, "", "format", "transfer.error.format", List.of(FORMAT)));
                }
            } else if (key.equals("version")) {
                if (!(e.getValue() instanceof BigDecimal v) || v.compareTo(BigDecimal.valueOf(VERSION)) != 0) {
                    errors.add(new RowError(1, "", "version", "transfer.error.version", List.of(VERSION)));
                }
            } else if (SECTIONS.contains(key)) {
                if (!(e.getValue() instanceof List<?> items)) {
                    errors.add(new RowError(1, key, key, "transfer.error.section", List.of(key)));
                    continue;
                }
                List<Integer> at = lines.getOrDefault(key, List.of());
                for (int i = 0; i < items.size(); i++) {
                    int line = i < at.size() ? at.get(i) : 1;
                    if (items.get(i) instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> fields = (Map<String, Object>) m;
                        rows.add(new Row(line, key, fields));
                    } else {
                        errors.add(new RowError(line, key, "", "transfer.error.notAnObject", List.of()));
                    }
                }
            } else {
                errors.add(new RowError(1, "", key, "transfer.error.unknownSection", List.of(key)));
            }
        }
        return check(policy, rows, errors);
    }

    public static ImportReport importPartnersCsv(PolicyService policy, String text) {
        List<RowError> errors = new ArrayList<>();
        List<Csv.Record> records;
        try {
            records = Csv.parse(text);
        } catch (Csv.CsvException e) {
            return new ImportReport(null, List.of(new RowError(e.line(), "partners", "", "transfer.error.csv", List.of(e.getMessage()))));
        }
        if (records.isEmpty()) {
            return new ImportReport(null, List.of(new RowError(1, "partners", "", "transfer.error.csvHeader", List.of())));
        }
        List<String> header = records.get(0).cells().stream().map(String::strip).toList();
        Set<String> known = new HashSet<>(Items.PARTNER.stream().map(f -> f.name()).toList());
        for (String h : header) {
            if (!known.contains(h)) {
                errors.add(new RowError(records.get(0).line(), "partners", h, "api.error.unknownField", List.of()));
            }
        }
        if (!header.contains("primaryDomain")) {
            errors.add(new RowError(records.get(0).line(), "partners", "primaryDomain", "transfer.error.csvHeader", List.of()));
        }
        if (!errors.isEmpty()) {
            return new ImportReport(null, errors);
        }
        List<Row> rows = new ArrayList<>();
        for (Csv.Record r : records.subList(1, records.size())) {
            if (r.cells().size() == 1 && r.cells().get(0).isBlank()) {
                continue;
            }
            if (r.cells().size() != header.size()) {
                errors.add(new RowError(r.line(), "partners", "", "transfer.error.csvColumns", List.of(r.cells().size(), header.size())));
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), typed(header.get(i), r.cells().get(i)));
            }
            rows.add(new Row(r.line(), "partners", fields));
        }
        return check(policy, rows, errors);
    }

    /** A CSV cell as the JSON value the column takes; a cell that is not one stays text and is refused by type. */
    private static Object typed(String column, String cell) {
        String v = cell.strip();
        for (var f : Items.PARTNER) {
            if (!f.name().equals(column)) {
                continue;
            }
            switch (f.type()) {
                case BOOLEAN -> {
                    return v.equalsIgnoreCase("true") ? Boolean.TRUE : v.equalsIgnoreCase("false") ? Boolean.FALSE : v;
                }
                case OPTIONAL_INTEGER -> {
                    if (v.isEmpty()) {
                        return null;
                    }
                    return v.matches("-?\\d{1,10}") ? new BigDecimal(v) : v;
                }
                case OPTIONAL_STRING -> {
                    return v.isEmpty() ? null : v;
                }
                case STRING_LIST -> {
                    return v.isEmpty() ? List.of() : List.of(v.split("[\\s,;]+"));
                }
                default -> {
                    return v;
                }
            }
        }
        return v;
    }

    /** Checks every row (alone, against the file, against what is configured); saves only if none has a problem. */
    static ImportReport check(PolicyService service, List<Row> rows, List<RowError> errors) {
        PolicySnapshot current = service.current();
        Map<String, AccessPolicy> policies = new LinkedHashMap<>();
        current.policies().forEach(p -> policies.put(p.name(), p));
        List<AccessPolicy> newPolicies = new ArrayList<>();
        List<Partner> newPartners = new ArrayList<>();
        List<Assignment> newAssignments = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // policies first: assignments name them
        for (Row r : rows.stream().filter(r -> r.section().equals("policies")).toList()) {
            try {
                AccessPolicy p = Items.policyOf(r.fields());
                if (!seen.add("policy:" + p.name())) {
                    errors.add(new RowError(r.line(), r.section(), "name", "transfer.error.duplicate", List.of(p.name())));
                    continue;
                }
                policies.put(p.name(), p);
                newPolicies.add(p);
            } catch (Items.RowException e) {
                e.problems().forEach(p -> errors.add(error(r, p)));
            }
        }
        List<Partner> partners = new ArrayList<>(current.partners());
        for (Row r : rows.stream().filter(r -> r.section().equals("partners")).toList()) {
            try {
                Partner p = Items.partnerOf(r.fields());
                if (!seen.add("partner:" + p.primaryDomain().value())) {
                    errors.add(new RowError(r.line(), r.section(), "primaryDomain", "transfer.error.duplicate", List.of(p.primaryDomain().value())));
                    continue;
                }
                List<Partner> next = new ArrayList<>(partners);
                next.removeIf(old -> old.primaryDomain().equals(p.primaryDomain()));
                next.add(p);
                // domains claimed twice show only when the partners are put together
                new PolicySnapshot(next, List.of(), List.of(), current.settings(), false);
                partners = next;
                newPartners.add(p);
            } catch (Items.RowException e) {
                e.problems().forEach(p -> errors.add(error(r, p)));
            } catch (InvalidFieldException e) {
                errors.add(error(r, Problem.of(e)));
            }
        }
        for (Row r : rows.stream().filter(r -> r.section().equals("assignments")).toList()) {
            try {
                Assignment a = Items.assignmentOf(r.fields());
                if (!seen.add("assignment:" + a.kind().code() + ":" + a.subject())) {
                    errors.add(new RowError(r.line(), r.section(), "subject", "transfer.error.duplicate", List.of(a.subject())));
                    continue;
                }
                if (!policies.containsKey(a.policy())) {
                    errors.add(new RowError(r.line(), r.section(), "policy", "policy.error.assignment.unknownPolicy", List.of(a.subject(), a.policy())));
                    continue;
                }
                newAssignments.add(a);
            } catch (Items.RowException e) {
                e.problems().forEach(p -> errors.add(error(r, p)));
            }
        }
        if (!errors.isEmpty()) {
            List<RowError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(RowError::line));
            return new ImportReport(null, sorted);
        }
        try {
            return new ImportReport(service.importAll(newPartners, newPolicies, newAssignments), List.of());
        } catch (InvalidFieldException e) {
            return new ImportReport(null, List.of(new RowError(0, "", e.field(), e.messageKey(), List.of(e.arguments()))));
        }
    }

    private static RowError error(Row r, Problem p) {
        return new RowError(r.line(), r.section(), p.field(), p.key(), p.args());
    }
}
