package io.lakelet.sql.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit coercions, less those Trino does not make: Trino never turns a varchar into a number, a
 * date or a boolean, nor anything into a varchar, without a CAST. So {@code 1 + '2'}, {@code date_col =
 * '2024-01-01'}, {@code 1 IN ('1')}, {@code coalesce(1, 'a')}, {@code length(123)} and {@code true = 1} fail
 * here as they fail on Athena (Calcite would answer 3, true, true, '1', 3 and true), rather than passing in
 * tests and failing in production. Numeric widening, date to timestamp and NULL to any type stay. Where
 * Calcite's own error would say something else, a {@link Mismatch} carries Trino's words.
 */
final class TrinoTypeCoercion extends TypeCoercionImpl {
    TrinoTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    /** Whether one side is a string and the other a typed value that is not (NULL has no type yet). */
    private static boolean stringMix(RelDataType a, RelDataType b) {
        return a != null && b != null && !isNull(a) && !isNull(b)
                && SqlTypeUtil.isCharacter(a) != SqlTypeUtil.isCharacter(b);
    }

    /** Whether one side is a boolean and the other a typed value that is not. */
    private static boolean booleanMix(RelDataType a, RelDataType b) {
        return !isNull(a) && !isNull(b)
                && (a.getSqlTypeName() == SqlTypeName.BOOLEAN) != (b.getSqlTypeName() == SqlTypeName.BOOLEAN);
    }

    private static boolean isNull(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.NULL;
    }

    /**
     * A TYPE_MISMATCH of a binary operator, BETWEEN or IN as Trino words it, placed just after the left
     * operand ({@link Errors} moves on to the operator's token, or NOT, where Trino points).
     */
    static final class Mismatch extends SqlValidatorException {
        /** The end of the left operand (line, column). */
        final int[] operatorAfter;

        private Mismatch(String message, int[] operatorAfter) {
            super(message, null);
            this.operatorAfter = operatorAfter;
        }

        static CalciteContextException atOperator(SqlCall call, String message) {
            SqlParserPos left = call.operand(0).getParserPosition();
            SqlParserPos p = call.getParserPosition();
            return new CalciteContextException(message,
                    new Mismatch(message, new int[] {left.getEndLineNum(), left.getEndColumnNum()}), p.getLineNum(),
                    p.getColumnNum(), p.getEndLineNum(), p.getEndColumnNum());
        }
    }

    /** A type as Trino names it in messages ({@code 'a'} is a varchar(1)). */
    static String trinoName(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.CHAR ? "varchar(" + t.getPrecision() + ")" : ColumnTypes.full(t);
    }

    /** "Cannot find common type between x and y, all types (without duplicates): [...]", or null if none mix. */
    private static String noCommonType(List<RelDataType> types) {
        RelDataType first = null;
        for (RelDataType t : types) {
            if (first == null && !isNull(t)) {
                first = t;
            } else if (stringMix(first, t)) {
                Set<String> all = new LinkedHashSet<>();
                for (RelDataType u : types) {
                    all.add(trinoName(u));
                }
                return "Cannot find common type between " + trinoName(first) + " and " + trinoName(t)
                        + ", all types (without duplicates): " + all;
            }
        }
        return null;
    }

    private List<RelDataType> types(SqlCallBinding binding, List<SqlNode> operands) {
        List<RelDataType> out = new ArrayList<>();
        for (SqlNode n : operands) {
            out.add(validator.deriveType(binding.getScope(), n));
        }
        return out;
    }

    @Override
    public boolean binaryComparisonCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() < 2) {
            return super.binaryComparisonCoercion(binding);
        }
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        if (binding.getOperator().getKind() == SqlKind.BETWEEN && binding.getOperandCount() == 3) {
            RelDataType high = binding.getOperandType(2);
            if (stringMix(left, right) || stringMix(left, high)) {
                throw Mismatch.atOperator(binding.getCall(), "Cannot check if " + trinoName(left) + " is BETWEEN "
                        + trinoName(right) + " and " + trinoName(high));
            }
        } else if (stringMix(left, right) || booleanMix(left, right)) {
            throw Mismatch.atOperator(binding.getCall(), "Cannot apply operator: " + trinoName(left) + " "
                    + binding.getOperator().getName() + " " + trinoName(right));
        }
        return super.binaryComparisonCoercion(binding);
    }

    @Override
    public boolean inOperationCoercion(SqlCallBinding binding) {
        List<SqlNode> operands = new ArrayList<>();
        SqlNode value = binding.operand(0);
        if (value instanceof org.apache.calcite.sql.SqlNodeList row) {
            operands.addAll(row.getList());
        } else {
            operands.add(value);
        }
        if (binding.operand(1) instanceof org.apache.calcite.sql.SqlNodeList list) {
            operands.addAll(list.getList());
            String none = noCommonType(types(binding, operands));
            if (none != null) {
                throw Mismatch.atOperator(binding.getCall(), "IN value and list items must be the same type or "
                        + "coercible to a common type. " + none);
            }
        }
        return super.inOperationCoercion(binding);
    }

    @Override
    public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() == 2 && binding.getOperator().getKind().belongsTo(SqlKind.BINARY_ARITHMETIC)) {
            RelDataType left = binding.getOperandType(0);
            RelDataType right = binding.getOperandType(1);
            if (stringMix(left, right)) {
                throw Mismatch.atOperator(binding.getCall(), "Cannot apply operator: " + trinoName(left) + " "
                        + binding.getOperator().getName() + " " + trinoName(right));
            }
        }
        return super.binaryArithmeticCoercion(binding);
    }

    @Override
    protected boolean binaryArithmeticWithStrings(SqlCallBinding binding, RelDataType left, RelDataType right) {
        return false;
    }

    @Override
    protected boolean dateTimeStringEquality(SqlCallBinding binding, RelDataType left, RelDataType right) {
        return false;
    }

    @Override
    protected boolean booleanEquality(SqlCallBinding binding, RelDataType left, RelDataType right) {
        return false;
    }

    @Override
    public RelDataType commonTypeForBinaryComparison(RelDataType a, RelDataType b) {
        return stringMix(a, b) ? null : super.commonTypeForBinaryComparison(a, b);
    }

    @Override
    protected RelDataType commonTypeForComparison(List<RelDataType> types) {
        for (RelDataType t : types) {
            if (stringMix(types.get(0), t)) {
                return null;
            }
        }
        return super.commonTypeForComparison(types);
    }

    @Override
    public RelDataType getWiderTypeForTwo(RelDataType a, RelDataType b, boolean stringPromotion) {
        return stringMix(a, b) ? null : super.getWiderTypeForTwo(a, b, false);
    }

    @Override
    public RelDataType getWiderTypeFor(List<RelDataType> types, boolean stringPromotion) {
        for (RelDataType t : types) {
            if (stringMix(types.get(0), t)) {
                return null;
            }
        }
        return super.getWiderTypeFor(types, false);
    }

    @Override
    public RelDataType implicitCast(RelDataType in, SqlTypeFamily expected) {
        if (in != null && !isNull(in) && expected != SqlTypeFamily.ANY) {
            boolean wantsString = expected == SqlTypeFamily.CHARACTER || expected == SqlTypeFamily.STRING;
            if (SqlTypeUtil.isCharacter(in) != wantsString) {
                return null;
            }
        }
        return super.implicitCast(in, expected);
    }

    @Override
    public boolean userDefinedFunctionCoercion(SqlValidatorScope scope, SqlCall call, SqlFunction function) {
        if (function.getOperandTypeChecker() instanceof SqlOperandMetadata metadata) {
            List<RelDataType> params = metadata.paramTypes(scope.getValidator().getTypeFactory());
            for (int i = 0; i < call.operandCount() && i < params.size(); i++) {
                if (call.operand(i).getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
                    continue;
                }
                RelDataType operand = validator.deriveType(scope, call.operand(i));
                if (stringMix(operand, params.get(i)) && params.get(i).getSqlTypeName() != SqlTypeName.ANY) {
                    return false;
                }
            }
        }
        return super.userDefinedFunctionCoercion(scope, call, function);
    }
}
