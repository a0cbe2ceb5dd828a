/**
 * DynamoDB's state: table definitions ({@link io.lakelet.dynamodb.model.TableStore}), items in RocksDB
 * ordered by encoded primary key ({@link io.lakelet.dynamodb.model.ItemStore}), and the value semantics
 * of DynamoDB's type system ({@link io.lakelet.dynamodb.model.AttributeValues}).
 *
 * <p>Where it knowingly differs from AWS: a Scan returns partitions in key byte order rather than in hash
 * order; global secondary indexes are not materialised (an index query reads the base table, so index
 * reads are always consistent); the item count and table size are computed when a table is described
 * instead of every six hours; item sizes are approximate.
 */
package io.lakelet.dynamodb.model;
