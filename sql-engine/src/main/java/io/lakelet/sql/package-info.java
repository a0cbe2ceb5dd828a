/**
 * The SQL engine behind Athena: {@link io.lakelet.sql.SqlEngine} takes one statement in the Trino dialect
 * and returns a {@link io.lakelet.sql.QueryResult} whose rows stream. Queries ({@code SELECT}, {@code WITH},
 * {@code VALUES}, {@code EXPLAIN}) go to {@link io.lakelet.sql.query}, planned by Calcite over the catalog and
 * the object store; everything else (Hive DDL, {@code SHOW}, {@code DESCRIBE}, {@code MSCK REPAIR},
 * {@code CREATE TABLE AS}, {@code INSERT INTO}, views) goes to {@link io.lakelet.sql.ddl}.
 *
 * <p>Values in a {@link io.lakelet.sql.RowCursor} are Java objects by Trino type: varchar/char String,
 * boolean Boolean, tinyint Byte, smallint Short, integer Integer, bigint Long, real Float, double Double,
 * decimal BigDecimal, date LocalDate, timestamp LocalDateTime, varbinary byte[], array List, map Map
 * (insertion-ordered), row List (fields in declared order), json String.
 */
package io.lakelet.sql;
