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
 * expiration (current and noncurrent versions, expired delete markers) and the abort of incomplete
 * uploads, selected by prefix, tags and size, checked every {@code LAKELET_S3_LIFECYCLE_INTERVAL_MS} (one
 * minute); transitions are refused, objects having one storage class here;
 * notification configurations naming SQS, SNS or Lambda destinations are refused as S3 refuses a
 * destination it cannot reach (Lakelet runs none of them; its own services subscribe to the core event
 * bus), EventBridge ones are stored.
 */
package io.lakelet.s3;
