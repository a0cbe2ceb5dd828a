package io.lakelet.core.ports;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object store as other services see it (Firehose writes objects, crawlers list and read them,
 * Athena reads tables and writes results). s3-sim provides it; no module imports s3-sim. Every call is
 * scoped to an account (buckets belong to accounts) and behaves as the S3 API does: a write is atomic
 * and visible whole or not at all, and reads stream so objects of any size can pass through.
 */
public interface ObjectStore {

    /** What a listing or a head returns about one object. */
    record ObjectInfo(String bucket, String key, long size, String etag, Instant lastModified,
                      String contentType, Map<String, String> userMetadata) {
    }

    /** One page of a listing: objects, common prefixes (when a delimiter was given), and where to go on. */
    record Listing(List<ObjectInfo> objects, List<String> commonPrefixes, String nextStartAfter) {
        public boolean truncated() {
            return nextStartAfter != null;
        }
    }

    boolean bucketExists(String account, String bucket);

    /** Creates the bucket if it does not exist (for services that create their own, like Athena results). */
    void ensureBucket(String account, String region, String bucket);

    /**
     * Stores an object from a stream of {@code length} bytes (-1 if unknown), replacing any object of
     * that key atomically. Fails with an {@link io.lakelet.core.error.AwsException} NoSuchBucket when the
     * bucket does not exist.
     */
    ObjectInfo put(String account, String bucket, String key, InputStream data, long length, String contentType,
                   Map<String, String> userMetadata);

    Optional<ObjectInfo> head(String account, String bucket, String key);

    /** The bytes of {@code [offset, offset + length)} of an object (length -1: to the end). Close the stream. */
    InputStream read(String account, String bucket, String key, long offset, long length);

    /**
     * Lists keys that start with {@code prefix} and come after {@code startAfter} (null: from the start),
     * rolling keys up to the first {@code delimiter} after the prefix into common prefixes (null: no roll-up).
     */
    Listing list(String account, String bucket, String prefix, String delimiter, String startAfter, int maxKeys);

    /** Deletes an object; deleting a missing key is not an error, as in S3. */
    void delete(String account, String bucket, String key);
}
