package io.lakelet.dynamodb.expressions;

import io.lakelet.dynamodb.model.AttributeValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applies update actions to an item. Every SET value is computed from the item as it was before the
 * update, as DynamoDB does; REMOVEs of list elements apply from the highest index down so that
 * {@code REMOVE a[0], a[1]} removes the two original elements.
 */
public final class Updater {
    private Updater() {
    }

    /** The item after the actions; {@code before} (null when the item does not exist) is not changed. */
    public static Map<String, AttributeValue> apply(List<UpdateAction> actions, Map<String, AttributeValue> before) {
        Map<String, AttributeValue> old = before == null ? Map.of() : before;
        Map<UpdateAction, AttributeValue> setValues = new IdentityHashMap<>();
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Set s) {
                setValues.put(a, compute(s.value(), old));
            }
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(old);
        List<UpdateAction> removes = new ArrayList<>();
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Set) {
                Documents.set(item, a.path(), setValues.get(a));
            } else if (a instanceof UpdateAction.Remove) {
                removes.add(a);
            } else if (a instanceof UpdateAction.Add add) {
                add(item, add.path(), ((Operand.Value) add.value()).value());
            } else if (a instanceof UpdateAction.Delete delete) {
                deleteFromSet(item, delete.path(), ((Operand.Value) delete.value()).value());
            }
        }
        removes.sort(Comparator.comparing(UpdateAction::path, Updater::highestIndexFirst));
        removes.forEach(r -> Documents.remove(item, r.path()));
        return item;
    }

    private static int highestIndexFirst(Path a, Path b) {
        int n = Math.min(a.elements().size(), b.elements().size());
        for (int i = 0; i < n; i++) {
            Path.Element x = a.elements().get(i);
            Path.Element y = b.elements().get(i);
            if (x instanceof Path.Index ix && y instanceof Path.Index iy && ix.index() != iy.index()) {
                return Integer.compare(iy.index(), ix.index());
            }
        }
        return 0;
    }

    private static AttributeValue compute(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Value v) {
            return v.value();
        } else if (operand instanceof Operand.PathOperand p) {
            AttributeValue v = Documents.get(item, p.path());
            if (v == null) {
                throw new ExpressionException("The provided expression refers to an attribute that does not exist"
                        + " in the item");
            }
            return v;
        } else if (operand instanceof Operand.IfNotExists f) {
            AttributeValue v = Documents.get(item, f.path());
            return v != null ? v : compute(f.fallback(), item);
        } else if (operand instanceof Operand.Arithmetic a) {
            AttributeValue left = compute(a.left(), item);
            AttributeValue right = compute(a.right(), item);
            if (left.n() == null || right.n() == null) {
                throw incorrectType();
            }
            return AttributeValues.add(left, right, a.plus());
        } else if (operand instanceof Operand.ListAppend l) {
            AttributeValue first = compute(l.first(), item);
            AttributeValue second = compute(l.second(), item);
            if (!first.hasL() || !second.hasL()) {
                throw incorrectType();
            }
            List<AttributeValue> joined = new ArrayList<>(first.l());
            joined.addAll(second.l());
            return AttributeValue.fromL(joined);
        }
        throw new ExpressionException("The function is not allowed in an update expression");
    }

    private static void add(Map<String, AttributeValue> item, Path path, AttributeValue value) {
        AttributeValue current = Documents.get(item, path);
        if (current == null) {
            Documents.set(item, path, value);
        } else if (current.n() != null && value.n() != null) {
            Documents.set(item, path, AttributeValues.add(current, value, true));
        } else if (AttributeValues.isSet(current) && AttributeValues.typeOf(current).equals(AttributeValues.typeOf(value))) {
            Documents.set(item, path, AttributeValues.setOperation(current, value, true));
        } else {
            throw incorrectType();
        }
    }

    private static void deleteFromSet(Map<String, AttributeValue> item, Path path, AttributeValue value) {
        AttributeValue current = Documents.get(item, path);
        if (current == null) {
            return;
        }
        if (!AttributeValues.typeOf(current).equals(AttributeValues.typeOf(value))) {
            throw incorrectType();
        }
        AttributeValue rest = AttributeValues.setOperation(current, value, false);
        if (rest == null) {
            Documents.remove(item, path);
        } else {
            Documents.set(item, path, rest);
        }
    }

    private static ExpressionException incorrectType() {
        return new ExpressionException("An operand in the update expression has an incorrect data type");
    }
}
