package io.lakelet.s3.store;

import java.util.Map;

/** A multipart upload in progress: what CreateMultipartUpload said the object will be. */
public record UploadMeta(String bucket, String key, String uploadId, long initiated, Map<String, String> headers,
                         Map<String, String> userMetadata, String checksumAlgorithm, String checksumType,
                         String storageClass, Map<String, String> tags) {

    public UploadMeta {
        headers = Ordered.copy(headers);
        userMetadata = Ordered.copy(userMetadata);
        tags = Ordered.copy(tags);
    }
}
