package io.lakelet.dynamodb.expressions;

import io.lakelet.dynamodb.model.AttributeValues;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Evaluates conditions against an item (null when the item does not exist). As in DynamoDB, a
 * comparison with a missing attribute or with a value of another type is false, except {@code <>}, which
 * is then true.
 */
public final class Evaluator {
    static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

    private Evaluator() {
    }

    public static boolean test(Condition condition, Map<String, AttributeValue> item) {
        if (condition instanceof Condition.True) {
            return true;
        } else if (condition instanceof Condition.And a) {
            return test(a.left(), item) && test(a.right(), item);
        } else if (condition instanceof Condition.Or o) {
            return test(o.left(), item) || test(o.right(), item);
        } else if (condition instanceof Condition.Not n) {
            return !test(n.condition(), item);
        } else if (condition instanceof Condition.AttributeExists e) {
            return Documents.get(item, e.path()) != null;
        } else if (condition instanceof Condition.AttributeNotExists e) {
            return Documents.get(item, e.path()) == null;
        } else if (condition instanceof Condition.AttributeType t) {
            AttributeValue v = Documents.get(item, t.path());
            AttributeValue type = value(t.type(), item);
            return v != null && type != null && type.s() != null && type.s().equals(AttributeValues.typeOf(v));
        } else if (condition instanceof Condition.BeginsWith b) {
            return AttributeValues.beginsWith(value(b.value(), item), value(b.prefix(), item));
        } else if (condition instanceof Condition.Contains c) {
            return AttributeValues.contains(value(c.value(), item), value(c.element(), item));
        } else if (condition instanceof Condition.Between b) {
            AttributeValue v = value(b.value(), item);
            Integer low = AttributeValues.compare(v, value(b.lower(), item));
            Integer high = AttributeValues.compare(v, value(b.upper(), item));
            return low != null && high != null && low >= 0 && high <= 0;
        } else if (condition instanceof Condition.In in) {
            AttributeValue v = value(in.value(), item);
            return in.candidates().stream().anyMatch(c -> AttributeValues.equal(v, value(c, item)));
        }
        return compare((Condition.Compare) condition, item);
    }

    private static boolean compare(Condition.Compare c, Map<String, AttributeValue> item) {
        AttributeValue left = value(c.left(), item);
        AttributeValue right = value(c.right(), item);
        if (c.comparator() == Condition.Comparator.EQ) {
            return AttributeValues.equal(left, right);
        }
        if (c.comparator() == Condition.Comparator.NE) {
            return !AttributeValues.equal(left, right);
        }
        Integer order = AttributeValues.compare(left, right);
        if (order == null) {
            return false;
        }
        return switch (c.comparator()) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            default -> order >= 0;
        };
    }

    /** The value of a condition operand, or null when it names nothing. */
    static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Value v) {
            return v.value();
        } else if (operand instanceof Operand.PathOperand p) {
            return Documents.get(item, p.path());
        } else if (operand instanceof Operand.Size s) {
            Integer size = AttributeValues.size(Documents.get(item, s.path()));
            return size == null ? null : AttributeValue.fromN(Integer.toString(size));
        }
        throw new IllegalArgumentException("not a condition operand: " + operand);
    }
}
