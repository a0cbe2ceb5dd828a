/**
 * Amazon DynamoDB, the subset the Kinesis Client Library 3.x needs for its lease table, coordinator state
 * and worker metrics: CreateTable, DescribeTable, UpdateTable (global secondary indexes, billing mode,
 * deletion protection), DeleteTable, ListTables, GetItem, PutItem, UpdateItem, DeleteItem, Scan (with
 * parallel segments), Query (on tables and global secondary indexes), TransactWriteItems,
 * Update/DescribeContinuousBackups and tagging, with condition, update, filter, key-condition and
 * projection expressions and the legacy Expected / AttributeUpdates parameters.
 *
 * <p>It is a deliberately small subset, not a DynamoDB. Where it knowingly differs from AWS: every other
 * operation (BatchGetItem, BatchWriteItem, TransactGetItems, streams, TTL, backups, PartiQL, global
 * tables, imports and exports) is refused as NotImplementedException (HTTP 501); local secondary indexes
 * are refused; capacity is neither consumed nor throttled and ConsumedCapacity is never returned;
 * ClientRequestToken idempotency of transactions is not kept; a deleted table disappears at once instead
 * of staying DELETING. Errors carry DynamoDB's namespaced {@code __type} in the body and the bare code in
 * {@code x-amzn-ErrorType}.
 */
package io.lakelet.dynamodb;
