package io.lakelet.sql.query;

import org.apache.calcite.sql.SqlKind;

/**
 * A lower and an upper bound on the same integer or decimal column, as one filter: {@code lo <= x <= hi}
 * tested with a single unsigned comparison, {@code (x - lo) <= (hi - lo)}, in one pass over the rows. Two
 * separate comparisons read the column and write the selection twice; TPC-H Q6's date range and BETWEEN
 * are such pairs. A batch this cannot take (NULLs, a wide decimal batch) is filtered through the two
 * comparisons as they were.
 */
final class RangeFilter extends VectorExprs.Expr {
    private final VectorOps.Compare low;
    private final VectorOps.Compare high;
    private final VectorExprs.Expr column;
    /** The inclusive bounds, unscaled at the column's scale. */
    private final long lo;
    private final long hi;
    private final Vec out = new Vec(Vec.Kind.LONG, 0);

    private RangeFilter(VectorOps.Compare low, VectorOps.Compare high, VectorExprs.Expr column, long lo, long hi) {
        super(Vec.Kind.LONG, 0);
        this.low = low;
        this.high = high;
        this.column = column;
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * The conjuncts of a filter with each lower bound fused with the first upper bound on the same column
     * (and that upper bound dropped), in their order otherwise.
     */
    static VectorExprs.Expr[] fuse(VectorExprs.Expr[] conjuncts) {
        VectorExprs.Expr[] out = conjuncts.clone();
        for (int i = 0; i < out.length; i++) {
            Bound a = Bound.of(out[i]);
            if (a == null) {
                continue;
            }
            for (int j = i + 1; j < out.length; j++) {
                Bound b = Bound.of(out[j]);
                if (b != null && b.column == a.column && b.lower != a.lower) {
                    Bound lower = a.lower ? a : b;
                    Bound upper = a.lower ? b : a;
                    out[i] = new RangeFilter(lower.compare, upper.compare, a.column, lower.value, upper.value);
                    out[j] = null;
                    break;
                }
            }
        }
        return java.util.Arrays.stream(out).filter(java.util.Objects::nonNull).toArray(VectorExprs.Expr[]::new);
    }

    /** A comparison of a column with a constant as an inclusive bound on the column, or null. */
    private record Bound(VectorOps.Compare compare, VectorExprs.Expr column, boolean lower, long value) {
        static Bound of(VectorExprs.Expr e) {
            if (!(e instanceof VectorOps.Compare c)) {
                return null;
            }
            SqlKind op = c.op;
            VectorExprs.Expr column = c.a;
            VectorExprs.Expr constant = c.b;
            if (c.a instanceof VectorOps.Constant && c.b instanceof VectorOps.Column) {
                op = op.reverse();
                column = c.b;
                constant = c.a;
            }
            if (!(column instanceof VectorOps.Column) || !(constant instanceof VectorOps.Constant k)
                    || !sameScaleInteger(column, k.value)) {
                return null;
            }
            long v = k.value.longs[0];
            return switch (op) {
                case GREATER_THAN_OR_EQUAL -> new Bound(c, column, true, v);
                case GREATER_THAN -> v == Long.MAX_VALUE ? null : new Bound(c, column, true, v + 1);
                case LESS_THAN_OR_EQUAL -> new Bound(c, column, false, v);
                case LESS_THAN -> v == Long.MIN_VALUE ? null : new Bound(c, column, false, v - 1);
                default -> null;
            };
        }

        private static boolean sameScaleInteger(VectorExprs.Expr column, Vec constant) {
            boolean kinds = column.kind == Vec.Kind.LONG && constant.kind == Vec.Kind.LONG
                    || column.kind == Vec.Kind.DECIMAL && constant.kind == Vec.Kind.DECIMAL
                    && column.scale == constant.scale;
            return kinds && constant.nulls == null && constant.wide == null;
        }
    }

    /** The rows of {@code sel} within the bounds, into {@code out}; -1 when this batch cannot be taken so. */
    int select(VectorExprs.Batch batch, int[] sel, int n, int[] out) {
        Vec x = column.eval(batch, sel, n);
        if (x.nulls != null || x.wide != null) {
            return -1;
        }
        if (hi < lo) {
            return 0;
        }
        long[] xs = x.longs;
        long width = hi - lo;
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = sel[k];
            out[m] = i;
            m += Long.compareUnsigned(xs[i] - lo, width) <= 0 ? 1 : 0;
        }
        return m;
    }

    /** 1 where both comparisons are TRUE, else 0 (a filter keeps TRUE rows only). */
    @Override
    Vec compute(VectorExprs.Batch batch, int[] sel, int n) {
        Vec l = low.eval(batch, sel, n);
        Vec h = high.eval(batch, sel, n);
        out.reset();
        for (int k = 0; k < n; k++) {
            int i = sel[k];
            out.longs[i] = !l.isNull(i) && !h.isNull(i) && l.longs[i] == 1 && h.longs[i] == 1 ? 1 : 0;
        }
        return out;
    }

    @Override
    java.util.List<VectorExprs.Expr> operands() {
        return java.util.List.of(low, high);
    }
}
