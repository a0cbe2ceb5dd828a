package io.lakelet.sql.query;

import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;

/**
 * The aggregate functions of the vectorised path, one state array per function indexed by group:
 * COUNT(*), COUNT(x), SUM and $SUM0 of integers, decimals and doubles, MIN and MAX of the same. Integer sums
 * wrap as Calcite's do; decimal sums are exact (a long per group, and a BigDecimal for what overflows it).
 */
final class VectorAccumulators {
    private VectorAccumulators() {
    }

    abstract static class Acc {
        /** Makes room for groups {@code 0..groups-1}. */
        abstract void ensure(int groups);

        /** Adds the batch's selected rows of {@code v} (null for COUNT(*)) to their groups. */
        abstract void add(GroupedRows rows, Vec v);

        /** Adds group {@code from} of {@code other} (the same function) to this one's group {@code to}. */
        abstract void merge(int to, Acc other, int from);

        /** The value of a group, in the Java type Calcite's code holds {@code type} in. */
        abstract Object result(int g, RelDataType type);
    }

    /** State arrays by group: longs, doubles and BigDecimals (each function uses some), and whether any value came. */
    abstract static class PerGroup extends Acc {
        long[] longs = new long[16];
        double[] doubles = new double[16];
        BigDecimal[] decimals = new BigDecimal[16];
        boolean[] seen = new boolean[16];

        @Override
        void ensure(int groups) {
            if (groups > seen.length) {
                int size = Math.max(groups, seen.length * 2);
                longs = Arrays.copyOf(longs, size);
                doubles = Arrays.copyOf(doubles, size);
                decimals = Arrays.copyOf(decimals, size);
                seen = Arrays.copyOf(seen, size);
            }
        }
    }

    /** The accumulator for {@code call} over an argument of {@code kind} (null for none), or null. */
    static Acc of(AggregateCall call, Vec.Kind kind, int scale) {
        if (call.isDistinct() || call.hasFilter() || call.isApproximate() && call.getAggregation().getKind()
                != SqlKind.COUNT || !call.collation.getFieldCollations().isEmpty()) {
            return null;
        }
        SqlKind fn = call.getAggregation().getKind();
        int args = call.getArgList().size();
        RelDataType type = call.getType();
        switch (fn) {
            case COUNT:
                return args == 0 ? new Count(false) : args == 1 ? new Count(true) : null;
            case SUM:
            case SUM0:
                if (args != 1 || kind == null || kind == Vec.Kind.STRING) {
                    return null;
                }
                if (kind == Vec.Kind.DECIMAL && VectorExprs.kindOf(type) == Vec.Kind.DECIMAL && type.getScale() == scale) {
                    return new Sum(kind, fn == SqlKind.SUM0);
                }
                if (kind == VectorExprs.kindOf(type) && kind != Vec.Kind.DECIMAL) {
                    return new Sum(kind, fn == SqlKind.SUM0);
                }
                return null;
            case MIN:
            case MAX:
                if (args != 1 || kind == null || kind == Vec.Kind.STRING) {
                    return null;
                }
                return new MinMax(kind, fn == SqlKind.MAX);
            default:
                return null;
        }
    }

    /** A Long, Double or BigDecimal to the Java type of {@code type}. */
    static Object javaValue(Object v, RelDataType type) {
        if (v == null) {
            return null;
        }
        return switch (type.getSqlTypeName()) {
            case BIGINT, TIMESTAMP -> ((Number) v).longValue();
            case INTEGER, DATE -> ((Number) v).intValue();
            case SMALLINT -> ((Number) v).shortValue();
            case TINYINT -> ((Number) v).byteValue();
            case BOOLEAN -> ((Number) v).longValue() != 0;
            case DOUBLE, FLOAT -> ((Number) v).doubleValue();
            case REAL -> ((Number) v).floatValue();
            case DECIMAL -> v instanceof BigDecimal d ? d.setScale(type.getScale(), java.math.RoundingMode.HALF_UP)
                    : BigDecimal.valueOf(((Number) v).longValue(), type.getScale());
            default -> v;
        };
    }

    static final class Count extends Acc {
        private final boolean ofValue;
        private long[] counts = new long[16];

        Count(boolean ofValue) {
            this.ofValue = ofValue;
        }

        @Override
        void ensure(int groups) {
            if (groups > counts.length) {
                counts = Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
            }
        }

        @Override
        void add(GroupedRows rows, Vec v) {
            int[] group = rows.group;
            int n = rows.n;
            if (!ofValue || v.nulls == null) {
                if (rows.single) {
                    counts[0] += n;
                } else if (rows.orderable()) {
                    rows.order();
                    for (int t = 0; t < rows.runs(); t++) {
                        counts[rows.runGroup(t)] += rows.runStart(t + 1) - rows.runStart(t);
                    }
                } else {
                    for (int k = 0; k < n; k++) {
                        counts[group[k]]++;
                    }
                }
                return;
            }
            int[] sel = rows.sel;
            for (int k = 0; k < n; k++) {
                if (!v.nulls[sel[k]]) {
                    counts[group[k]]++;
                }
            }
        }

        @Override
        void merge(int to, Acc other, int from) {
            counts[to] += ((Count) other).counts[from];
        }

        @Override
        Object result(int g, RelDataType type) {
            return javaValue(g < counts.length ? counts[g] : 0L, type);
        }
    }

    /**
     * SUM (NULL over no value) and $SUM0 (0 over no value); a decimal sum keeps in {@code decimals} what
     * outgrew its long.
     */
    static final class Sum extends PerGroup {
        private final Vec.Kind kind;
        private final boolean zero;
        private int scale;

        Sum(Vec.Kind kind, boolean zero) {
            this.kind = kind;
            this.zero = zero;
        }

        @Override
        void add(GroupedRows rows, Vec v) {
            scale = v.scale;
            int[] group = rows.group;
            int[] sel = rows.sel;
            int n = rows.n;
            if (kind == Vec.Kind.DECIMAL && v.wide != null) {
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    if (!v.isNull(i)) {
                        seen[group[k]] = true;
                        addWide(group[k], v.wide[i]);
                    }
                }
                return;
            }
            boolean[] nulls = v.nulls;
            if (kind == Vec.Kind.DOUBLE) {
                double[] xs = v.doubles;
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    if (nulls == null || !nulls[i]) {
                        int g = group[k];
                        seen[g] = true;
                        doubles[g] += xs[i];
                    }
                }
                return;
            }
            long[] xs = v.longs;
            if (nulls == null && rows.single) {
                addRun(0, xs, sel, 0, n);
                return;
            }
            if (nulls == null && rows.orderable()) {
                rows.order();
                for (int t = 0; t < rows.runs(); t++) {
                    addRun(rows.runGroup(t), xs, rows.orderedRows(), rows.runStart(t), rows.runStart(t + 1));
                }
                return;
            }
            boolean exact = kind == Vec.Kind.DECIMAL;
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                if (nulls != null && nulls[i]) {
                    continue;
                }
                int g = group[k];
                seen[g] = true;
                long x = xs[i];
                long s = longs[g] + x;
                if (exact && ((longs[g] ^ s) & (x ^ s)) < 0) {
                    addWide(g, BigDecimal.valueOf(x, scale));
                } else {
                    longs[g] = s;
                }
            }
        }

        /**
         * Adds {@code xs[rows[from..to)]} (no NULL among them) to group {@code g} in a local variable. A decimal
         * run that overflows the long is added as a BigDecimal instead, the group's long left as it was.
         */
        private void addRun(int g, long[] xs, int[] rows, int from, int to) {
            seen[g] = true;
            long s = longs[g];
            if (kind == Vec.Kind.LONG) {
                for (int j = from; j < to; j++) {
                    s += xs[rows[j]];
                }
                longs[g] = s;
                return;
            }
            try {
                for (int j = from; j < to; j++) {
                    s = Math.addExact(s, xs[rows[j]]);
                }
                longs[g] = s;
            } catch (ArithmeticException overflow) {
                BigDecimal run = BigDecimal.ZERO;
                for (int j = from; j < to; j++) {
                    run = run.add(BigDecimal.valueOf(xs[rows[j]], scale));
                }
                addWide(g, run);
            }
        }

        private void addWide(int g, BigDecimal d) {
            decimals[g] = decimals[g] == null ? d : decimals[g].add(d);
        }

        @Override
        void merge(int to, Acc other, int from) {
            Sum o = (Sum) other;
            if (!o.seen[from]) {
                return;
            }
            seen[to] = true;
            scale = o.scale;
            switch (kind) {
                case LONG -> longs[to] += o.longs[from];
                case DOUBLE -> doubles[to] += o.doubles[from];
                default -> {
                    long s = longs[to] + o.longs[from];
                    if (((longs[to] ^ s) & (o.longs[from] ^ s)) < 0) {
                        addWide(to, BigDecimal.valueOf(o.longs[from], scale));
                    } else {
                        longs[to] = s;
                    }
                    if (o.decimals[from] != null) {
                        addWide(to, o.decimals[from]);
                    }
                }
            }
        }

        @Override
        Object result(int g, RelDataType type) {
            boolean any = g < seen.length && seen[g];
            if (!any) {
                return zero ? javaValue(0L, type) : null;
            }
            return switch (kind) {
                case LONG -> javaValue(longs[g], type);
                case DOUBLE -> javaValue(doubles[g], type);
                default -> {
                    BigDecimal d = BigDecimal.valueOf(longs[g], scale);
                    yield javaValue(decimals[g] == null ? d : d.add(decimals[g]), type);
                }
            };
        }
    }

    static final class MinMax extends PerGroup {
        private final Vec.Kind kind;
        private final boolean max;

        MinMax(Vec.Kind kind, boolean max) {
            this.kind = kind;
            this.max = max;
        }

        @Override
        void add(GroupedRows rows, Vec v) {
            int[] group = rows.group;
            int[] sel = rows.sel;
            for (int k = 0; k < rows.n; k++) {
                int i = sel[k];
                if (!v.isNull(i)) {
                    switch (kind) {
                        case LONG -> offerLong(group[k], v.longs[i]);
                        case DOUBLE -> offerDouble(group[k], v.doubles[i]);
                        default -> offerDecimal(group[k], v.decimal(i));
                    }
                }
            }
        }

        private void offerLong(int g, long x) {
            if (!seen[g] || (max ? x > longs[g] : x < longs[g])) {
                longs[g] = x;
                seen[g] = true;
            }
        }

        private void offerDouble(int g, double x) {
            if (!seen[g] || (max ? Double.compare(x, doubles[g]) > 0 : Double.compare(x, doubles[g]) < 0)) {
                doubles[g] = x;
                seen[g] = true;
            }
        }

        private void offerDecimal(int g, BigDecimal x) {
            if (!seen[g] || (max ? x.compareTo(decimals[g]) > 0 : x.compareTo(decimals[g]) < 0)) {
                decimals[g] = x;
                seen[g] = true;
            }
        }

        @Override
        void merge(int to, Acc other, int from) {
            MinMax o = (MinMax) other;
            if (o.seen[from]) {
                switch (kind) {
                    case LONG -> offerLong(to, o.longs[from]);
                    case DOUBLE -> offerDouble(to, o.doubles[from]);
                    default -> offerDecimal(to, o.decimals[from]);
                }
            }
        }

        @Override
        Object result(int g, RelDataType type) {
            if (g >= seen.length || !seen[g]) {
                return null;
            }
            return switch (kind) {
                case LONG -> javaValue(longs[g], type);
                case DOUBLE -> javaValue(doubles[g], type);
                default -> javaValue(decimals[g], type);
            };
        }
    }
}
