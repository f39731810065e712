package org.federationgateway.transfer;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; each record knows the line it starts on. */
final class Csv {
    record Record(int line, List<String> cells) {
    }

    static final class CsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        CsvException(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private Csv() {
    }

    static String quote(String cell) {
        if (cell.isEmpty() || cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n') && cell.strip().equals(cell)) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (cell.length() > 0 || afterQuote) {
                        throw new CsvException(line, "a quote inside an unquoted field (write it as \"\" inside a quoted field)");
                    }
                    quoted = true;
                }
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    afterQuote = false;
                }
                case '\r' -> {
                    // part of CRLF; a lone CR is treated as a line end too
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        continue;
                    }
                    line = endRecord(records, cells, cell, recordLine, line);
                    recordLine = line;
                    afterQuote = false;
                }
                case '\n' -> {
                    line = endRecord(records, cells, cell, recordLine, line);
                    recordLine = line;
                    afterQuote = false;
                }
                default -> {
                    if (afterQuote) {
                        throw new CsvException(line, "text after the closing quote of a field");
                    }
                    cell.append(c);
                }
            }
        }
        if (quoted) {
            throw new CsvException(recordLine, "a quoted field is not closed");
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            records.add(new Record(recordLine, List.copyOf(cells)));
        }
        return records;
    }

    private static int endRecord(List<Record> records, List<String> cells, StringBuilder cell, int recordLine, int line) {
        cells.add(cell.toString());
        cell.setLength(0);
        records.add(new Record(recordLine, List.copyOf(cells)));
        cells.clear();
        return line + 1;
    }
}
