/**
 * The DynamoDB operations, typed against the AWS SDK's request and response classes: table management
 * ({@code TableOperations}, {@code TableUpdates}), single-item reads and writes ({@code ItemOperations}),
 * Scan and Query ({@code ReadOperations}) and TransactWriteItems ({@code Transactions}).
 *
 * <p>Where it knowingly differs from AWS: a Query or an index Scan reads its partition (or the whole table
 * for an index) into memory before paging; LastEvaluatedKey is returned whenever a page stops at Limit or
 * 1 MB, even when nothing follows (as DynamoDB may also do); ReturnValues UPDATED_OLD/UPDATED_NEW project
 * the updated paths; the reserved-word check is not made.
 */
package io.lakelet.dynamodb.operations;
