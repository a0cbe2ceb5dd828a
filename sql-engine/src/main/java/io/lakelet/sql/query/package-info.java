/**
 * The query half of the SQL engine: Trino-dialect SELECT/WITH/VALUES/TABLE/EXPLAIN over the catalog's
 * tables, planned by Calcite 1.42 and read from the object store.
 *
 * <p>{@link io.lakelet.sql.query.CalciteQueryEngine} builds a planner per query over schemas resolved
 * lazily from the Catalog port ({@code LakeSchemas}: every database, and {@code awsdatacatalog.<db>}),
 * parses with Calcite's Babel parser (so {@code year}, {@code day} stay column names), rewrites Trino-isms
 * ({@code TrinoRewriter}), validates with Trino's functions ({@code TrinoOperators}, {@code TrinoFunctions})
 * and type rules ({@code TrinoTypeSystem}), compiles the plan to enumerable code and streams its rows
 * ({@code ResultCursor}). {@code LakeTable} scans text (LazySimpleSerDe, OpenCSVSerDe, both JSON SerDes,
 * gz/bz2/zst/snappy/deflate by extension) and Parquet (projected columns only, row groups skipped by
 * statistics), prunes partitions listed from the catalog or projected from table properties, and counts
 * every byte read for DataScannedInBytes.
 *
 * <p>Where it knowingly differs from Athena/Trino: approx_distinct and approx_percentile are exact
 * (approx_percentile returns DOUBLE); {@code try(x)} catches any error of x, where Trino catches a listed
 * few (division by zero, invalid casts and function arguments, numeric overflow); timestamps
 * with time zone are plain timestamps in UTC (from_unixtime, from_iso8601_timestamp); {@code user} is the
 * USER function, not a column; hidden columns {@code $path}/{@code $file_size} exist only in queries that
 * name them; cancellation is checked per scanned and per returned row, so an operator that loops over
 * rows already read (a nested-loop cross join under an aggregate) runs to its end.
 */
package io.lakelet.sql.query;
