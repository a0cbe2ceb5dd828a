package io.lakelet.dynamodb.expressions;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens: names, {@code #names}, {@code :values}, integers and operators. */
final class Lexer {

    enum Kind { NAME, ATTR_NAME, ATTR_VALUE, NUMBER, SYMBOL, EOF }

    record Token(Kind kind, String text, int position) {
        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL && text.equals(symbolOrKeyword))
                    || (kind == Kind.NAME && text.equalsIgnoreCase(symbolOrKeyword));
        }

        String display() {
            return kind == Kind.EOF ? "<EOF>" : text;
        }
    }

    private Lexer() {
    }

    static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':') {
                i++;
                while (i < n && isNameChar(expression.charAt(i))) {
                    i++;
                }
                if (i == start + 1) {
                    throw syntax(String.valueOf(c), expression, start);
                }
                tokens.add(new Token(c == '#' ? Kind.ATTR_NAME : Kind.ATTR_VALUE, expression.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                while (i < n && Character.isDigit(expression.charAt(i))) {
                    i++;
                }
                if (i < n && isNameChar(expression.charAt(i))) {
                    while (i < n && isNameChar(expression.charAt(i))) {
                        i++;
                    }
                    tokens.add(new Token(Kind.NAME, expression.substring(start, i), start));
                } else {
                    tokens.add(new Token(Kind.NUMBER, expression.substring(start, i), start));
                }
            } else if (isNameChar(c)) {
                while (i < n && isNameChar(expression.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, expression.substring(start, i), start));
            } else if ((c == '<' || c == '>') && i + 1 < n && expression.charAt(i + 1) == '=') {
                tokens.add(new Token(Kind.SYMBOL, expression.substring(i, i + 2), start));
                i += 2;
            } else if (c == '<' && i + 1 < n && expression.charAt(i + 1) == '>') {
                tokens.add(new Token(Kind.SYMBOL, "<>", start));
                i += 2;
            } else if ("()[],.=<>+-".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), start));
                i++;
            } else {
                throw new ExpressionException("Invalid character encountered; character: " + c);
            }
        }
        tokens.add(new Token(Kind.EOF, "", n));
        return tokens;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static ExpressionException syntax(String token, String expression, int at) {
        return new ExpressionException("Syntax error; token: \"" + token + "\", near: \""
                + expression.substring(Math.max(0, at - 8), Math.min(expression.length(), at + 8)).trim() + "\"");
    }
}
