package io.lakelet.sql;

/**
 * One result column as Athena's GetQueryResults describes it: {@code type} is the Trino type name as
 * Athena reports it ({@code varchar}, {@code bigint}, {@code integer}, {@code double}, {@code boolean},
 * {@code date}, {@code timestamp}, {@code decimal}, {@code array}, {@code map}, {@code row}, {@code varbinary},
 * {@code json}...), with precision and scale (for varchar the maximum length, 2147483647 when unbounded).
 * {@code fullType} is the whole type ({@code decimal(12,2)}, {@code array(varchar)}) for writers that need it.
 */
public record ColumnInfo(String name, String type, String fullType, int precision, int scale, boolean nullable) {
}
