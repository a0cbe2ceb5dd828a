package io.lakelet.sql.query;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Trino's {@code try(x)}: x, or NULL where evaluating x fails (division by zero, a bad cast, a function given
 * an argument it refuses). Calcite's code generator computes every operand of a call before the call, in
 * the same block, so no function can catch what its operand throws. After planning, each {@link #TRY} call
 * in the plan therefore becomes a call of a {@code $TRY_EVALn} whose operands are only the input fields x reads
 * (which cannot fail), and x is compiled on its own with {@link RexExecutorImpl}, kept in the query's
 * stash under a name that is the same for the same plan (so Calcite's cache of compiled plans still
 * serves repeated queries), and run per row by {@link Evaluator}, which turns an error into NULL.
 */
final class TryPlans {
    /** {@code try(x)} as written; non-deterministic, so that planning neither folds nor moves it. */
    static final SqlFunction TRY = new SqlFunction("TRY", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0.andThen(SqlTypeTransforms.FORCE_NULLABLE), null, OperandTypes.ANY,
            SqlFunctionCategory.SYSTEM) {
        @Override
        public boolean isDeterministic() {
            return false;
        }
    };

    /**
     * {@code $TRY_EVALn(fields x reads...)}: what the n-th {@link #TRY} call of a plan becomes after planning.
     * The n is in the operator (a literal operand would become a local of the program, out of the
     * implementor's reach), and one operator serves the n-th try of every query.
     */
    private static final Map<Integer, SqlUserDefinedFunction> EVALS = new java.util.concurrent.ConcurrentHashMap<>();

    private static SqlUserDefinedFunction eval(int n) {
        return EVALS.computeIfAbsent(n, i -> new SqlUserDefinedFunction(
                new SqlIdentifier("$TRY_EVAL" + i, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0,
                null, null, new EvalFunction(STASH_PREFIX + i)) {
            @Override
            public boolean isDeterministic() {
                return false;
            }
        });
    }

    private static final String STASH_PREFIX = "lakelet.try.";

    private TryPlans() {
    }

    /** The plan with every {@link #TRY} replaced as above; the evaluators it needs are put in {@code stash}. */
    static RelNode rewrite(RelNode plan, Map<String, Object> stash, JavaTypeFactory types) {
        RelHomogeneousShuttle shuttle = new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode node = super.visit(other);
                RexBuilder rex = node.getCluster().getRexBuilder();
                if (node instanceof Calc calc) {
                    // A program shares subexpressions as locals, which would compute x outside the try: expand
                    // them, replace, and let a new program share what is left.
                    RexProgram program = calc.getProgram();
                    Replacer replacer = new Replacer(rex, program.getInputRowType(), stash, types);
                    List<RexNode> projects = new ArrayList<>();
                    for (var ref : program.getProjectList()) {
                        projects.add(program.expandLocalRef(ref).accept(replacer));
                    }
                    RexNode condition = program.getCondition() == null ? null
                            : program.expandLocalRef(program.getCondition()).accept(replacer);
                    if (!replacer.replaced) {
                        return node;
                    }
                    return calc.copy(calc.getTraitSet(), calc.getInput(), RexProgram.create(
                            program.getInputRowType(), projects, condition, program.getOutputRowType(), rex));
                }
                if (node instanceof Bindables.BindableTableScan scan && !scan.filters.isEmpty()) {
                    // Filters pushed into a scan read the table's columns; the interpreter compiles them.
                    Replacer replacer = new Replacer(rex, scan.getTable().getRowType(), stash, types);
                    List<RexNode> filters = new ArrayList<>();
                    for (RexNode f : scan.filters) {
                        filters.add(f.accept(replacer));
                    }
                    return !replacer.replaced ? node : Bindables.BindableTableScan.create(scan.getCluster(),
                            scan.getTable(), filters, scan.projects);
                }
                RelDataType rowType = inputs(node, types);
                return rowType == null ? node : node.accept(new Replacer(rex, rowType, stash, types));
            }
        };
        return plan.accept(shuttle);
    }

    /** The row type a node's expressions read: its inputs side by side (a join's condition reads both). */
    private static RelDataType inputs(RelNode node, JavaTypeFactory types) {
        if (node.getInputs().size() <= 1) {
            return node.getInputs().isEmpty() ? null : node.getInput(0).getRowType();
        }
        var b = types.builder();
        for (RelNode in : node.getInputs()) {
            b.addAll(in.getRowType().getFieldList());
        }
        return b.uniquify().build();
    }

    /** Replaces {@link #TRY} calls, innermost first, over expressions reading rows of {@code rowType}. */
    private static final class Replacer extends RexShuttle {
        private final RexBuilder rex;
        private final RelDataType rowType;
        private final Map<String, Object> stash;
        private final JavaTypeFactory types;
        boolean replaced;

        Replacer(RexBuilder rex, RelDataType rowType, Map<String, Object> stash, JavaTypeFactory types) {
            this.rex = rex;
            this.rowType = rowType;
            this.stash = stash;
            this.types = types;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            if (!(visited instanceof RexCall c) || c.getOperator() != TRY) {
                return visited;
            }
            RexNode x = c.getOperands().get(0);
            ImmutableBitSet fields = org.apache.calcite.plan.RelOptUtil.InputFinder.bits(x);
            int n = (int) stash.keySet().stream().filter(k -> k.startsWith(STASH_PREFIX)).count();
            RexExecutable executable = RexExecutorImpl.getExecutable(rex, List.of(x), rowType);
            stash.put(STASH_PREFIX + n, new Evaluator(executable, rowType.getFieldCount(), fields.toArray()));
            List<RexNode> operands = new ArrayList<>();
            for (int f : fields) {
                operands.add(RexInputRef.of(f, rowType));
            }
            replaced = true;
            RelDataType type = types.createTypeWithNullability(c.getType(), true);
            return rex.makeCall(type, eval(n), operands);
        }
    }

    /** The function behind a {@code $TRY_EVALn}: its code calls {@link Evaluator#eval} for the n-th evaluator. */
    private static final class EvalFunction implements ImplementableFunction, org.apache.calcite.schema.Function {
        private final String name;

        EvalFunction(String name) {
            this.name = name;
        }

        private static final Method EVAL_METHOD;
        /** Only maps SQL types to the Java classes generated code holds them in. */
        private static final JavaTypeFactory JAVA_TYPES =
                new org.apache.calcite.jdbc.JavaTypeFactoryImpl(TrinoTypeSystem.INSTANCE);

        static {
            try {
                EVAL_METHOD = Evaluator.class.getMethod("eval", DataContext.class, String.class, Object[].class);
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public CallImplementor getImplementor() {
            return (translator, call, nullAs) -> {
                List<Expression> values = new ArrayList<>();
                for (Expression e : translator.translateList(call.getOperands())) {
                    values.add(Expressions.box(e));
                }
                Expression result = Expressions.call(EVAL_METHOD, DataContext.ROOT, Expressions.constant(name),
                        Expressions.newArrayInit(Object.class, values));
                Type javaType = JAVA_TYPES.getJavaClass(call.getType());
                return EnumUtils.convert(result, javaType);
            };
        }
    }

    /**
     * Runs one compiled {@code x} over a row, NULL where it fails. One per {@code try} of a query, used by the
     * query's single row-path thread; it is the DataContext of its compiled code, lending the row as
     * {@code inputRecord} and the query's own context for everything else (the current time, say).
     */
    public static final class Evaluator implements DataContext {
        private final RexExecutable executable;
        private final int width;
        private final int[] fields;
        private DataContext query;
        private Object[] row;

        Evaluator(RexExecutable executable, int width, int[] fields) {
            this.executable = executable;
            this.width = width;
            this.fields = fields;
            executable.setDataContext(this);
        }

        /** Called by generated code: the value of {@code x} for these field values, or null if it fails. */
        public static Object eval(DataContext root, String name, Object[] values) {
            Evaluator e = (Evaluator) root.get(name);
            e.query = root;
            Object[] row = new Object[e.width];
            for (int i = 0; i < e.fields.length; i++) {
                row[e.fields[i]] = values[i];
            }
            e.row = row;
            try {
                Object[] out = e.executable.execute();
                return out == null || out.length == 0 ? null : out[0];
            } catch (RuntimeException failure) {
                return null;
            }
        }

        @Override
        public Object get(String name) {
            return "inputRecord".equals(name) ? row : query == null ? null : query.get(name);
        }

        @Override
        public SchemaPlus getRootSchema() {
            return query == null ? null : query.getRootSchema();
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return query == null ? null : query.getTypeFactory();
        }

        @Override
        public QueryProvider getQueryProvider() {
            return query == null ? null : query.getQueryProvider();
        }
    }
}
