package io.lakelet.athena.query;

import io.lakelet.athena.AthenaErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements Athena handles itself rather than the engine: {@code PREPARE name FROM stmt},
 * {@code EXECUTE name [USING v, ...]} and {@code DEALLOCATE PREPARE name}; and the classification of a
 * statement's type from its text for queries that fail before the engine can say.
 */
final class Statements {
    private static final Pattern PREPARE = Pattern.compile(
            "(?is)\\s*PREPARE\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_@:]*)\\s+FROM\\s+(.+?)\\s*;?\\s*");
    private static final Pattern EXECUTE = Pattern.compile(
            "(?is)\\s*EXECUTE\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_@:]*)(?:\\s+USING\\s+(.+?))?\\s*;?\\s*");
    private static final Pattern DEALLOCATE = Pattern.compile(
            "(?is)\\s*DEALLOCATE\\s+PREPARE\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_@:]*)\\s*;?\\s*");

    record Prepare(String name, String statement) {
    }

    record Execute(String name, List<String> parameters) {
    }

    private Statements() {
    }

    static Prepare prepare(String sql) {
        Matcher m = PREPARE.matcher(sql);
        return m.matches() ? new Prepare(name(m.group(1)), m.group(2)) : null;
    }

    static Execute execute(String sql) {
        Matcher m = EXECUTE.matcher(sql);
        if (!m.matches()) {
            return null;
        }
        return new Execute(name(m.group(1)), m.group(2) == null ? List.of() : splitValues(m.group(2)));
    }

    static String deallocate(String sql) {
        Matcher m = DEALLOCATE.matcher(sql);
        return m.matches() ? name(m.group(1)) : null;
    }

    private static String name(String raw) {
        return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toLowerCase(Locale.ROOT);
    }

    /** Splits {@code 'a', 1, DATE '2024-01-01'} at top-level commas, keeping quoted text whole. */
    static List<String> splitValues(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        cur.append('\'');
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '\'') {
                quoted = true;
                cur.append(c);
            } else if (c == '(' || c == '[') {
                depth++;
                cur.append(c);
            } else if (c == ')' || c == ']') {
                depth--;
                cur.append(c);
            } else if (c == ',' && depth == 0) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw AthenaErrors.invalidRequest("line 1:1: unterminated string literal in USING");
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    /** Athena's SubstatementType: SELECT, INSERT, CREATE_TABLE, SHOW_TABLES... from the leading keywords. */
    static String substatementType(String sql) {
        String[] words = io.lakelet.sql.Statements.strip(sql).replaceFirst("^\\(+", "")
                .split("[\\s(]+", 4);
        String first = words.length > 0 ? words[0].toUpperCase(Locale.ROOT) : "";
        String second = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        return switch (first) {
            case "SELECT", "WITH", "VALUES", "TABLE" -> "SELECT";
            case "INSERT" -> "INSERT";
            case "EXPLAIN" -> "EXPLAIN";
            case "DESCRIBE", "DESC" -> "DESCRIBE";
            case "MSCK" -> "REPAIR_TABLE";
            case "SHOW" -> "SHOW_" + second;
            case "CREATE" -> second.equals("EXTERNAL") ? "CREATE_TABLE" : second.equals("OR") ? "CREATE_VIEW"
                    : "CREATE_" + second;
            case "DROP", "ALTER" -> first + "_" + second;
            default -> first;
        };
    }
}
