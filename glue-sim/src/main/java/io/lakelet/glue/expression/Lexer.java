package io.lakelet.glue.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a partition expression into tokens: identifiers, keywords, string and number literals, operators. */
final class Lexer {

    enum Kind { IDENT, KEYWORD, STRING, NUMBER, OP, LPAREN, RPAREN, COMMA, END }

    record Token(Kind kind, String text, int position) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }
    }

    private static final List<String> KEYWORDS = List.of("AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "IS", "NULL");

    private final String source;
    private final String original;
    private int pos;

    private Lexer(String source, String original) {
        this.source = source;
        this.original = original;
    }

    static List<Token> tokenize(String expression) {
        return new Lexer(expression, expression).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= source.length()) {
                tokens.add(new Token(Kind.END, "", pos));
                return tokens;
            }
            int start = pos;
            char c = source.charAt(pos);
            if (c == '(') {
                pos++;
                tokens.add(new Token(Kind.LPAREN, "(", start));
            } else if (c == ')') {
                pos++;
                tokens.add(new Token(Kind.RPAREN, ")", start));
            } else if (c == ',') {
                pos++;
                tokens.add(new Token(Kind.COMMA, ",", start));
            } else if (c == '\'') {
                tokens.add(new Token(Kind.STRING, quoted('\''), start));
            } else if (c == '"' || c == '`') {
                tokens.add(new Token(Kind.IDENT, quoted(c), start));
            } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                tokens.add(new Token(Kind.OP, operator(), start));
            } else if (Character.isDigit(c) || c == '-' || c == '+' || c == '.' && nextIsDigit()) {
                tokens.add(new Token(Kind.NUMBER, number(), start));
            } else if (Character.isLetter(c) || c == '_') {
                while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos))
                        || source.charAt(pos) == '_' || source.charAt(pos) == '.')) {
                    pos++;
                }
                String word = source.substring(start, pos);
                String upper = word.toUpperCase(Locale.ROOT);
                tokens.add(KEYWORDS.contains(upper) ? new Token(Kind.KEYWORD, upper, start)
                        : new Token(Kind.IDENT, word, start));
            } else {
                throw unsupported();
            }
        }
    }

    private boolean nextIsDigit() {
        return pos + 1 < source.length() && Character.isDigit(source.charAt(pos + 1));
    }

    private void skipSpace() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    /** A quoted run where a doubled quote stands for itself, as in SQL. */
    private String quoted(char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < source.length()) {
            char c = source.charAt(pos++);
            if (c == quote) {
                if (pos < source.length() && source.charAt(pos) == quote) {
                    sb.append(quote);
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        throw unsupported();
    }

    private String operator() {
        char c = source.charAt(pos++);
        char n = pos < source.length() ? source.charAt(pos) : '\0';
        if (c == '<' && (n == '>' || n == '=') || c == '>' && n == '=' || c == '!' && n == '=') {
            pos++;
            return "" + c + n;
        }
        if (c == '!') {
            throw unsupported();
        }
        return String.valueOf(c);
    }

    private String number() {
        int start = pos;
        if (source.charAt(pos) == '-' || source.charAt(pos) == '+') {
            pos++;
        }
        int digits = 0;
        while (pos < source.length() && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '.')) {
            pos++;
            digits++;
        }
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            pos++;
            if (pos < source.length() && (source.charAt(pos) == '-' || source.charAt(pos) == '+')) {
                pos++;
            }
            while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                pos++;
            }
        }
        String text = source.substring(start, pos);
        if (digits == 0) {
            throw unsupported();
        }
        try {
            new java.math.BigDecimal(text);
        } catch (NumberFormatException e) {
            throw unsupported();
        }
        return text;
    }

    private ExpressionException unsupported() {
        return PartitionExpression.unsupported(original);
    }
}
