package io.lakelet.sql.query;

import io.lakelet.sql.ColumnInfo;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;

/** Calcite types as Athena describes result columns (Trino names, precision and scale). */
final class ColumnTypes {
    private ColumnTypes() {
    }

    static ColumnInfo column(String name, RelDataType type) {
        String base = base(type);
        int precision;
        int scale = 0;
        switch (type.getSqlTypeName()) {
            case VARCHAR, CHAR -> precision = Integer.MAX_VALUE;
            case BIGINT -> precision = 19;
            case INTEGER -> precision = 10;
            case SMALLINT -> precision = 5;
            case TINYINT -> precision = 3;
            case DOUBLE -> precision = 17;
            case REAL -> precision = 17;
            case DECIMAL -> {
                precision = type.getPrecision();
                scale = type.getScale();
            }
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> precision = 3;
            case VARBINARY, BINARY -> precision = Integer.MAX_VALUE;
            case BOOLEAN, DATE -> precision = 0;
            default -> precision = 0;
        }
        return new ColumnInfo(name, base, full(type), precision, scale, type.isNullable());
    }

    static String base(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case VARCHAR, CHAR -> "varchar";
            case BIGINT -> "bigint";
            case INTEGER -> "integer";
            case SMALLINT -> "smallint";
            case TINYINT -> "tinyint";
            case DOUBLE -> "double";
            case REAL -> "real";
            case DECIMAL -> "decimal";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "timestamp";
            case VARBINARY, BINARY -> "varbinary";
            case ARRAY, MULTISET -> "array";
            case MAP -> "map";
            case ROW -> "row";
            case NULL -> "unknown";
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                 INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                 INTERVAL_SECOND -> "interval day to second";
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> "interval year to month";
            default -> type.getSqlTypeName().getName().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String full(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case DECIMAL -> "decimal(" + type.getPrecision() + "," + type.getScale() + ")";
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "timestamp(3)";
            case ARRAY, MULTISET -> "array(" + full(type.getComponentType()) + ")";
            case MAP -> "map(" + full(type.getKeyType()) + ", " + full(type.getValueType()) + ")";
            case ROW -> "row(" + type.getFieldList().stream()
                    .map(f -> f.getName() + " " + full(f.getType())).collect(Collectors.joining(", ")) + ")";
            case VARCHAR -> type.getPrecision() > 0 && type.getPrecision() < Integer.MAX_VALUE
                    ? "varchar(" + type.getPrecision() + ")" : "varchar";
            default -> base(type);
        };
    }
}
