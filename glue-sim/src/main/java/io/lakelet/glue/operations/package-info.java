/**
 * The Glue API's Data Catalog, crawler and classifier operations: each class registers a group of typed operations on the
 * awsJson1_1 dispatcher, checks requests against the constraints of Glue's API model (a violation is a
 * ValidationException worded as AWS words them), resolves the caller's catalog and calls the catalog.
 *
 * <p>Where it knowingly differs from AWS: Glue's own validation paths sometimes name members differently
 * from the wire (e.g. {@code table.storageDescriptor...} for {@code tableInput}); Lakelet names them
 * after the request's members. Request fields for transactions, audit context, query-as-of time,
 * resource share types and attribute selection are accepted and ignored.
 */
package io.lakelet.glue.operations;
