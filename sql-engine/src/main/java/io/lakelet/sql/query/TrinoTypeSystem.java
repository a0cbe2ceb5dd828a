package io.lakelet.sql.query;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Trino's type rules where Calcite's defaults differ: decimals up to 38 digits, sum of a decimal widens to
 * DECIMAL(38, s), sum of integers is BIGINT, avg of integers is DOUBLE, timestamps default to millisecond
 * precision, unions of strings of different lengths become VARCHAR.
 */
final class TrinoTypeSystem extends RelDataTypeSystemImpl {
    static final TrinoTypeSystem INSTANCE = new TrinoTypeSystem();

    private TrinoTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> 38;
            case VARCHAR, VARBINARY, CHAR, BINARY -> Integer.MAX_VALUE;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 9;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 3;
            case VARCHAR, VARBINARY -> Integer.MAX_VALUE;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.DECIMAL, 38, argumentType.getScale()),
                    argumentType.isNullable());
        }
        if (SqlTypeUtil.isExactNumeric(argumentType)) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT),
                    argumentType.isNullable());
        }
        return argumentType;
    }

    /**
     * avg of an integer is DOUBLE, as in Trino. avg of DECIMAL(p, s) is DECIMAL(38, s) here where Trino keeps
     * DECIMAL(p, s): Calcite computes avg as sum / count and casts the sum to the avg's type first, which
     * overflows DECIMAL(p, s) as soon as the sum is larger than any one value (TPC-H Q1 does).
     */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.DECIMAL, 38, argumentType.getScale()),
                    argumentType.isNullable());
        }
        if (SqlTypeUtil.isExactNumeric(argumentType)) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
                    argumentType.isNullable());
        }
        return argumentType;
    }

    @Override
    public boolean isSchemaCaseSensitive() {
        return false;
    }
}
