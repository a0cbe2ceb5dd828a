package io.lakelet.dynamodb.expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * The parameters DynamoDB had before expressions ({@code Expected}, {@code AttributeUpdates},
 * {@code ScanFilter}, {@code QueryFilter}, {@code KeyConditions}) translated into the same conditions and
 * actions, so both styles share one evaluator. The Kinesis Client Library still writes its leases with
 * {@code Expected} and {@code AttributeUpdates}.
 */
public final class Legacy {
    private Legacy() {
    }

    /** A malformed legacy parameter; its message follows "One or more parameter values were invalid: ". */
    public static final class InvalidParameter extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidParameter(String message) {
            super(message, null, false, false);
        }
    }

    public static Condition expected(Map<String, ExpectedAttributeValue> expected, ConditionalOperator operator) {
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, ExpectedAttributeValue> e : expected.entrySet()) {
            parts.add(expectation(e.getKey(), e.getValue()));
        }
        return combine(parts, operator);
    }

    private static Condition expectation(String name, ExpectedAttributeValue e) {
        if (e.comparisonOperator() != null) {
            if (e.value() != null && e.hasAttributeValueList()) {
                throw new InvalidParameter("Value and AttributeValueList cannot be used together for Attribute: " + name);
            }
            List<AttributeValue> args = e.value() != null ? List.of(e.value()) : e.attributeValueList();
            return comparison(name, e.comparisonOperator(), e.comparisonOperatorAsString(), args);
        }
        if (Boolean.FALSE.equals(e.exists())) {
            if (e.value() != null) {
                throw new InvalidParameter("Value cannot be used when Exists is false for Attribute: " + name);
            }
            return new Condition.AttributeNotExists(Path.of(name));
        }
        if (e.value() == null) {
            throw new InvalidParameter("Value must be provided when Exists is "
                    + (e.exists() == null ? "null" : "true") + " for Attribute: " + name);
        }
        return new Condition.Compare(Condition.Comparator.EQ, path(name), value(e.value()));
    }

    /** A legacy {@code Condition} (ScanFilter, QueryFilter, KeyConditions) on one attribute. */
    public static Condition condition(String name, software.amazon.awssdk.services.dynamodb.model.Condition c) {
        return comparison(name, c.comparisonOperator(), c.comparisonOperatorAsString(), c.attributeValueList());
    }

    public static Condition conditions(Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> filter,
                                       ConditionalOperator operator) {
        List<Condition> parts = new ArrayList<>();
        filter.forEach((name, c) -> parts.add(condition(name, c)));
        return combine(parts, operator);
    }

    private static Condition combine(List<Condition> parts, ConditionalOperator operator) {
        if (parts.isEmpty()) {
            return new Condition.True();
        }
        Condition result = parts.get(0);
        for (Condition c : parts.subList(1, parts.size())) {
            result = operator == ConditionalOperator.OR ? new Condition.Or(result, c) : new Condition.And(result, c);
        }
        return result;
    }

    private static Condition comparison(String name, ComparisonOperator op, String rawOp, List<AttributeValue> args) {
        if (op == null || op == ComparisonOperator.UNKNOWN_TO_SDK_VERSION) {
            throw new InvalidParameter("Unsupported ComparisonOperator: " + rawOp);
        }
        Operand attr = path(name);
        int n = args.size();
        boolean ok = switch (op) {
            case NULL, NOT_NULL -> n == 0;
            case BETWEEN -> n == 2;
            case IN -> n >= 1;
            default -> n == 1;
        };
        if (!ok) {
            throw new InvalidParameter("Invalid number of argument(s) for the " + op + " ComparisonOperator");
        }
        return switch (op) {
            case EQ -> new Condition.Compare(Condition.Comparator.EQ, attr, value(args.get(0)));
            case NE -> new Condition.Compare(Condition.Comparator.NE, attr, value(args.get(0)));
            case LT -> new Condition.Compare(Condition.Comparator.LT, attr, value(args.get(0)));
            case LE -> new Condition.Compare(Condition.Comparator.LE, attr, value(args.get(0)));
            case GT -> new Condition.Compare(Condition.Comparator.GT, attr, value(args.get(0)));
            case GE -> new Condition.Compare(Condition.Comparator.GE, attr, value(args.get(0)));
            case NULL -> new Condition.AttributeNotExists(Path.of(name));
            case NOT_NULL -> new Condition.AttributeExists(Path.of(name));
            case CONTAINS -> new Condition.Contains(attr, value(args.get(0)));
            case NOT_CONTAINS -> new Condition.Not(new Condition.Contains(attr, value(args.get(0))));
            case BEGINS_WITH -> new Condition.BeginsWith(attr, value(args.get(0)));
            case IN -> new Condition.In(attr, args.stream().map(Legacy::value).toList());
            default -> new Condition.Between(attr, value(args.get(0)), value(args.get(1)));
        };
    }

    public static List<UpdateAction> attributeUpdates(Map<String, AttributeValueUpdate> updates) {
        List<UpdateAction> actions = new ArrayList<>();
        for (Map.Entry<String, AttributeValueUpdate> e : updates.entrySet()) {
            Path p = Path.of(e.getKey());
            AttributeValueUpdate u = e.getValue();
            AttributeAction action = u.action() == null ? AttributeAction.PUT : u.action();
            AttributeValue v = u.value();
            switch (action) {
                case PUT -> {
                    if (v == null) {
                        throw new InvalidParameter("Only DELETE action is allowed when no attribute value is"
                                + " specified");
                    }
                    actions.add(new UpdateAction.Set(p, value(v)));
                }
                case DELETE -> actions.add(v == null ? new UpdateAction.Remove(p) : new UpdateAction.Delete(p, value(v)));
                case ADD -> {
                    if (v == null) {
                        throw new InvalidParameter("Only DELETE action is allowed when no attribute value is"
                                + " specified");
                    }
                    actions.add(v.hasL()
                            ? new UpdateAction.Set(p, new Operand.ListAppend(
                                    new Operand.IfNotExists(p, value(AttributeValue.fromL(List.of()))), value(v)))
                            : new UpdateAction.Add(p, value(v)));
                }
                default -> throw new InvalidParameter("Unsupported AttributeAction: " + u.actionAsString());
            }
        }
        return actions;
    }

    private static Operand path(String name) {
        return new Operand.PathOperand(Path.of(name));
    }

    private static Operand value(AttributeValue v) {
        return new Operand.Value("legacy", v);
    }
}
