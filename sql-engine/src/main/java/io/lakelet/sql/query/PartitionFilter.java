package io.lakelet.sql.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The conjuncts of a scan's filters that read only partition columns, compiled once and evaluated per
 * partition to prune it. Filters are left for Calcite to apply again, so anything this cannot decide keeps
 * the partition.
 */
final class PartitionFilter {
    private final RexExecutable executable;
    private final int width;

    private PartitionFilter(RexExecutable executable, int width) {
        this.executable = executable;
        this.width = width;
    }

    /** Null when no filter reads partition columns only. */
    static PartitionFilter of(JavaTypeFactory types, RelDataType rowType, List<RexNode> filters,
                              ImmutableBitSet partitionColumns) {
        List<RexNode> usable = new ArrayList<>();
        for (RexNode f : filters) {
            ImmutableBitSet used = RelOptUtil.InputFinder.bits(f);
            if (!used.isEmpty() && partitionColumns.contains(used)) {
                usable.add(f);
            }
        }
        if (usable.isEmpty()) {
            return null;
        }
        RexBuilder rex = new RexBuilder(types);
        RexNode all = usable.size() == 1 ? usable.get(0)
                : rex.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.AND, usable);
        try {
            return new PartitionFilter(RexExecutorImpl.getExecutable(rex, List.of(all), rowType),
                    rowType.getFieldCount());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** False only when the filters are certainly false (or unknown) for a row with these values. */
    boolean accepts(Object[] record) {
        Object[] input = record.length == width ? record : java.util.Arrays.copyOf(record, width);
        try {
            DataContext context = DataContexts.of(Map.of("inputRecord", input));
            executable.setDataContext(context);
            Object[] result = executable.execute();
            return result == null || result.length == 0 || Boolean.TRUE.equals(result[0]);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
