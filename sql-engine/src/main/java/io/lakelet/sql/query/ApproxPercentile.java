package io.lakelet.sql.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * Trino's {@code approx_percentile(x, p)}, computed exactly (nearest rank over the group's values, which
 * it keeps in memory) where Trino estimates with a t-digest; the result is a DOUBLE for every input type.
 */
public final class ApproxPercentile {
    static final SqlUserDefinedAggFunction OPERATOR = new SqlUserDefinedAggFunction(
            new SqlIdentifier("approx_percentile", SqlParserPos.ZERO),
            ReturnTypes.explicit(SqlTypeName.DOUBLE).andThen(SqlTypeTransforms.FORCE_NULLABLE),
            InferTypes.FIRST_KNOWN, OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC),
            AggregateFunctionImpl.create(ApproxPercentile.class), false, false, Optionality.FORBIDDEN,
            new JavaTypeFactoryImpl(TrinoTypeSystem.INSTANCE)) {
        @Override
        public org.apache.calcite.sql.SqlOperandCountRange getOperandCountRange() {
            return org.apache.calcite.sql.type.SqlOperandCountRanges.of(2);
        }

        @Override
        public boolean checkOperandTypes(org.apache.calcite.sql.SqlCallBinding binding, boolean throwOnFailure) {
            return OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC)
                    .checkOperandTypes(binding, throwOnFailure);
        }
    };

    /** The values seen and the percentile asked for. */
    public static final class State {
        final List<Double> values = new ArrayList<>();
        double percentile = Double.NaN;
    }

    public ApproxPercentile() {
    }

    public State init() {
        return new State();
    }

    public State add(State state, Number value, Number percentileValue) {
        if (value != null) {
            state.values.add(value.doubleValue());
        }
        if (percentileValue != null) {
            double percentile = percentileValue.doubleValue();
            if (percentile < 0 || percentile > 1) {
                throw new TrinoFunctions.InvalidFunctionArgument("Percentile must be between 0 and 1");
            }
            state.percentile = percentile;
        }
        return state;
    }

    public State merge(State a, State b) {
        a.values.addAll(b.values);
        if (Double.isNaN(a.percentile)) {
            a.percentile = b.percentile;
        }
        return a;
    }

    public Double result(State state) {
        if (state.values.isEmpty()) {
            return null;
        }
        Collections.sort(state.values);
        int index = (int) Math.round(state.percentile * (state.values.size() - 1));
        return state.values.get(Math.max(0, Math.min(state.values.size() - 1, index)));
    }
}
