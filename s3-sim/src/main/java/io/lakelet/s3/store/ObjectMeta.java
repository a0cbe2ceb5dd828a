package io.lakelet.s3.store;

import java.util.List;
import java.util.Map;

/**
 * What S3 keeps about one object version besides its bytes. The bytes live in {@link #segments}; a
 * delete marker has none.
 *
 * @param checksums base64 checksums by algorithm name ({@code CRC32}); values of multipart objects end in
 *                  {@code -N} when composite
 * @param checksumType {@code FULL_OBJECT} or {@code COMPOSITE}, or null when no checksum is kept
 * @param partSizes sizes of the parts of a multipart object, in order (empty for single-part objects)
 */
public record ObjectMeta(String bucket, String key, String versionId, boolean deleteMarker, long size,
                         String etag, long lastModified, Map<String, String> headers,
                         Map<String, String> userMetadata, Map<String, String> checksums, String checksumType,
                         List<Segment> segments, List<Long> partSizes, String storageClass,
                         Map<String, String> tags) {

    public ObjectMeta {
        headers = Ordered.copy(headers);
        userMetadata = Ordered.copy(userMetadata);
        checksums = Ordered.copy(checksums);
        segments = segments == null ? List.of() : List.copyOf(segments);
        partSizes = partSizes == null ? List.of() : List.copyOf(partSizes);
        tags = Ordered.copy(tags);
        storageClass = storageClass == null ? "STANDARD" : storageClass;
    }

    public boolean multipart() {
        return !partSizes.isEmpty();
    }

    public ObjectMeta withVersionId(String id) {
        return new ObjectMeta(bucket, key, id, deleteMarker, size, etag, lastModified, headers, userMetadata,
                checksums, checksumType, segments, partSizes, storageClass, tags);
    }

    /** A delete marker for {@code key} with the given version id. */
    public static ObjectMeta deleteMarker(String bucket, String key, String versionId, long time) {
        return new ObjectMeta(bucket, key, versionId, true, 0, null, time, null, null, null, null, null, null, null,
                null);
    }

    public ObjectMeta withTags(Map<String, String> newTags) {
        return new ObjectMeta(bucket, key, versionId, deleteMarker, size, etag, lastModified, headers, userMetadata,
                checksums, checksumType, segments, partSizes, storageClass, newTags);
    }
}
