package io.lakelet.s3.operations;

import io.lakelet.core.http.Request;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.wire.HttpDates;
import java.time.Instant;
import java.util.List;

/** The source of a copy: {@code [/]bucket/key[?versionId=...]}, percent-encoded. */
record CopySource(String bucket, String key, String versionId) {
    static CopySource parse(String header) {
        if (header == null || header.isBlank()) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key:"
                    + " sourcebucket/sourcekey", "x-amz-copy-source", header);
        }
        String h = header.trim();
        String version = null;
        int q = h.indexOf('?');
        if (q >= 0) {
            version = Request.parseQuery(h.substring(q + 1)).getOrDefault("versionId", List.of()).stream()
                    .findFirst().orElse(null);
            h = h.substring(0, q);
        }
        String decoded = Request.decodePath(h);
        if (decoded.startsWith("/")) {
            decoded = decoded.substring(1);
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key:"
                    + " sourcebucket/sourcekey", "x-amz-copy-source", header);
        }
        return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), version);
    }

    /** The x-amz-copy-source-if-* conditions: all failures are 412 for copies. */
    static void checkConditions(S3Call call, ObjectMeta src) {
        String ifMatch = call.header("x-amz-copy-source-if-match");
        String ifNoneMatch = call.header("x-amz-copy-source-if-none-match");
        Instant modified = HttpDates.seconds(src.lastModified());
        if (ifMatch != null && !ObjectReadOperations.etagMatches(ifMatch, src.etag())) {
            throw S3Errors.preconditionFailed("x-amz-copy-source-If-Match");
        }
        Instant unmodified = HttpDates.parse(call.header("x-amz-copy-source-if-unmodified-since"));
        if (ifMatch == null && unmodified != null && modified.isAfter(unmodified)) {
            throw S3Errors.preconditionFailed("x-amz-copy-source-If-Unmodified-Since");
        }
        if (ifNoneMatch != null && ObjectReadOperations.etagMatches(ifNoneMatch, src.etag())) {
            throw S3Errors.preconditionFailed("x-amz-copy-source-If-None-Match");
        }
        Instant since = HttpDates.parse(call.header("x-amz-copy-source-if-modified-since"));
        if (ifNoneMatch == null && since != null && !modified.isAfter(since)) {
            throw S3Errors.preconditionFailed("x-amz-copy-source-If-Modified-Since");
        }
    }
}
