package io.lakelet.dynamodb.expressions;

import io.lakelet.dynamodb.model.AttributeValues;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checks DynamoDB makes on a parsed expression before it reads the item: operand types that are
 * known from the request's values, BETWEEN bounds, attribute type names, overlapping update paths.
 */
public final class Checks {
    private Checks() {
    }

    public static void condition(Condition condition) {
        if (condition instanceof Condition.And a) {
            condition(a.left());
            condition(a.right());
        } else if (condition instanceof Condition.Or o) {
            condition(o.left());
            condition(o.right());
        } else if (condition instanceof Condition.Not n) {
            condition(n.condition());
        } else if (condition instanceof Condition.AttributeType t) {
            AttributeValue type = literal(t.type());
            if (type != null && (type.s() == null || !Evaluator.TYPE_NAMES.contains(type.s()))) {
                throw new ExpressionException("Invalid attribute type name found; type: "
                        + (type.s() == null ? AttributeValues.typeOf(type) : type.s())
                        + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
            }
        } else if (condition instanceof Condition.BeginsWith b) {
            AttributeValue prefix = literal(b.prefix());
            if (prefix != null && prefix.s() == null && prefix.b() == null) {
                throw operandType("begins_with", prefix);
            }
        } else if (condition instanceof Condition.Between b) {
            AttributeValue low = literal(b.lower());
            AttributeValue high = literal(b.upper());
            Integer order = low == null || high == null ? null : AttributeValues.compare(low, high);
            if (order != null && order > 0) {
                throw new ExpressionException("The BETWEEN operator requires upper bound to be greater than or equal"
                        + " to lower bound; lower bound operand: AttributeValue: {" + AttributeValues.typeOf(low) + ":"
                        + render(low) + "}, upper bound operand: AttributeValue: {" + AttributeValues.typeOf(high)
                        + ":" + render(high) + "}");
            }
        }
    }

    public static void update(List<UpdateAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            for (int j = i + 1; j < actions.size(); j++) {
                Path a = actions.get(i).path();
                Path b = actions.get(j).path();
                if (a.isPrefixOf(b) || b.isPrefixOf(a)) {
                    throw new ExpressionException("Two document paths overlap with each other; must remove or"
                            + " rewrite one of these paths; path one: " + a.describe() + ", path two: " + b.describe());
                }
            }
        }
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Add add) {
                AttributeValue v = literal(add.value());
                if (v != null && v.n() == null && !AttributeValues.isSet(v)) {
                    throw new ExpressionException("Incorrect operand type for operator or function; operator: ADD,"
                            + " operand type: " + AttributeValues.operandTypeName(v));
                }
            } else if (action instanceof UpdateAction.Delete delete) {
                AttributeValue v = literal(delete.value());
                if (v != null && !AttributeValues.isSet(v)) {
                    throw new ExpressionException("Incorrect operand type for operator or function; operator: DELETE,"
                            + " operand type: " + AttributeValues.operandTypeName(v));
                }
            } else if (action instanceof UpdateAction.Set set) {
                setValue(set.value());
            }
        }
    }

    private static void setValue(Operand operand) {
        if (operand instanceof Operand.Arithmetic a) {
            for (Operand side : List.of(a.left(), a.right())) {
                AttributeValue v = literal(side);
                if (v != null && v.n() == null) {
                    throw operandType(a.plus() ? "+" : "-", v);
                }
                setValue(side);
            }
        } else if (operand instanceof Operand.ListAppend l) {
            for (Operand side : List.of(l.first(), l.second())) {
                AttributeValue v = literal(side);
                if (v != null && !v.hasL()) {
                    throw operandType("list_append", v);
                }
                setValue(side);
            }
        } else if (operand instanceof Operand.IfNotExists f) {
            setValue(f.fallback());
        }
    }

    /** The top-level attribute names a condition reads (for Query's rule that filters skip key attributes). */
    public static Set<String> attributes(Condition condition) {
        Set<String> names = new LinkedHashSet<>();
        collect(condition, names);
        return names;
    }

    private static void collect(Condition c, Set<String> names) {
        if (c instanceof Condition.And a) {
            collect(a.left(), names);
            collect(a.right(), names);
        } else if (c instanceof Condition.Or o) {
            collect(o.left(), names);
            collect(o.right(), names);
        } else if (c instanceof Condition.Not n) {
            collect(n.condition(), names);
        } else if (c instanceof Condition.AttributeExists e) {
            names.add(e.path().topLevelName());
        } else if (c instanceof Condition.AttributeNotExists e) {
            names.add(e.path().topLevelName());
        } else if (c instanceof Condition.AttributeType t) {
            names.add(t.path().topLevelName());
        } else if (c instanceof Condition.BeginsWith b) {
            collect(List.of(b.value(), b.prefix()), names);
        } else if (c instanceof Condition.Contains k) {
            collect(List.of(k.value(), k.element()), names);
        } else if (c instanceof Condition.Between b) {
            collect(List.of(b.value(), b.lower(), b.upper()), names);
        } else if (c instanceof Condition.In in) {
            collect(List.of(in.value()), names);
            collect(in.candidates(), names);
        } else if (c instanceof Condition.Compare cmp) {
            collect(List.of(cmp.left(), cmp.right()), names);
        }
    }

    private static void collect(List<Operand> operands, Set<String> names) {
        for (Operand o : operands) {
            if (o instanceof Operand.PathOperand p) {
                names.add(p.path().topLevelName());
            } else if (o instanceof Operand.Size s) {
                names.add(s.path().topLevelName());
            }
        }
    }

    private static AttributeValue literal(Operand operand) {
        return operand instanceof Operand.Value v ? v.value() : null;
    }

    private static ExpressionException operandType(String function, AttributeValue v) {
        return new ExpressionException("Incorrect operand type for operator or function; operator or function: "
                + function + ", operand type: " + AttributeValues.typeOf(v));
    }

    private static String render(AttributeValue v) {
        return v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
    }
}
