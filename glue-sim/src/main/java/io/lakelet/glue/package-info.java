/**
 * AWS Glue for Lakelet: the Data Catalog (databases, tables and versions, partitions with the
 * GetPartitions expression filter, partition indexes, column statistics, user-defined functions,
 * connections, tags), crawlers that read S3 and write the catalog, and custom classifiers, durable in
 * RocksDB and shared with other services through the catalog port.
 *
 * <p>Where it knowingly differs from AWS: crawlers and classifiers list theirs in their packages; jobs,
 * triggers, workflows, the schema registry, data quality and Lake Formation are not emulated yet
 * (refused as NotImplementedException 501). A CatalogId other than the caller's account is refused with AccessDeniedException, as Glue
 * refuses a catalog the caller has no grant on; cross-account grants are not emulated.
 */
package io.lakelet.glue;
