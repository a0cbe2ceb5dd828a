package io.lakelet.sql.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Trino rounds half up when a decimal loses scale (a CAST to DECIMAL(p, s), the result of avg); Calcite's
 * cast truncates. Every such cast in a plan becomes a cast of {@code ROUND(x, s)}, whose digits past
 * {@code s} are zero, so nothing is left to truncate. (A cast of a literal alone, {@code CAST(DECIMAL
 * '1.235' AS DECIMAL(4, 2))}, is folded by Calcite while the query is translated, before this runs, and
 * still truncates.)
 */
final class DecimalRounding extends RexShuttle {
    private final RexBuilder rex;

    private DecimalRounding(RexBuilder rex) {
        this.rex = rex;
    }

    /** The plan with every scale-losing decimal cast rounded half up first. */
    static RelNode apply(RelNode plan) {
        return rewrite(plan, new DecimalRounding(plan.getCluster().getRexBuilder()));
    }

    private static RelNode rewrite(RelNode node, DecimalRounding rounding) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : node.getInputs()) {
            RelNode r = rewrite(input, rounding);
            changed |= r != input;
            inputs.add(r);
        }
        RelNode copy = changed ? node.copy(node.getTraitSet(), inputs) : node;
        return copy.accept(rounding);
    }

    @Override
    public RexNode visitCall(RexCall call) {
        RexNode visited = super.visitCall(call);
        if (!(visited instanceof RexCall c) || c.getKind() != SqlKind.CAST) {
            return visited;
        }
        RexNode operand = c.getOperands().get(0);
        if (c.getType().getSqlTypeName() != SqlTypeName.DECIMAL
                || operand.getType().getSqlTypeName() != SqlTypeName.DECIMAL
                || operand.getType().getScale() <= c.getType().getScale()) {
            return visited;
        }
        RexNode rounded = rex.makeCall(SqlStdOperatorTable.ROUND, operand,
                rex.makeExactLiteral(java.math.BigDecimal.valueOf(c.getType().getScale())));
        return rex.makeCast(c.getType(), rounded, true, false);
    }
}
