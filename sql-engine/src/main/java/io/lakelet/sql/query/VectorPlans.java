package io.lakelet.sql.query;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableTableScan;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Where a planned query can run on column vectors. Calcite plans an aggregate over a lake table as
 * {@code EnumerableAggregate(EnumerableCalc?(EnumerableInterpreter(BindableTableScan)))}: the scan yields
 * one {@code Object[]} per row, the interpreter applies the pushed filters row by row, and the generated
 * aggregate code adds BigDecimals. When every filter, projection, key and aggregate of that shape is one
 * {@link VectorExprs} and {@link VectorAccumulators} take, the three nodes become one
 * {@link LakeVectorAggregate}, which answers the same rows from {@link VectorAggregation}. Everything else
 * keeps Calcite's plan; EXPLAIN shows which was chosen. The same pass turns a LIMIT over an ORDER BY into
 * Calcite's own top-n ({@code EnumerableLimitSort}), which the planner does not choose by itself.
 */
final class VectorPlans {
    private VectorPlans() {
    }

    /** {@code plan} with each aggregate that can run on vectors replaced; the rest unchanged. */
    static RelNode rewrite(RelNode plan) {
        if (plan instanceof EnumerableAggregate agg) {
            RelNode vector = aggregate(agg);
            if (vector != null) {
                return vector;
            }
        }
        if (plan instanceof EnumerableInterpreter || plan instanceof EnumerableTableScan) {
            RelNode vector = scan(plan);
            if (vector != null) {
                return vector;
            }
        }
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode in : plan.getInputs()) {
            RelNode r = rewrite(in);
            changed |= r != in;
            inputs.add(r);
        }
        RelNode node = changed ? plan.copy(plan.getTraitSet(), inputs) : plan;
        if (node instanceof EnumerableLimit limit && limit.fetch != null
                && limit.getInput() instanceof EnumerableSort sort && sort.offset == null && sort.fetch == null) {
            // ORDER BY ... LIMIT n: Calcite sorts every row into a TreeMap and then keeps n; a top-n keeps n.
            return EnumerableLimitSort.create(sort.getInput(), sort.getCollation(), limit.offset, limit.fetch);
        }
        return node;
    }

    /** The scan a lake table's rows come from, with its pushed filters and projection, or null. */
    private record Source(LakeTable table, RelOptTable relTable, ImmutableIntList projects, List<RexNode> filters) {
        static Source of(RelNode in) {
            RelOptTable relTable;
            ImmutableIntList projects;
            List<RexNode> filters;
            if (in instanceof EnumerableInterpreter interpreter
                    && interpreter.getInput() instanceof Bindables.BindableTableScan scan) {
                relTable = scan.getTable();
                projects = scan.projects;
                filters = scan.filters;
            } else if (in instanceof EnumerableTableScan scan) {
                // Every column, no filter: Calcite scans the table directly.
                relTable = scan.getTable();
                projects = null;
                filters = List.of();
            } else {
                return null;
            }
            LakeTable table = relTable.unwrap(LakeTable.class);
            return table == null ? null : new Source(table, relTable, projects, filters);
        }

        /** The table column of the scan's output field {@code i}. */
        int column(int i) {
            return projects == null ? i : projects.get(i);
        }
    }

    private static RelNode scan(RelNode in) {
        Source source = Source.of(in);
        if (source == null) {
            return null;
        }
        RelDataType tableRowType = source.relTable().getRowType();
        RexBuilder rex = in.getCluster().getRexBuilder();
        List<RexNode> conjuncts = conjuncts(source.filters(), rex);
        int[] projects = new int[in.getRowType().getFieldCount()];
        TreeSet<Integer> used = new TreeSet<>();
        for (int i = 0; i < projects.length; i++) {
            projects[i] = source.column(i);
            used.add(projects[i]);
        }
        for (RexNode c : conjuncts) {
            for (int col : org.apache.calcite.plan.RelOptUtil.InputFinder.bits(c)) {
                used.add(col);
            }
        }
        for (int c : used) {
            if (VectorExprs.kindOf(tableRowType.getFieldList().get(c).getType()) == null) {
                return null;
            }
        }
        VectorScan exec = new VectorScan(source.table(), tableRowType, rex, source.filters(), conjuncts, projects,
                used.stream().mapToInt(Integer::intValue).toArray());
        if (!exec.compiles()) {
            return null;
        }
        String describe = "table=" + source.relTable().getQualifiedName() + ", filters=" + conjuncts + ", projects="
                + java.util.Arrays.toString(projects);
        return new LakeVector("LakeVectorScan", in.getCluster(), in.getTraitSet(), in.getRowType(), exec,
                VectorScan.class, describe);
    }

    /** Conditions as a list of conjuncts, ranges (SEARCH) expanded into comparisons that narrow rows in turn. */
    private static List<RexNode> conjuncts(List<RexNode> conditions, RexBuilder rex) {
        List<RexNode> out = new ArrayList<>();
        for (RexNode c : conditions) {
            out.addAll(RexUtil.flattenAnd(List.of(RexUtil.expandSearch(rex, null, c))));
        }
        return out;
    }

    private static RelNode aggregate(EnumerableAggregate agg) {
        if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
            return null;
        }
        RelNode in = agg.getInput();
        RexProgram program = null;
        if (in instanceof EnumerableCalc calc) {
            program = calc.getProgram();
            in = calc.getInput();
        }
        Source source = Source.of(in);
        if (source == null) {
            return null;
        }
        LakeTable table = source.table();
        RelOptTable relTable = source.relTable();
        ImmutableIntList projects = source.projects();
        List<RexNode> scanFilters = source.filters();
        RelDataType tableRowType = relTable.getRowType();
        RelDataType scanRowType = in.getRowType();
        RexShuttle toTable = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return projects == null ? ref : new RexInputRef(projects.get(ref.getIndex()), ref.getType());
            }
        };
        // The aggregate's input fields as expressions over the table's columns.
        List<RexNode> fields = new ArrayList<>();
        List<RexNode> conditions = new ArrayList<>(scanFilters);
        if (program == null) {
            for (int i = 0; i < in.getRowType().getFieldCount(); i++) {
                fields.add(RexInputRef.of(i, scanRowType).accept(toTable));
            }
        } else {
            for (RexLocalRef ref : program.getProjectList()) {
                fields.add(program.expandLocalRef(ref).accept(toTable));
            }
            if (program.getCondition() != null) {
                conditions.add(program.expandLocalRef(program.getCondition()).accept(toTable));
            }
        }
        List<RexNode> keys = new ArrayList<>();
        for (int k : agg.getGroupSet()) {
            keys.add(fields.get(k));
        }
        List<RexNode> args = new ArrayList<>();
        for (AggregateCall call : agg.getAggCallList()) {
            if (call.getArgList().size() > 1) {
                return null;
            }
            args.add(call.getArgList().isEmpty() ? null : fields.get(call.getArgList().get(0)));
        }
        TreeSet<Integer> used = new TreeSet<>();
        for (List<RexNode> nodes : List.of(conditions, keys, args)) {
            for (RexNode n : nodes) {
                if (n != null) {
                    for (int c : org.apache.calcite.plan.RelOptUtil.InputFinder.bits(n)) {
                        used.add(c);
                    }
                }
            }
        }
        for (int c : used) {
            if (VectorExprs.kindOf(tableRowType.getFieldList().get(c).getType()) == null) {
                return null;
            }
        }
        List<RexNode> conjuncts = conjuncts(conditions, agg.getCluster().getRexBuilder());
        VectorAggregation exec = new VectorAggregation(table, tableRowType, agg.getCluster().getRexBuilder(),
                scanFilters, conjuncts, keys, agg.getAggCallList(), args, agg.getRowType(),
                used.stream().mapToInt(Integer::intValue).toArray());
        if (!exec.compiles()) {
            return null;
        }
        String describe = "table=" + relTable.getQualifiedName() + ", filters=" + conjuncts + ", group="
                + keys + ", aggs=" + describe(agg.getAggCallList(), args);
        return new LakeVector("LakeVectorAggregate", agg.getCluster(), agg.getTraitSet(), agg.getRowType(), exec,
                VectorAggregation.class, describe);
    }

    private static String describe(List<AggregateCall> calls, List<RexNode> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            out.add(calls.get(i).getAggregation().getName() + "(" + (args.get(i) == null ? "" : args.get(i)) + ")");
        }
        return out.toString();
    }

    /**
     * A vectorised part of the plan as one leaf of the enumerable plan: its rows come from {@code rows(root)}
     * of a {@link VectorAggregation} or a {@link VectorScan}, which the generated code finds in the stash.
     */
    static final class LakeVector extends AbstractRelNode implements EnumerableRel {
        private final String name;
        private final Object exec;
        private final Class<?> execClass;
        private final String description;

        LakeVector(String name, RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, Object exec,
                   Class<?> execClass, String description) {
            super(cluster, traits);
            this.name = name;
            this.rowType = rowType;
            this.exec = exec;
            this.execClass = execClass;
            this.description = description;
        }

        @Override
        public String getRelTypeName() {
            return name;
        }

        @Override
        protected RelDataType deriveRowType() {
            return rowType;
        }

        @Override
        public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
            return this;
        }

        @Override
        public RelWriter explainTerms(RelWriter pw) {
            return super.explainTerms(pw).item("vectorised", description);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
            PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
            Expression exec_ = implementor.stash(exec, (Class<Object>) execClass);
            Expression rows = Expressions.call(exec_, "rows", implementor.getRootExpression());
            if (getRowType().getFieldCount() == 1) {
                rows = Expressions.call(BuiltInMethod.SLICE0.method, rows);
            }
            BlockBuilder builder = new BlockBuilder();
            builder.add(rows);
            return implementor.result(physType, builder.toBlock());
        }
    }
}
