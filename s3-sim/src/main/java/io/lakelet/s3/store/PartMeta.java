package io.lakelet.s3.store;

import java.util.Map;

/** One uploaded part: its bytes, size, MD5 ETag and the checksums computed for it (base64 by algorithm). */
public record PartMeta(int partNumber, String etag, long size, long lastModified, Segment segment,
                       Map<String, String> checksums) {

    public PartMeta {
        checksums = Ordered.copy(checksums);
    }
}
