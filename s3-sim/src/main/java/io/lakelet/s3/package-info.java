/**
 * S3 for Lakelet: the service module, its HTTP edge and the routing table of S3's REST API (path-style
 * and virtual-hosted addressing). Layers, as in Adobe S3Mock: {@code wire} (XML, headers, body framing),
 * {@code operations} (one handler per S3 operation), {@code service} (the object model without HTTP),
 * {@code store} (RocksDB keyspaces).
 *
 * <p>Known differences from AWS: signatures (headers, chunk signatures, presigned URLs) are not verified,
 * only the expiry of presigned URLs; requests from another account reach a bucket as if allowed (bucket
 * policies are stored, never enforced); ACLs are always "owner has FULL_CONTROL"; website, replication,
 * encryption, object lock, logging and other sub-resources answer NotImplemented; lifecycle rules apply
 * expiration by prefix and the abort of incomplete uploads, checked every
 * {@code LAKELET_S3_LIFECYCLE_INTERVAL_MS} (one minute), but not transitions, tag or size filters;
 * notification configurations are stored but deliver nothing (services in Lakelet subscribe to the
 * core event bus instead); ListMultipartUploads and ListParts answer in one page.
 */
package io.lakelet.s3;
