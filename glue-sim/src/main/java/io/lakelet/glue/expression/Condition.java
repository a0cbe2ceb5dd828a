package io.lakelet.glue.expression;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed and type-checked partition expression: a tree of conditions over the partition key values,
 * evaluated against one partition's values in key order.
 */
sealed interface Condition {

    boolean test(Values values);

    /** A partition's values read lazily as the types of their keys. */
    interface Values {
        Comparable<?> get(int key);

        String raw(int key);
    }

    record And(Condition left, Condition right) implements Condition {
        public boolean test(Values v) {
            return left.test(v) && right.test(v);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public boolean test(Values v) {
            return left.test(v) || right.test(v);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(Values v) {
            return !inner.test(v);
        }
    }

    /** {@code key op literal}; {@code op} is one of = <> < > <= >=. */
    record Compare(int key, String op, Comparable<?> literal) implements Condition {
        public boolean test(Values v) {
            int c = compare(v.get(key), literal);
            return switch (op) {
                case "=" -> c == 0;
                case "<>", "!=" -> c != 0;
                case "<" -> c < 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    record Between(int key, Comparable<?> low, Comparable<?> high) implements Condition {
        public boolean test(Values v) {
            Comparable<?> value = v.get(key);
            return compare(value, low) >= 0 && compare(value, high) <= 0;
        }
    }

    record In(int key, List<Comparable<?>> literals) implements Condition {
        public boolean test(Values v) {
            Comparable<?> value = v.get(key);
            for (Comparable<?> l : literals) {
                if (compare(value, l) == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    record Like(int key, Pattern pattern) implements Condition {
        public boolean test(Values v) {
            return pattern.matcher(v.raw(key)).matches();
        }
    }

    /** {@code IS NULL}: a partition value is never null, so this is false, and true under NOT. */
    record IsNull(int key) implements Condition {
        public boolean test(Values v) {
            return false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> a, Comparable<?> b) {
        if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
            return x.compareTo(y);
        }
        return ((Comparable) a).compareTo(b);
    }
}
