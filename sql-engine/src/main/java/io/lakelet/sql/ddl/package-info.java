/**
 * The statement half of the SQL engine: every statement that is not a query, applied to the Glue Data
 * Catalog through the {@link io.lakelet.core.ports.Catalog} port as Athena (engine v3) applies it.
 *
 * <p>{@link io.lakelet.sql.ddl.DdlParser} reads Hive DDL, views, {@code CREATE TABLE AS}, {@code INSERT INTO},
 * {@code UNLOAD}, {@code MSCK REPAIR TABLE}, {@code SHOW} and {@code DESCRIBE} with a small tokenizer and
 * recursive descent;
 * embedded queries are passed on as written to the {@link io.lakelet.sql.query.QueryEngine}.
 * {@link io.lakelet.sql.ddl.DdlExecutor} dispatches to {@code CatalogStatements} (databases, tables,
 * partitions, ALTER), {@code MsckRepair}, {@code ShowStatements}, {@code WriteStatements} (CTAS, INSERT, UNLOAD;
 * {@code TableFilesWriter} and {@code DataFiles} write Parquet, delimited text and JSON lines, and Athena's
 * {@code <queryId>-manifest.csv} in the result location) and views ({@code PrestoViews}, Trino's
 * {@code /* Presto View: base64(JSON) *}{@code /} encoding).
 *
 * <p>Failures follow Athena's two voices: Trino errors ({@code SYNTAX_ERROR: line 1:8: ...}) for what Trino
 * analyses, and Hive's ({@code FAILED: SemanticException [Error 10001]: Table not found t}) for the Hive DDL
 * Athena hands to its metastore layer; see {@code DdlErrors}.
 *
 * <p>Where this knowingly differs from Athena:
 * <ul>
 * <li>CTAS and INSERT write PARQUET, TEXTFILE and JSON only (ORC, AVRO and ION are refused, as are bucketed
 * CTAS tables and Iceberg tables); text is written without LazySimpleSerDe escaping of delimiters inside
 * values.</li>
 * <li>As in Athena, a failed CTAS or INSERT leaves the files it wrote (orphaned data); the catalog is
 * unchanged.</li>
 * <li>The catalog port has no bucket columns, so {@code CLUSTERED BY} is parsed and not stored.</li>
 * <li>The {@code default} database is created on first use, as Athena does for a new account.</li>
 * <li>A view's owner is the account's root ARN (Athena records the calling principal).</li>
 * <li>Some Hive failure messages are worded in Hive's style without a recorded Athena transcript (listed
 * where they are raised).</li>
 * </ul>
 */
package io.lakelet.sql.ddl;
