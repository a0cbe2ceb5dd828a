/**
 * The Glue Data Catalog's state and rules: databases, tables and their versions, partitions, partition
 * indexes, column statistics, user-defined functions, connections and tags, all kept in RocksDB under
 * keys that start with the account and the region, so every catalog survives a restart.
 *
 * <p>Where it knowingly differs from AWS:
 * <ul>
 *   <li>Partition indexes are ACTIVE as soon as they are created and never affect results (Lakelet's
 *       partition filter is exact without them).</li>
 *   <li>BatchGetPartition leaves missing partitions out and never reports UnprocessedKeys (Glue reports
 *       keys it could not process in time; Lakelet processes all of them).</li>
 *   <li>Pagination tokens are Lakelet's own (the last key returned); they stay valid across writes.</li>
 *   <li>The wording of errors Glue does not document (quota errors, an unknown partition index key, a
 *       missing function or connection) is Lakelet's own, in Glue's style.</li>
 *   <li>SearchTables scores nothing: results come in key order (database, table) unless SortCriteria
 *       asks otherwise; the text search is a case-insensitive substring match.</li>
 *   <li>Lake Formation, federated catalogs, transactions (TransactionId, QueryAsOfTime), resource links,
 *       Iceberg/open table formats and view dialects are not emulated.</li>
 * </ul>
 */
package io.lakelet.glue.catalog;
