package io.lakelet.sql.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Row expressions compiled to run over batches of column vectors: column references, literals, integer,
 * decimal and floating-point arithmetic, the casts that cannot fail, DATE/TIMESTAMP plus or minus a
 * day-time interval literal, comparisons, AND/OR/NOT and IS [NOT] NULL, with SQL's NULL rules. The results
 * are those of Calcite's generated code for the same expression: integer arithmetic wraps at the width of
 * its type, decimals are exact (kept unscaled in longs, BigDecimal for a batch that overflows), and a
 * decimal result has the scale of its type.
 *
 * <p>{@link #compile} answers null for anything else, and the query then runs row by row as before. The
 * compiled tree keeps its output vectors between batches, so each thread compiles its own.
 */
final class VectorExprs {
    private static final long DAY_MILLIS = 86_400_000L;
    private VectorExprs() {
    }

    /** The columns of a batch, indexed as the table's row type, and how many rows it holds. */
    static final class Batch {
        final Vec[] columns;
        int rows;
        /** Changes whenever the rows selected change: an expression computes once per epoch. */
        int epoch;
        /**
         * Fills a column that the source left for later, for the selected rows only; null when every column
         * is filled before the batch is handed on.
         */
        Loader loader;
        /** By column: filled (for every row, or for the rows selected when it was first read). */
        final boolean[] loaded;

        Batch(Vec[] columns) {
            this.columns = columns;
            this.loaded = new boolean[columns.length];
        }

        /**
         * Column {@code c} with at least the rows {@code sel[0..n)} filled. A column the source left unread
         * (see {@link Loader}) is read now for just those rows: rows filtered out before a column is first
         * needed are never looked up. That is sound because the selection only narrows while a batch is
         * processed: each filter keeps a subset of the rows it was given, and every expression of a step is
         * evaluated over that step's selection.
         */
        Vec column(int c, int[] sel, int n) {
            if (!loaded[c]) {
                loader.load(c, columns[c], sel, n);
                loaded[c] = true;
            }
            return columns[c];
        }
    }

    /** Reads a column of the current batch for some of its rows (ascending row indices). */
    interface Loader {
        void load(int column, Vec v, int[] sel, int n);
    }

    /**
     * An expression over a batch. Only the rows in {@code sel[0..n)} of the result are defined. A result is
     * kept for the batch's epoch, so an expression shared by several aggregates (see {@link #compile}'s
     * memo) is computed once.
     */
    abstract static class Expr {
        final Vec.Kind kind;
        final int scale;
        private int epoch = -1;
        private Vec last;

        Expr(Vec.Kind kind, int scale) {
            this.kind = kind;
            this.scale = scale;
        }

        final Vec eval(Batch b, int[] sel, int n) {
            if (b.epoch != epoch) {
                last = compute(b, sel, n);
                epoch = b.epoch;
            }
            return last;
        }

        abstract Vec compute(Batch b, int[] sel, int n);

        List<Expr> operands() {
            return List.of();
        }

        boolean constantOperands() {
            List<Expr> ops = operands();
            return !ops.isEmpty() && ops.stream().allMatch(o -> o instanceof VectorOps.Constant);
        }
    }

    /** The vector kind a SQL type is held in, or null when the vectorised path does not take it. */
    static Vec.Kind kindOf(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIMESTAMP -> Vec.Kind.LONG;
            case DECIMAL -> type.getPrecision() <= 38 ? Vec.Kind.DECIMAL : null;
            case REAL, FLOAT, DOUBLE -> Vec.Kind.DOUBLE;
            case VARCHAR -> Vec.Kind.STRING;
            default -> null;
        };
    }

    static int scaleOf(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.DECIMAL ? type.getScale() : 0;
    }

    /**
     * Compiles {@code node} (whose input references are table columns), or answers null. Equal expressions
     * compiled with the same {@code memo} are one {@link Expr}; parts made only of literals are computed here.
     */
    static Expr compile(RexNode node, RexBuilder rex, Map<RexNode, Expr> memo) {
        try {
            return new Compiler(memo).compile(RexUtil.expandSearch(rex, null, node));
        } catch (Unsupported e) {
            return null;
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private record Compiler(Map<RexNode, Expr> memo) {
        Expr compile(RexNode node) {
            Expr e = memo.get(node);
            if (e == null) {
                e = fold(compileNode(node, this));
                memo.put(node, e);
            }
            return e;
        }
    }

    /** An expression whose operands are all constants, computed now. */
    private static Expr fold(Expr e) {
        if (e instanceof VectorOps.Constant || e instanceof VectorOps.Column || !e.constantOperands()) {
            return e;
        }
        int[] all = new int[Vec.BATCH];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new VectorOps.Constant(e.compute(new Batch(new Vec[0]), all, all.length));
    }

    private static Expr compileNode(RexNode node, Compiler compiler) {
        Vec.Kind kind = kindOf(node.getType());
        if (node instanceof RexInputRef ref) {
            if (kind == null) {
                throw new Unsupported();
            }
            return new VectorOps.Column(ref.getIndex(), kind, scaleOf(node.getType()));
        }
        if (node instanceof RexLiteral lit) {
            return literal(lit);
        }
        if (!(node instanceof RexCall call)) {
            throw new Unsupported();
        }
        List<Expr> args = new ArrayList<>();
        SqlKind op = call.getKind();
        switch (op) {
            case AND, OR -> {
                for (RexNode o : call.getOperands()) {
                    args.add(compiler.compile(o));
                }
                return new VectorOps.Logic(op == SqlKind.AND, args);
            }
            case NOT -> {
                return new VectorOps.Not(compiler.compile(call.getOperands().get(0)));
            }
            case IS_NULL, IS_NOT_NULL -> {
                return new VectorOps.IsNull(compiler.compile(call.getOperands().get(0)), op == SqlKind.IS_NOT_NULL);
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                Expr a = compiler.compile(call.getOperands().get(0));
                Expr b = compiler.compile(call.getOperands().get(1));
                if ((a.kind == Vec.Kind.STRING) != (b.kind == Vec.Kind.STRING)) {
                    throw new Unsupported();
                }
                return new VectorOps.Compare(op, a, b);
            }
            case PLUS, MINUS, TIMES, DIVIDE, MINUS_PREFIX -> {
                return arithmetic(call, kind, compiler);
            }
            case CAST -> {
                return cast(compiler.compile(call.getOperands().get(0)), call.getOperands().get(0).getType(),
                        call.getType());
            }
            default -> throw new Unsupported();
        }
    }

    private static Expr literal(RexLiteral lit) {
        RelDataType type = lit.getType();
        SqlTypeName name = type.getSqlTypeName();
        Vec.Kind kind = name == SqlTypeName.CHAR ? Vec.Kind.STRING : kindOf(type);
        if (kind == null) {
            throw new Unsupported();
        }
        Vec v = new Vec(kind, scaleOf(type));
        if (lit.isNull()) {
            for (int i = 0; i < Vec.BATCH; i++) {
                v.setNull(i);
            }
            return new VectorOps.Constant(v);
        }
        switch (kind) {
            case LONG -> {
                long x = switch (name) {
                    case BOOLEAN -> Boolean.TRUE.equals(lit.getValueAs(Boolean.class)) ? 1 : 0;
                    case DATE -> lit.getValueAs(Integer.class);
                    case TIMESTAMP -> lit.getValueAs(Long.class);
                    default -> lit.getValueAs(BigDecimal.class).longValueExact();
                };
                java.util.Arrays.fill(v.longs, x);
            }
            case DECIMAL -> {
                BigDecimal d = lit.getValueAs(BigDecimal.class).setScale(v.scale, java.math.RoundingMode.UNNECESSARY);
                if (d.unscaledValue().bitLength() >= 63) {
                    throw new Unsupported();
                }
                java.util.Arrays.fill(v.longs, d.unscaledValue().longValue());
            }
            case DOUBLE -> java.util.Arrays.fill(v.doubles, lit.getValueAs(Double.class));
            case STRING -> {
                String s = lit.getValueAs(String.class);
                java.util.Arrays.fill(v.objects, s);
            }
        }
        return new VectorOps.Constant(v);
    }

    private static Expr arithmetic(RexCall call, Vec.Kind kind, Compiler compiler) {
        if (kind == null) {
            throw new Unsupported();
        }
        RelDataType type = call.getType();
        if (call.getKind() == SqlKind.MINUS_PREFIX) {
            Expr a = compiler.compile(call.getOperands().get(0));
            if (a.kind != kind || kind == Vec.Kind.STRING || a.scale != scaleOf(type)) {
                throw new Unsupported();
            }
            return new VectorOps.Arith(SqlKind.MINUS, zero(a.kind, a.scale), a, type);
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        SqlTypeName tn = type.getSqlTypeName();
        if (tn == SqlTypeName.DATE || tn == SqlTypeName.TIMESTAMP) {
            // DATE or TIMESTAMP plus or minus a day-time interval literal (days for a DATE).
            if (call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) {
                throw new Unsupported();
            }
            if (!(right instanceof RexLiteral lit) || right.getType().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME
                    || lit.isNull() || left.getType().getSqlTypeName() != tn) {
                throw new Unsupported();
            }
            long millis = lit.getValueAs(BigDecimal.class).longValueExact();
            if (tn == SqlTypeName.DATE && millis % DAY_MILLIS != 0) {
                throw new Unsupported();
            }
            long delta = tn == SqlTypeName.DATE ? millis / DAY_MILLIS : millis;
            Vec c = new Vec(Vec.Kind.LONG, 0);
            java.util.Arrays.fill(c.longs, delta);
            return new VectorOps.Arith(call.getKind() == SqlKind.MINUS ? SqlKind.MINUS : SqlKind.PLUS, compiler.compile(left),
                    new VectorOps.Constant(c), type);
        }
        Expr a = coerce(compiler.compile(left), left.getType(), kind);
        Expr b = coerce(compiler.compile(right), right.getType(), kind);
        if (a.kind != kind || b.kind != kind || kind == Vec.Kind.STRING) {
            throw new Unsupported();
        }
        if (call.getKind() == SqlKind.DIVIDE && kind != Vec.Kind.DOUBLE) {
            throw new Unsupported();
        }
        if (kind == Vec.Kind.DECIMAL) {
            int natural = call.getKind() == SqlKind.TIMES ? a.scale + b.scale : Math.max(a.scale, b.scale);
            if (natural != type.getScale()) {
                throw new Unsupported();
            }
        }
        if (kind == Vec.Kind.LONG && (tn == SqlTypeName.BOOLEAN)) {
            throw new Unsupported();
        }
        return new VectorOps.Arith(call.getKind(), a, b, type);
    }

    /**
     * An operand of mixed-type arithmetic in the kind of the result, as Calcite's code converts it without a
     * CAST in the plan: an integer in a decimal operation is a decimal of scale 0, and integers and decimals
     * in a floating-point one are doubles.
     */
    private static Expr coerce(Expr e, RelDataType type, Vec.Kind kind) {
        if (e.kind == kind) {
            return e;
        }
        if (kind == Vec.Kind.DECIMAL && e.kind == Vec.Kind.LONG && integerDigits(type.getSqlTypeName()) > 0) {
            return fold(new VectorOps.Rescale(e, 0));
        }
        if (kind == Vec.Kind.DOUBLE && (e.kind == Vec.Kind.DECIMAL
                || e.kind == Vec.Kind.LONG && integerDigits(type.getSqlTypeName()) > 0)) {
            return fold(new VectorOps.ToDouble(e, false));
        }
        return e;
    }

    private static Expr zero(Vec.Kind kind, int scale) {
        return new VectorOps.Constant(new Vec(kind, scale));
    }

    private static Expr cast(Expr in, RelDataType from, RelDataType to) {
        SqlTypeName f = from.getSqlTypeName();
        SqlTypeName t = to.getSqlTypeName();
        Vec.Kind target = kindOf(to);
        if (target == null) {
            throw new Unsupported();
        }
        if (f == t && (t != SqlTypeName.DECIMAL || (from.getScale() == to.getScale()
                && from.getPrecision() <= to.getPrecision()))
                && (t != SqlTypeName.VARCHAR || to.getPrecision() >= from.getPrecision()
                || to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED)) {
            return in;
        }
        if (in.kind == Vec.Kind.LONG && target == Vec.Kind.LONG && integerDigits(f) > 0 && integerDigits(t) > 0
                && integerDigits(f) <= integerDigits(t)) {
            return in;
        }
        if (target == Vec.Kind.DECIMAL && (in.kind == Vec.Kind.DECIMAL || integerDigits(f) > 0)) {
            int digitsBefore = in.kind == Vec.Kind.DECIMAL ? from.getPrecision() - from.getScale() : integerDigits(f);
            if (to.getScale() >= in.scale && to.getPrecision() - to.getScale() >= digitsBefore
                    && to.getScale() - in.scale < VectorOps.POW10.length) {
                return new VectorOps.Rescale(in, to.getScale());
            }
            throw new Unsupported();
        }
        if (target == Vec.Kind.DOUBLE && (in.kind == Vec.Kind.DECIMAL || in.kind == Vec.Kind.DOUBLE
                || integerDigits(f) > 0)) {
            return new VectorOps.ToDouble(in, t == SqlTypeName.REAL);
        }
        throw new Unsupported();
    }

    /** Decimal digits an integer type always holds, or 0 for a type that is not an integer. */
    private static int integerDigits(SqlTypeName t) {
        return switch (t) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> 0;
        };
    }

    /**
     * Keeps the rows of {@code sel[0..n)} for which {@code condition} is TRUE, in order, in {@code out}
     * (which may be {@code sel}); answers how many.
     */
    static int filter(Expr condition, Batch b, int[] sel, int n, int[] out) {
        b.epoch++;
        if (condition instanceof VectorOps.Compare c) {
            int m = c.select(b, sel, n, out);
            if (m >= 0) {
                return m;
            }
        } else if (condition instanceof RangeFilter r) {
            int m = r.select(b, sel, n, out);
            if (m >= 0) {
                return m;
            }
        }
        Vec v = condition.eval(b, sel, n);
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = sel[k];
            if (v.longs[i] == 1 && !v.isNull(i)) {
                out[m++] = i;
            }
        }
        return m;
    }
}
