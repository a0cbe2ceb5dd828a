package io.lakelet.sql.ddl;

import io.lakelet.sql.Statements;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Hive DDL (or Trino header) statement into tokens. Keywords are case-insensitive words;
 * identifiers may be quoted in backticks or double quotes (a doubled quote stands for itself); string
 * literals are in single quotes, where {@code ''} and Hive's backslash escapes ({@code \'}, {@code \\},
 * {@code \t}, {@code \n}, {@code \001}-style octal and {@code \u0001}) are understood. Comments are skipped.
 */
final class Lexer {
    private final String sql;
    private int pos;

    private Lexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokenize(String sql) {
        return new Lexer(sql).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            pos = Statements.skipSpaceAndComments(sql, pos);
            if (pos >= sql.length()) {
                tokens.add(token(Token.Kind.EOF, "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = sql.charAt(pos);
        if (c == '\'') {
            return token(Token.Kind.STRING, string(), start, pos);
        }
        if (c == '`' || c == '"') {
            return token(Token.Kind.QUOTED, quoted(c), start, pos);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                pos++;
            }
            return token(Token.Kind.WORD, sql.substring(start, pos), start, pos);
        }
        if (Character.isDigit(c)) {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                pos++;
            }
            boolean numeric = sql.substring(start, pos).chars().allMatch(Character::isDigit);
            if (numeric && pos + 1 < sql.length() && sql.charAt(pos) == '.' && Character.isDigit(sql.charAt(pos + 1))) {
                pos++;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            }
            return token(numeric ? Token.Kind.NUMBER : Token.Kind.WORD, sql.substring(start, pos), start, pos);
        }
        pos++;
        return token(Token.Kind.SYMBOL, String.valueOf(c), start, pos);
    }

    private String quoted(char quote) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == quote) {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                    out.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return out.toString();
            }
            out.append(c);
            pos++;
        }
        throw DdlErrors.syntax(line(start(quote)), column(start(quote)), "unterminated quoted identifier");
    }

    private int start(char quote) {
        return sql.lastIndexOf(quote, pos - 1);
    }

    private String string() {
        int start = pos;
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
                    out.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                return out.toString();
            }
            if (c == '\\' && pos + 1 < sql.length()) {
                pos = escape(out, pos + 1);
                continue;
            }
            out.append(c);
            pos++;
        }
        throw DdlErrors.syntax(line(start), column(start), "mismatched input '" + sql.substring(start)
                + "'. Expecting: <string>");
    }

    /** Appends the character an escape stands for; returns the index after it. */
    private int escape(StringBuilder out, int i) {
        char e = sql.charAt(i);
        if (e >= '0' && e <= '7') {
            int end = i;
            while (end < sql.length() && end < i + 3 && sql.charAt(end) >= '0' && sql.charAt(end) <= '7') {
                end++;
            }
            out.append((char) Integer.parseInt(sql.substring(i, end), 8));
            return end;
        }
        if (e == 'u' && i + 5 <= sql.length() && sql.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
            out.append((char) Integer.parseInt(sql.substring(i + 1, i + 5), 16));
            return i + 5;
        }
        out.append(switch (e) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case '0' -> '\0';
            default -> e;
        });
        return i + 1;
    }

    private Token token(Token.Kind kind, String text, int start, int end) {
        return new Token(kind, text, start, end, line(start), column(start));
    }

    private int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private int column(int offset) {
        int nl = sql.lastIndexOf('\n', Math.max(0, offset - 1));
        return nl < 0 || nl >= offset ? offset + 1 : offset - nl;
    }
}
