package io.lakelet.sql.query;

import io.lakelet.sql.Cancellation;
import io.lakelet.sql.SqlFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calcite's and Java's exceptions as Trino words them, with Athena's error category (2, user) and
 * type (1000 for errors in the query, 1001 for errors in the data it reads).
 */
final class Errors {
    static final int QUERY_ERROR = 1000;
    static final int DATA_ERROR = 1001;

    private static final Pattern COLUMN = Pattern.compile("Column '([^']*)' not found in (?:any table|table '[^']*')");
    private static final Pattern FUNCTION = Pattern.compile("No match found for function signature ([^(]+)\\(");
    private static final Pattern APPLY = Pattern.compile(
            "Cannot apply '([^']+)' to arguments of type '(.*)'\\. Supported form", Pattern.DOTALL);

    private Errors() {
    }

    static SqlFailure user(String name, String message) {
        return new SqlFailure(name, 2, QUERY_ERROR, message);
    }

    static SqlFailure at(String name, int line, int column, String message) {
        return user(name, "line " + line + ":" + column + ": " + message);
    }

    static SqlFailure translate(Throwable e, String sql, Cancellation cancellation) {
        if (e instanceof SqlFailure f) {
            return f;
        }
        if (cancellation != null && cancellation.isCancelled()) {
            return new SqlFailure("USER_CANCELED", 2, 1, "Query was canceled by user", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SqlFailure f) {
                return f;
            }
            if (t instanceof CalciteContextException c) {
                return context(c, sql);
            }
            if (t instanceof SqlParseException p) {
                return parse(p);
            }
            if (t instanceof DataException d) {
                return new SqlFailure(d.errorName(), 2, DATA_ERROR, d.getMessage(), e);
            }
            if (t instanceof ArithmeticException a) {
                String m = String.valueOf(a.getMessage());
                if (m.contains("by zero")) {
                    return new SqlFailure("DIVISION_BY_ZERO", 2, DATA_ERROR, "Division by zero", e);
                }
                return new SqlFailure("NUMERIC_VALUE_OUT_OF_RANGE", 2, DATA_ERROR, m, e);
            }
            if (t instanceof NumberFormatException n) {
                return new SqlFailure("INVALID_CAST_ARGUMENT", 2, DATA_ERROR, castMessage(n.getMessage()), e);
            }
            if (t instanceof TrinoFunctions.InvalidFunctionArgument a) {
                return new SqlFailure("INVALID_FUNCTION_ARGUMENT", 2, DATA_ERROR, a.getMessage(), e);
            }
            if (t instanceof TrinoFunctions.InvalidCast a) {
                return new SqlFailure("INVALID_CAST_ARGUMENT", 2, DATA_ERROR, a.getMessage(), e);
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("Division by zero") || message.contains("/ by zero")) {
            return new SqlFailure("DIVISION_BY_ZERO", 2, DATA_ERROR, "Division by zero", e);
        }
        return new SqlFailure("GENERIC_INTERNAL_ERROR", 1, 200, message, e);
    }

    private static String castMessage(String m) {
        if (m == null) {
            return "Cannot cast value";
        }
        Matcher q = Pattern.compile("For input string: \"(.*)\"").matcher(m);
        if (q.find()) {
            return "Cannot cast '" + q.group(1) + "' to a number";
        }
        return m;
    }

    private static SqlFailure context(CalciteContextException c, String sql) {
        int line = c.getPosLine();
        int col = c.getPosColumn();
        String m = c.getCause() != null && c.getCause().getMessage() != null ? c.getCause().getMessage()
                : c.getMessage();
        if (c.getCause() instanceof TrinoTypeCoercion.Mismatch mismatch) {
            int[] after = mismatch.operatorAfter;
            int[] op = sql == null ? null : nextToken(sql, after[0], after[1] + 1);
            return op == null ? at("TYPE_MISMATCH", line, col, m) : at("TYPE_MISMATCH", op[0], op[1], m);
        }
        Matcher column = COLUMN.matcher(m);
        if (column.find()) {
            return at("COLUMN_NOT_FOUND", line, col, "Column '" + column.group(1) + "' cannot be resolved");
        }
        Matcher function = FUNCTION.matcher(m);
        if (function.find()) {
            return at("FUNCTION_NOT_FOUND", line, col, "Function '" + function.group(1).toLowerCase() + "' not registered");
        }
        Matcher apply = APPLY.matcher(m);
        boolean applies = apply.find();
        if (applies && apply.group(1).equals("||")) {
            String args = trinoTypes(apply.group(2)).replace(" || ", ", ");
            return at("FUNCTION_NOT_FOUND", line, col, "Unexpected parameters (" + args + ") for function concat");
        }
        if (applies && apply.group(1).matches("[A-Za-z_][A-Za-z_0-9]*")) {
            // A function no signature of which takes these types: Trino looked for one and found none.
            String args = trinoTypes(apply.group(2));
            args = args.substring(args.indexOf('(') + 1, args.lastIndexOf(')'));
            return at("FUNCTION_NOT_FOUND", line, col, "Unexpected parameters (" + args + ") for function "
                    + apply.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        if (applies) {
            return at("TYPE_MISMATCH", line, col, "Cannot apply operator: " + trinoTypes(apply.group(2))
                    .replace(" " + apply.group(1).replace("'", "") + " ", " " + apply.group(1) + " "));
        }
        if (m.contains("Illegal mixing of types in CASE or COALESCE statement")) {
            boolean coalesce = sql != null && textFrom(sql, line, col).regionMatches(true, 0, "coalesce", 0, 8);
            return at("TYPE_MISMATCH", line, col, coalesce
                    ? "All COALESCE operands must be the same type or coercible to a common type"
                    : "All CASE results must be the same type or coercible to a common type");
        }
        if (m.startsWith("Cannot apply") || m.contains("Cannot infer return type") || m.contains("Cast function cannot convert")
                || m.startsWith("Cannot assign") || m.contains("must be comparable") || m.contains("Type mismatch")
                || m.contains("Cannot stringify") || m.contains("incompatible")) {
            return at("TYPE_MISMATCH", line, col, m);
        }
        if (m.contains("Object '") && m.contains("not found")) {
            return at("TABLE_NOT_FOUND", line, col, m);
        }
        if (m.contains("Expression '") && m.contains("is not being grouped")) {
            Matcher g = Pattern.compile("Expression '([^']*)'").matcher(m);
            String expr = g.find() ? g.group(1) : "";
            return at("EXPRESSION_NOT_AGGREGATE", line, col,
                    "'" + expr + "' must be an aggregate expression or appear in GROUP BY clause");
        }
        if (m.contains("Column '") && m.contains("is ambiguous")) {
            Matcher g = Pattern.compile("Column '([^']*)'").matcher(m);
            return at("AMBIGUOUS_NAME", line, col, "Column '" + (g.find() ? g.group(1) : "") + "' is ambiguous");
        }
        return at("SYNTAX_ERROR", line, col, m);
    }

    /**
     * The (1-based) line and column of the first character at or after the given one that is neither blank nor
     * a closing parenthesis, or null.
     */
    private static int[] nextToken(String sql, int line, int col) {
        String[] lines = sql.split("\n", -1);
        for (int l = line; l >= 1 && l <= lines.length; l++) {
            String text = lines[l - 1];
            for (int i = l == line ? col - 1 : 0; i >= 0 && i < text.length(); i++) {
                char ch = text.charAt(i);
                if (!Character.isWhitespace(ch) && ch != ')') {
                    return new int[] {l, i + 1};
                }
            }
        }
        return null;
    }

    /** The statement's text from a (1-based) line and column on. */
    private static String textFrom(String sql, int line, int col) {
        String[] lines = sql.split("\n", -1);
        if (line < 1 || line > lines.length || col < 1 || col > lines[line - 1].length() + 1) {
            return "";
        }
        return lines[line - 1].substring(col - 1);
    }

    private static String trinoTypes(String calcite) {
        return calcite.replaceAll("<VARCHAR(\\(\\d+\\))?>", "varchar").replaceAll("<CHAR\\((\\d+)\\)>", "varchar($1)")
                .replace("<INTEGER>", "integer").replace("<BIGINT>", "bigint").replace("<DOUBLE>", "double")
                .replace("<BOOLEAN>", "boolean").replace("<DATE>", "date").replaceAll("<TIMESTAMP\\(\\d\\)>", "timestamp(3)")
                .replaceAll("<DECIMAL\\((\\d+), (\\d+)\\)>", "decimal($1,$2)").replaceAll("<([A-Z_]+)>", "$1")
                .toLowerCase();
    }

    private static SqlFailure parse(SqlParseException p) {
        SqlParserPos pos = p.getPos();
        int line = pos == null ? 1 : pos.getLineNum();
        int col = pos == null ? 1 : pos.getColumnNum();
        String m = p.getMessage() == null ? "" : p.getMessage();
        Matcher enc = Pattern.compile("Encountered \"(.*?)\" at line").matcher(m);
        String token = enc.find() ? enc.group(1).trim() : "";
        if (token.contains(" ") && !token.startsWith("<")) {
            token = token.substring(0, token.indexOf(' '));
        }
        if (token.equals("<EOF>") || token.isEmpty()) {
            token = "<EOF>";
        }
        StringBuilder expecting = new StringBuilder();
        int[][] seqs = p.getExpectedTokenSequences();
        String[] images = p.getTokenImages();
        if (seqs != null && images != null) {
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            for (int[] seq : seqs) {
                if (seq.length > 0 && seq[seq.length - 1] < images.length) {
                    String image = images[seq[seq.length - 1]];
                    if (image.startsWith("\"") && image.endsWith("\"")) {
                        seen.add("'" + image.substring(1, image.length() - 1) + "'");
                    } else if (image.contains("IDENTIFIER")) {
                        seen.add("<identifier>");
                    } else if (image.contains("LITERAL")) {
                        seen.add("<expression>");
                    }
                }
                if (seen.size() >= 12) {
                    break;
                }
            }
            expecting.append(String.join(", ", seen));
        }
        String token0 = token.equals("<EOF>") ? "<EOF>" : token;
        String message = "mismatched input '" + token0 + "'." + (expecting.length() > 0 ? " Expecting: " + expecting : "");
        if (m.contains("Lexical error") || m.contains("TokenMgrError")) {
            message = m.replaceAll("\\s+", " ");
        }
        return at("SYNTAX_ERROR", line, col, message);
    }
}
