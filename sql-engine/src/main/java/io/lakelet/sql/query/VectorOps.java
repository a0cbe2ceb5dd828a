package io.lakelet.sql.query;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.io.api.Binary;

/**
 * The operators {@link VectorExprs} compiles expressions to. Each keeps its output vector between batches
 * and computes only the rows in {@code sel[0..n)}; NULL in gives NULL out except for the logic operators,
 * which follow SQL's three-valued rules.
 */
final class VectorOps {
    static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private VectorOps() {
    }

    /** An operator of one operand, with its own output vector. */
    abstract static class Unary extends VectorExprs.Expr {
        final VectorExprs.Expr in;
        final Vec out;

        Unary(VectorExprs.Expr in, Vec.Kind kind, int scale) {
            super(kind, scale);
            this.in = in;
            this.out = new Vec(kind, scale);
        }

        @Override
        List<VectorExprs.Expr> operands() {
            return List.of(in);
        }
    }

    static final class Column extends VectorExprs.Expr {
        final int index;

        Column(int index, Vec.Kind kind, int scale) {
            super(kind, scale);
            this.index = index;
        }

        @Override
        Vec compute(VectorExprs.Batch b, int[] sel, int n) {
            return b.column(index, sel, n);
        }
    }

    static final class Constant extends VectorExprs.Expr {
        final Vec value;

        Constant(Vec value) {
            super(value.kind, value.scale);
            this.value = value;
        }

        @Override
        Vec compute(VectorExprs.Batch b, int[] sel, int n) {
            return value;
        }
    }

    /** + - * (and / for doubles) with NULL in, NULL out. */
    static final class Arith extends VectorExprs.Expr {
        private final SqlKind op;
        private final VectorExprs.Expr a;
        private final VectorExprs.Expr b;
        private final SqlTypeName type;
        private final Vec out;

        Arith(SqlKind op, VectorExprs.Expr a, VectorExprs.Expr b, RelDataType type) {
            super(a.kind, VectorExprs.scaleOf(type));
            this.op = op;
            this.a = a;
            this.b = b;
            this.type = type.getSqlTypeName();
            this.out = new Vec(a.kind, scale);
        }

        @Override
        List<VectorExprs.Expr> operands() {
            return List.of(a, b);
        }

        @Override
        Vec compute(VectorExprs.Batch batch, int[] sel, int n) {
            Vec x = a.eval(batch, sel, n);
            Vec y = b.eval(batch, sel, n);
            out.reset();
            if (x.nulls != null || y.nulls != null) {
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    if (x.isNull(i) || y.isNull(i)) {
                        out.setNull(i);
                    }
                }
            }
            switch (kind) {
                case LONG -> longs(x, y, sel, n);
                case DOUBLE -> doubles(x, y, sel, n);
                default -> decimals(x, y, sel, n);
            }
            return out;
        }

        private void longs(Vec x, Vec y, int[] sel, int n) {
            long[] xs = x.longs;
            long[] ys = y.longs;
            long[] o = out.longs;
            switch (op) {
                case PLUS -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        o[i] = xs[i] + ys[i];
                    }
                }
                case MINUS -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        o[i] = xs[i] - ys[i];
                    }
                }
                default -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        o[i] = xs[i] * ys[i];
                    }
                }
            }
            // Calcite's code computes in the Java type of the SQL type, so narrower integers wrap there.
            if (type == SqlTypeName.INTEGER || type == SqlTypeName.SMALLINT || type == SqlTypeName.TINYINT) {
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    o[i] = type == SqlTypeName.INTEGER ? (int) o[i] : type == SqlTypeName.SMALLINT ? (short) o[i]
                            : (byte) o[i];
                }
            }
        }

        private void doubles(Vec x, Vec y, int[] sel, int n) {
            double[] xs = x.doubles;
            double[] ys = y.doubles;
            double[] o = out.doubles;
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                o[i] = switch (op) {
                    case PLUS -> xs[i] + ys[i];
                    case MINUS -> xs[i] - ys[i];
                    case TIMES -> xs[i] * ys[i];
                    default -> xs[i] / ys[i];
                };
            }
        }

        private void decimals(Vec x, Vec y, int[] sel, int n) {
            if (x.wide == null && y.wide == null) {
                try {
                    exact(x, y, sel, n);
                    return;
                } catch (ArithmeticException overflow) {
                    // Some row does not fit in a long: this batch is computed with BigDecimal.
                }
            }
            out.wide = new BigDecimal[Vec.BATCH];
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                if (out.isNull(i)) {
                    continue;
                }
                BigDecimal p = x.decimal(i);
                BigDecimal q = y.decimal(i);
                out.wide[i] = switch (op) {
                    case PLUS -> p.add(q);
                    case MINUS -> p.subtract(q);
                    default -> p.multiply(q);
                };
            }
        }

        private void exact(Vec x, Vec y, int[] sel, int n) {
            long[] xs = x.longs;
            long[] ys = y.longs;
            long[] o = out.longs;
            if (op == SqlKind.TIMES) {
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    o[i] = Math.multiplyExact(xs[i], ys[i]);
                }
                return;
            }
            long fx = POW10[scale - x.scale];
            long fy = POW10[scale - y.scale];
            boolean minus = op == SqlKind.MINUS;
            if (a instanceof Constant && x.nulls == null) {
                // 1 - l_discount: the constant is brought to the result's scale once, not once a row.
                long p = Math.multiplyExact(xs[0], fx);
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    long q = fy == 1 ? ys[i] : Math.multiplyExact(ys[i], fy);
                    o[i] = minus ? Math.subtractExact(p, q) : Math.addExact(p, q);
                }
                return;
            }
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                long p = fx == 1 ? xs[i] : Math.multiplyExact(xs[i], fx);
                long q = fy == 1 ? ys[i] : Math.multiplyExact(ys[i], fy);
                o[i] = minus ? Math.subtractExact(p, q) : Math.addExact(p, q);
            }
        }
    }

    /** An integer or decimal to a decimal of a larger (or equal) scale. */
    static final class Rescale extends Unary {
        Rescale(VectorExprs.Expr in, int scale) {
            super(in, Vec.Kind.DECIMAL, scale);
        }

        @Override
        Vec compute(VectorExprs.Batch b, int[] sel, int n) {
            Vec x = in.eval(b, sel, n);
            out.wide = null;
            out.nulls = x.nulls;
            long f = POW10[scale - in.scale];
            if (x.wide == null) {
                try {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        out.longs[i] = Math.multiplyExact(x.longs[i], f);
                    }
                    return out;
                } catch (ArithmeticException overflow) {
                    // Computed wide below.
                }
            }
            out.wide = new BigDecimal[Vec.BATCH];
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                if (!x.isNull(i)) {
                    out.wide[i] = (x.wide != null ? x.wide[i] : BigDecimal.valueOf(x.longs[i], in.scale))
                            .setScale(scale);
                }
            }
            return out;
        }
    }

    static final class ToDouble extends Unary {
        private final boolean real;

        ToDouble(VectorExprs.Expr in, boolean real) {
            super(in, Vec.Kind.DOUBLE, 0);
            this.real = real;
        }

        @Override
        Vec compute(VectorExprs.Batch b, int[] sel, int n) {
            Vec x = in.eval(b, sel, n);
            out.nulls = x.nulls;
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                double d = switch (in.kind) {
                    case DOUBLE -> x.doubles[i];
                    case LONG -> (double) x.longs[i];
                    default -> x.isNull(i) ? 0 : x.decimal(i).doubleValue();
                };
                out.doubles[i] = real ? (float) d : d;
            }
            return out;
        }
    }

    /** A comparison: 1 or 0, NULL when either side is. */
    static final class Compare extends VectorExprs.Expr {
        final SqlKind op;
        final VectorExprs.Expr a;
        final VectorExprs.Expr b;
        private final Vec out = new Vec(Vec.Kind.LONG, 0);

        Compare(SqlKind op, VectorExprs.Expr a, VectorExprs.Expr b) {
            super(Vec.Kind.LONG, 0);
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        List<VectorExprs.Expr> operands() {
            return List.of(a, b);
        }

        @Override
        Vec compute(VectorExprs.Batch batch, int[] sel, int n) {
            Vec x = a.eval(batch, sel, n);
            Vec y = b.eval(batch, sel, n);
            out.reset();
            long[] o = out.longs;
            boolean longs = x.kind == Vec.Kind.LONG && y.kind == Vec.Kind.LONG
                    || x.kind == Vec.Kind.DECIMAL && y.kind == Vec.Kind.DECIMAL && x.scale == y.scale
                    && x.wide == null && y.wide == null;
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                if (x.isNull(i) || y.isNull(i)) {
                    out.setNull(i);
                    continue;
                }
                int c = longs ? Long.compare(x.longs[i], y.longs[i]) : compare(x, y, i);
                o[i] = switch (op) {
                    case EQUALS -> c == 0;
                    case NOT_EQUALS -> c != 0;
                    case LESS_THAN -> c < 0;
                    case LESS_THAN_OR_EQUAL -> c <= 0;
                    case GREATER_THAN -> c > 0;
                    default -> c >= 0;
                } ? 1 : 0;
            }
            return out;
        }

        /**
         * The rows of {@code sel} for which an integer comparison without NULLs holds, straight into
         * {@code out} with no branch per row; -1 when this comparison is not that case.
         */
        int select(VectorExprs.Batch batch, int[] sel, int n, int[] out) {
            Vec x = a.eval(batch, sel, n);
            Vec y = b.eval(batch, sel, n);
            boolean longs = x.kind == Vec.Kind.LONG && y.kind == Vec.Kind.LONG
                    || x.kind == Vec.Kind.DECIMAL && y.kind == Vec.Kind.DECIMAL && x.scale == y.scale
                    && x.wide == null && y.wide == null;
            if (!longs || x.nulls != null || y.nulls != null) {
                return -1;
            }
            long[] xs = x.longs;
            long[] ys = y.longs;
            int m = 0;
            switch (op) {
                case EQUALS -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        out[m] = i;
                        m += xs[i] == ys[i] ? 1 : 0;
                    }
                }
                case NOT_EQUALS -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        out[m] = i;
                        m += xs[i] != ys[i] ? 1 : 0;
                    }
                }
                case LESS_THAN -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        out[m] = i;
                        m += xs[i] < ys[i] ? 1 : 0;
                    }
                }
                case LESS_THAN_OR_EQUAL -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        out[m] = i;
                        m += xs[i] <= ys[i] ? 1 : 0;
                    }
                }
                case GREATER_THAN -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        out[m] = i;
                        m += xs[i] > ys[i] ? 1 : 0;
                    }
                }
                default -> {
                    for (int k = 0; k < n; k++) {
                        int i = sel[k];
                        out[m] = i;
                        m += xs[i] >= ys[i] ? 1 : 0;
                    }
                }
            }
            return m;
        }

        private static int compare(Vec x, Vec y, int i) {
            if (x.kind == Vec.Kind.STRING) {
                Object p = x.object(i);
                Object q = y.object(i);
                if (p instanceof Binary pb && q instanceof Binary qb) {
                    return pb.equals(qb) ? 0 : x.string(i).compareTo(y.string(i));
                }
                return x.string(i).compareTo(y.string(i));
            }
            if (x.kind == Vec.Kind.DOUBLE || y.kind == Vec.Kind.DOUBLE) {
                return Double.compare(asDouble(x, i), asDouble(y, i));
            }
            return asDecimal(x, i).compareTo(asDecimal(y, i));
        }

        private static double asDouble(Vec v, int i) {
            return switch (v.kind) {
                case DOUBLE -> v.doubles[i];
                case LONG -> v.longs[i];
                default -> v.decimal(i).doubleValue();
            };
        }

        private static BigDecimal asDecimal(Vec v, int i) {
            return v.kind == Vec.Kind.LONG ? BigDecimal.valueOf(v.longs[i]) : v.decimal(i);
        }
    }

    /** AND / OR over any number of operands, with SQL's three-valued logic. */
    static final class Logic extends VectorExprs.Expr {
        private final boolean and;
        private final List<VectorExprs.Expr> args;
        private final Vec out = new Vec(Vec.Kind.LONG, 0);

        Logic(boolean and, List<VectorExprs.Expr> args) {
            super(Vec.Kind.LONG, 0);
            this.and = and;
            this.args = args;
        }

        @Override
        List<VectorExprs.Expr> operands() {
            return args;
        }

        @Override
        Vec compute(VectorExprs.Batch b, int[] sel, int n) {
            out.reset();
            long decisive = and ? 0 : 1;
            long[] o = out.longs;
            for (int k = 0; k < n; k++) {
                o[sel[k]] = 1 - decisive;
            }
            for (VectorExprs.Expr e : args) {
                Vec v = e.eval(b, sel, n);
                for (int k = 0; k < n; k++) {
                    int i = sel[k];
                    if (o[i] == decisive && !out.isNull(i)) {
                        continue;
                    }
                    if (v.isNull(i)) {
                        if (o[i] != decisive) {
                            out.setNull(i);
                        }
                    } else if (v.longs[i] == decisive) {
                        o[i] = decisive;
                        if (out.nulls != null) {
                            out.nulls[i] = false;
                        }
                    }
                }
            }
            return out;
        }
    }

    static final class Not extends Unary {
        Not(VectorExprs.Expr in) {
            super(in, Vec.Kind.LONG, 0);
        }

        @Override
        Vec compute(VectorExprs.Batch b, int[] sel, int n) {
            Vec v = in.eval(b, sel, n);
            out.nulls = v.nulls;
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                out.longs[i] = 1 - v.longs[i];
            }
            return out;
        }
    }

    static final class IsNull extends Unary {
        private final boolean negate;

        IsNull(VectorExprs.Expr in, boolean negate) {
            super(in, Vec.Kind.LONG, 0);
            this.negate = negate;
        }

        @Override
        Vec compute(VectorExprs.Batch b, int[] sel, int n) {
            Vec v = in.eval(b, sel, n);
            for (int k = 0; k < n; k++) {
                int i = sel[k];
                out.longs[i] = v.isNull(i) != negate ? 1 : 0;
            }
            return out;
        }
    }
}
