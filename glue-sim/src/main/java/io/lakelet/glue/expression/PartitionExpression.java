package io.lakelet.glue.expression;

import io.lakelet.glue.expression.Lexer.Kind;
import io.lakelet.glue.expression.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GetPartitions {@code Expression}, parsed and checked against the table's partition keys once, then
 * tested against each partition's values. The grammar is the SQL WHERE subset Glue documents:
 * comparisons ({@code = <> != < > <= >=}), {@code [NOT] LIKE}, {@code [NOT] IN (...)},
 * {@code [NOT] BETWEEN .. AND ..}, {@code IS [NOT] NULL}, combined with {@code AND}, {@code OR},
 * {@code NOT} and parentheses, with SQL precedence (NOT over AND over OR). Literals are converted to the
 * type of the key they are compared with, so an {@code int} key compares numerically.
 */
public final class PartitionExpression {

    /** A partition key as the expression sees it: its name and declared type. */
    public record Key(String name, String type) {
    }

    private final Condition condition;
    private final List<KeyType> types;

    private PartitionExpression(Condition condition, List<KeyType> types) {
        this.condition = condition;
        this.types = types;
    }

    /**
     * Parses {@code expression} against {@code keys}.
     *
     * @throws ExpressionException with Glue's wording when the expression cannot be used
     */
    public static PartitionExpression compile(String expression, List<Key> keys) {
        List<Token> tokens = Lexer.tokenize(expression);
        Parser parser = new Parser(expression, tokens, keys);
        Condition c = parser.or();
        parser.expect(Kind.END);
        List<KeyType> types = new ArrayList<>();
        for (Key k : keys) {
            types.add(KeyType.of(k.type()));
        }
        return new PartitionExpression(c, types);
    }

    /**
     * Whether a partition with these values (in key order) matches.
     *
     * @throws ExpressionException (invalid state) when a stored value does not fit its key's type
     */
    public boolean matches(List<String> values) {
        return condition.test(new Condition.Values() {
            @Override
            public Comparable<?> get(int key) {
                String raw = raw(key);
                Comparable<?> v = types.get(key).parse(raw);
                if (v == null) {
                    throw ExpressionException.state(types.get(key).notA(raw));
                }
                return v;
            }

            @Override
            public String raw(int key) {
                return key < values.size() ? values.get(key) : "";
            }
        });
    }

    static ExpressionException unsupported(String expression) {
        return ExpressionException.input("Unsupported expression '" + expression + "'");
    }

    /** Recursive descent over the tokens; binds identifiers to keys and literals to their types as it goes. */
    private static final class Parser {
        private final String expression;
        private final List<Token> tokens;
        private final List<Key> keys;
        private int pos;

        Parser(String expression, List<Token> tokens, List<Key> keys) {
            this.expression = expression;
            this.tokens = tokens;
            this.keys = keys;
        }

        Condition or() {
            Condition left = and();
            while (acceptKeyword("OR")) {
                left = new Condition.Or(left, and());
            }
            return left;
        }

        private Condition and() {
            Condition left = not();
            while (acceptKeyword("AND")) {
                left = new Condition.And(left, not());
            }
            return left;
        }

        private Condition not() {
            if (acceptKeyword("NOT")) {
                return new Condition.Not(not());
            }
            return primary();
        }

        private Condition primary() {
            int afterIdent = parenthesizedIdentifierEnd();
            if (afterIdent > 0) {
                Token ident = tokens.get(pos + (afterIdent - pos - 1) / 2);
                pos = afterIdent;
                return predicate(keyIndex(ident.text()));
            }
            if (peek().kind() == Kind.LPAREN) {
                pos++;
                Condition inner = or();
                expect(Kind.RPAREN);
                return inner;
            }
            Token ident = next();
            if (ident.kind() != Kind.IDENT) {
                throw unsupported(expression);
            }
            int key = keyIndex(ident.text());
            return predicate(key);
        }

        private Condition predicate(int key) {
            KeyType type = typeOf(key);
            Token t = next();
            if (t.kind() == Kind.OP) {
                return new Condition.Compare(key, t.text(), literal(type));
            }
            if (t.is(Kind.KEYWORD, "IS")) {
                boolean negated = acceptKeyword("NOT");
                if (!acceptKeyword("NULL")) {
                    throw unsupported(expression);
                }
                Condition c = new Condition.IsNull(key);
                return negated ? new Condition.Not(c) : c;
            }
            boolean negated = t.is(Kind.KEYWORD, "NOT");
            if (negated) {
                t = next();
            }
            Condition c;
            if (t.is(Kind.KEYWORD, "LIKE")) {
                if (type != KeyType.STRING) {
                    throw ExpressionException.input(type.label() + " data type doesn't support operation 'LIKE'");
                }
                Token pattern = next();
                if (pattern.kind() != Kind.STRING) {
                    throw unsupported(expression);
                }
                c = new Condition.Like(key, likePattern(pattern.text()));
            } else if (t.is(Kind.KEYWORD, "IN")) {
                expect(Kind.LPAREN);
                List<Comparable<?>> values = new ArrayList<>();
                values.add(literal(type));
                while (peek().kind() == Kind.COMMA) {
                    pos++;
                    values.add(literal(type));
                }
                expect(Kind.RPAREN);
                c = new Condition.In(key, values);
            } else if (t.is(Kind.KEYWORD, "BETWEEN")) {
                Comparable<?> low = literal(type);
                if (!acceptKeyword("AND")) {
                    throw unsupported(expression);
                }
                c = new Condition.Between(key, low, literal(type));
            } else {
                throw unsupported(expression);
            }
            return negated ? new Condition.Not(c) : c;
        }

        /** A string or number literal, possibly in parentheses, read as a value of {@code type}. */
        private Comparable<?> literal(KeyType type) {
            if (peek().kind() == Kind.LPAREN) {
                pos++;
                Comparable<?> inner = literal(type);
                expect(Kind.RPAREN);
                return inner;
            }
            Token t = next();
            if (t.kind() != Kind.STRING && t.kind() != Kind.NUMBER) {
                throw unsupported(expression);
            }
            Comparable<?> v = type.parse(t.text());
            if (v == null) {
                throw ExpressionException.input(type.notA(t.text()));
            }
            return v;
        }

        private int keyIndex(String name) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).name().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            // Glue once said "Unknown column '<name>'"; since 2025 it says this (moto#9306 quotes it).
            throw ExpressionException.input("Invalid partition expression!");
        }

        private KeyType typeOf(int key) {
            KeyType type = KeyType.of(keys.get(key).type());
            if (type == null) {
                throw ExpressionException.input("Unknown type : '"
                        + keys.get(key).type().toLowerCase(Locale.ROOT) + "'");
            }
            return type;
        }

        /**
         * Where a parenthesised name such as {@code ((year))} ends, when a predicate follows it (so it is
         * an operand, not a group); -1 otherwise.
         */
        private int parenthesizedIdentifierEnd() {
            int i = pos;
            int open = 0;
            while (tokens.get(i).kind() == Kind.LPAREN) {
                open++;
                i++;
            }
            if (open == 0 || tokens.get(i).kind() != Kind.IDENT) {
                return -1;
            }
            i++;
            for (int n = 0; n < open; n++, i++) {
                if (tokens.get(i).kind() != Kind.RPAREN) {
                    return -1;
                }
            }
            Token following = tokens.get(i);
            boolean predicateFollows = following.kind() == Kind.OP || following.kind() == Kind.KEYWORD
                    && !following.text().equals("AND") && !following.text().equals("OR");
            return predicateFollows ? i : -1;
        }

        private boolean acceptKeyword(String word) {
            if (peek().is(Kind.KEYWORD, word)) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(Kind kind) {
            if (next().kind() != kind) {
                throw unsupported(expression);
            }
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private Token next() {
            Token t = tokens.get(pos);
            if (t.kind() != Kind.END) {
                pos++;
            }
            return t;
        }
    }

    /** SQL LIKE to a regular expression: {@code %} any run, {@code _} one character, the rest literal. */
    static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
