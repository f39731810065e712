package org.federationgateway.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line on which each element of each top-level array starts ({@code "partners": [ {...}, ... ]}), so an
 * import can name the line of a bad row. Reads text already known to be valid JSON.
 */
final class JsonLines {
    private JsonLines() {
    }

    static Map<String, List<Integer>> elementLines(String text) {
        Map<String, List<Integer>> lines = new HashMap<>();
        int line = 1;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        StringBuilder string = new StringBuilder();
        String lastString = null;
        String key = null;
        boolean expectElement = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    lastString = string.toString();
                } else {
                    string.append(c);
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (expectElement && c != ']') {
                lines.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
            }
            expectElement = false;
            switch (c) {
                case '"' -> {
                    inString = true;
                    string.setLength(0);
                }
                case ':' -> {
                    if (depth == 1) {
                        key = lastString;
                    }
                }
                case '{' -> depth++;
                case '[' -> {
                    depth++;
                    if (depth == 2) {
                        expectElement = true;
                    }
                }
                case '}', ']' -> depth--;
                case ',' -> {
                    if (depth == 2) {
                        expectElement = true;
                    }
                }
                default -> {
                }
            }
        }
        return lines;
    }
}
