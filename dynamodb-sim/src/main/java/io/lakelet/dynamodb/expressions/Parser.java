package io.lakelet.dynamodb.expressions;

import io.lakelet.dynamodb.expressions.Condition.Comparator;
import io.lakelet.dynamodb.expressions.Lexer.Kind;
import io.lakelet.dynamodb.expressions.Lexer.Token;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser of DynamoDB's expression languages: conditions (with {@code OR} binding
 * looser than {@code AND}, looser than {@code NOT}), update expressions and projection expressions.
 * Placeholders are resolved while parsing, so every error names the placeholder as DynamoDB does.
 */
public final class Parser {
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");

    private static final int MAX_IN_OPERANDS = 100;

    private enum Clause { SET, REMOVE, ADD, DELETE }

    private final List<Token> tokens;
    private final ExpressionContext context;
    private int pos;
    private int lastIndex;

    private Parser(String expression, ExpressionContext context) {
        if (expression.isBlank()) {
            throw new ExpressionException("The expression can not be empty;");
        }
        this.tokens = Lexer.tokenize(expression);
        this.context = context;
    }

    public static Condition condition(String expression, ExpressionContext context) {
        Parser p = new Parser(expression, context);
        Condition c = p.orCondition();
        p.expectEnd();
        return c;
    }

    public static List<UpdateAction> update(String expression, ExpressionContext context) {
        Parser p = new Parser(expression, context);
        List<UpdateAction> actions = p.updateClauses();
        p.expectEnd();
        return actions;
    }

    public static List<Path> projection(String expression, ExpressionContext context) {
        Parser p = new Parser(expression, context);
        List<Path> paths = new ArrayList<>();
        paths.add(p.path());
        while (p.accept(",")) {
            paths.add(p.path());
        }
        p.expectEnd();
        return paths;
    }

    // Conditions.

    private Condition orCondition() {
        Condition left = andCondition();
        while (accept("OR")) {
            left = new Condition.Or(left, andCondition());
        }
        return left;
    }

    private Condition andCondition() {
        Condition left = notCondition();
        while (accept("AND")) {
            left = new Condition.And(left, notCondition());
        }
        return left;
    }

    private Condition notCondition() {
        if (accept("NOT")) {
            return new Condition.Not(notCondition());
        }
        return primaryCondition();
    }

    private Condition primaryCondition() {
        if (accept("(")) {
            Condition c = orCondition();
            expect(")");
            return c;
        }
        Token t = peek();
        if (t.kind() == Kind.NAME && peekAt(1).is("(")) {
            String fn = t.text();
            if (CONDITION_FUNCTIONS.contains(fn)) {
                pos += 2;
                return conditionFunction(fn);
            }
            if (!fn.equals("size")) {
                throw functionError(fn);
            }
        }
        Operand left = operand();
        Token op = next();
        if (op.is("BETWEEN")) {
            Operand lower = operand();
            expect("AND");
            return new Condition.Between(left, lower, operand());
        }
        if (op.is("IN")) {
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operand());
            while (accept(",")) {
                candidates.add(operand());
            }
            expect(")");
            if (candidates.size() > MAX_IN_OPERANDS) {
                throw new ExpressionException("The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return new Condition.In(left, candidates);
        }
        for (Comparator c : Comparator.values()) {
            if (op.kind() == Kind.SYMBOL && op.text().equals(c.symbol())) {
                return new Condition.Compare(c, left, operand());
            }
        }
        throw syntaxError(lastIndex);
    }

    private Condition conditionFunction(String fn) {
        if (fn.startsWith("attribute_") && peek().kind() == Kind.ATTR_VALUE) {
            throw new ExpressionException("Operator or function requires a document path; operator or function: " + fn);
        }
        Condition c = switch (fn) {
            case "attribute_exists" -> new Condition.AttributeExists(path());
            case "attribute_not_exists" -> new Condition.AttributeNotExists(path());
            case "attribute_type" -> {
                Path p = path();
                expect(",");
                yield new Condition.AttributeType(p, operand());
            }
            case "begins_with" -> {
                Operand v = operand();
                expect(",");
                yield new Condition.BeginsWith(v, operand());
            }
            default -> {
                Operand v = operand();
                expect(",");
                yield new Condition.Contains(v, operand());
            }
        };
        expect(")");
        return c;
    }

    /** An operand of a condition: a path, a value placeholder or {@code size(path)}. */
    private Operand operand() {
        Token t = peek();
        if (t.kind() == Kind.ATTR_VALUE) {
            pos++;
            return new Operand.Value(t.text(), context.value(t.text()));
        }
        if (t.kind() == Kind.NAME && peekAt(1).is("(")) {
            if (!t.text().equals("size")) {
                throw functionError(t.text());
            }
            pos += 2;
            Path p = path();
            expect(")");
            return new Operand.Size(p);
        }
        return new Operand.PathOperand(path());
    }

    private ExpressionException functionError(String fn) {
        if (UPDATE_FUNCTIONS.contains(fn) || CONDITION_FUNCTIONS.contains(fn)) {
            return new ExpressionException("The function is not allowed to be used this way in an expression;"
                    + " function: " + fn);
        }
        return new ExpressionException("Invalid function name; function: " + fn);
    }

    // Paths.

    private Path path() {
        List<Path.Element> elements = new ArrayList<>();
        elements.add(new Path.Key(pathName()));
        while (true) {
            if (accept(".")) {
                elements.add(new Path.Key(pathName()));
            } else if (accept("[")) {
                Token n = next();
                if (n.kind() != Kind.NUMBER) {
                    throw syntaxError(lastIndex);
                }
                try {
                    elements.add(new Path.Index(Integer.parseInt(n.text())));
                } catch (NumberFormatException e) {
                    throw new ExpressionException("List index is too large; index: " + n.text());
                }
                expect("]");
            } else {
                return new Path(elements);
            }
        }
    }

    private String pathName() {
        Token t = next();
        if (t.kind() == Kind.ATTR_NAME) {
            return context.name(t.text());
        }
        if (t.kind() == Kind.NAME && !Character.isDigit(t.text().charAt(0))) {
            return t.text();
        }
        throw syntaxError(lastIndex);
    }

    // Update expressions.

    private List<UpdateAction> updateClauses() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<Clause> seen = EnumSet.noneOf(Clause.class);
        do {
            Token t = next();
            Clause clause = clauseOf(t);
            if (clause == null) {
                throw syntaxError(lastIndex);
            }
            if (!seen.add(clause)) {
                throw new ExpressionException("The \"" + clause + "\" section can only be used once in an update"
                        + " expression;");
            }
            do {
                actions.add(updateAction(clause));
            } while (accept(","));
        } while (peek().kind() != Kind.EOF);
        return actions;
    }

    private static Clause clauseOf(Token t) {
        if (t.kind() != Kind.NAME) {
            return null;
        }
        try {
            return Clause.valueOf(t.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private UpdateAction updateAction(Clause clause) {
        Path p = path();
        return switch (clause) {
            case SET -> {
                expect("=");
                yield new UpdateAction.Set(p, setValue());
            }
            case REMOVE -> new UpdateAction.Remove(p);
            case ADD -> new UpdateAction.Add(p, valueOperand());
            case DELETE -> new UpdateAction.Delete(p, valueOperand());
        };
    }

    private Operand valueOperand() {
        Token t = next();
        if (t.kind() != Kind.ATTR_VALUE) {
            throw syntaxError(lastIndex);
        }
        return new Operand.Value(t.text(), context.value(t.text()));
    }

    private Operand setValue() {
        Operand left = setTerm();
        if (accept("+")) {
            return new Operand.Arithmetic(left, true, setTerm());
        }
        if (accept("-")) {
            return new Operand.Arithmetic(left, false, setTerm());
        }
        return left;
    }

    private Operand setTerm() {
        Token t = peek();
        if (t.kind() == Kind.ATTR_VALUE) {
            pos++;
            return new Operand.Value(t.text(), context.value(t.text()));
        }
        if (t.kind() == Kind.NAME && peekAt(1).is("(")) {
            pos += 2;
            Operand result;
            if (t.text().equals("if_not_exists")) {
                Path p = path();
                expect(",");
                result = new Operand.IfNotExists(p, setTerm());
            } else if (t.text().equals("list_append")) {
                Operand first = setTerm();
                expect(",");
                result = new Operand.ListAppend(first, setTerm());
            } else if (CONDITION_FUNCTIONS.contains(t.text()) || t.text().equals("size")) {
                throw new ExpressionException("The function is not allowed in an update expression; function: "
                        + t.text());
            } else {
                throw new ExpressionException("Invalid function name; function: " + t.text());
            }
            expect(")");
            return result;
        }
        return new Operand.PathOperand(path());
    }

    // Tokens.

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        lastIndex = pos;
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean accept(String symbolOrKeyword) {
        if (peek().is(symbolOrKeyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String symbolOrKeyword) {
        if (!accept(symbolOrKeyword)) {
            throw syntaxError(pos);
        }
    }

    private void expectEnd() {
        if (peek().kind() != Kind.EOF) {
            throw syntaxError(pos);
        }
    }

    /** DynamoDB's wording: the offending token and the text around it. */
    private ExpressionException syntaxError(int index) {
        int at = Math.min(index, tokens.size() - 1);
        Token bad = tokens.get(at);
        StringBuilder near = new StringBuilder();
        if (at > 0) {
            near.append(tokens.get(at - 1).text());
        }
        if (bad.kind() != Kind.EOF) {
            near.append(near.length() > 0 ? " " : "").append(bad.text());
            if (at + 1 < tokens.size() && tokens.get(at + 1).kind() != Kind.EOF) {
                near.append(' ').append(tokens.get(at + 1).text());
            }
        }
        return new ExpressionException("Syntax error; token: \"" + bad.display() + "\", near: \"" + near + "\"");
    }
}
