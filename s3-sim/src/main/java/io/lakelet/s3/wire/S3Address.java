package io.lakelet.s3.wire;

import io.lakelet.core.http.Request;
import io.lakelet.core.routing.Router;

/**
 * The bucket and key a request addresses: from a virtual-hosted Host ({@code bucket.localhost:4566},
 * {@code bucket.s3.<anything>}) or from the path ({@code /bucket/key}). Either may be null: the service
 * root has neither, a bucket request has no key. The key is percent-decoded; an empty key is null.
 */
public record S3Address(String bucket, String key, boolean virtualHosted) {

    public static S3Address of(Request request) {
        String path = request.rawPath();
        String hostBucket = Router.virtualHostedBucket(request.header("Host"));
        if (hostBucket != null && !hostBucket.isEmpty()) {
            String rawKey = path.startsWith("/") ? path.substring(1) : path;
            return new S3Address(hostBucket, rawKey.isEmpty() ? null : Request.decodePath(rawKey), true);
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty()) {
            return new S3Address(null, null, false);
        }
        int slash = p.indexOf('/');
        if (slash < 0) {
            return new S3Address(Request.decodePath(p), null, false);
        }
        String rawKey = p.substring(slash + 1);
        return new S3Address(Request.decodePath(p.substring(0, slash)), rawKey.isEmpty() ? null : Request.decodePath(rawKey),
                false);
    }

    /** The resource as S3 names it in errors: {@code /bucket/key}. */
    public String resource() {
        if (bucket == null) {
            return "/";
        }
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
