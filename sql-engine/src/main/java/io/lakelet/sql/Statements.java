package io.lakelet.sql;

import java.util.List;
import java.util.Locale;

/** Lexical helpers shared by both halves of the engine: comments, trailing semicolons, placeholders. */
public final class Statements {
    private Statements() {
    }

    /** The statement without leading/trailing whitespace, comments before it and a trailing semicolon. */
    public static String strip(String sql) {
        String s = sql == null ? "" : sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** True for statements the query engine runs: SELECT, WITH, VALUES, TABLE, EXPLAIN, and parenthesised queries. */
    public static boolean isQuery(String sql) {
        String w = firstWord(sql).toUpperCase(Locale.ROOT);
        return w.equals("SELECT") || w.equals("WITH") || w.equals("VALUES") || w.equals("TABLE")
                || w.equals("EXPLAIN") || w.equals("(");
    }

    /** The first word after any comments ({@code --} to end of line, {@code /* *}{@code /}), or "(" . */
    public static String firstWord(String sql) {
        int i = skipSpaceAndComments(sql, 0);
        if (i < sql.length() && sql.charAt(i) == '(') {
            return "(";
        }
        int start = i;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return sql.substring(start, i);
    }

    /** The index of the first character at or after {@code i} that is neither whitespace nor in a comment. */
    public static int skipSpaceAndComments(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * Replaces each {@code ?} outside string literals, quoted identifiers and comments with the next
     * parameter (already a SQL literal, as Athena's ExecutionParameters are). Fails with Athena's error
     * when the counts differ.
     */
    public static String substitute(String sql, List<String> parameters) {
        List<String> params = parameters == null ? List.of() : parameters;
        StringBuilder out = new StringBuilder(sql.length());
        int used = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, sql.length());
                out.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                int end = skipSpaceAndComments(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '?') {
                if (used >= params.size()) {
                    throw SqlFailure.user("INVALID_PARAMETER_USAGE", 1000, "line 1:1: Incorrect number of parameters: expected "
                            + countPlaceholders(sql) + " but found " + params.size());
                }
                out.append(params.get(used++));
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        if (used != params.size()) {
            throw SqlFailure.user("INVALID_PARAMETER_USAGE", 1000, "line 1:1: Incorrect number of parameters: expected "
                    + used + " but found " + params.size());
        }
        return out.toString();
    }

    private static int countPlaceholders(String sql) {
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                n++;
            }
        }
        return n;
    }
}
