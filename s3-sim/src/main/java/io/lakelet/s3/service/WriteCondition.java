package io.lakelet.s3.service;

import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.store.ObjectMeta;
import java.util.Optional;

/**
 * A conditional write ({@code If-None-Match: *}, {@code If-Match: etag}), checked under the key's lock
 * at commit time, so two writers racing for the same key cannot both succeed.
 */
public record WriteCondition(boolean ifNoneMatchAny, String ifMatch) {
    public static final WriteCondition NONE = new WriteCondition(false, null);

    /** The condition of a request's headers; {@code If-None-Match} other than {@code *} is not supported by S3 writes. */
    public static WriteCondition of(String ifNoneMatch, String ifMatch) {
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw S3Errors.notImplemented("If-None-Match");
        }
        return new WriteCondition(ifNoneMatch != null, ifMatch);
    }

    void check(Optional<ObjectMeta> current, String key) {
        if (ifNoneMatchAny && current.isPresent()) {
            throw S3Errors.preconditionFailed("If-None-Match");
        }
        if (ifMatch != null) {
            ObjectMeta m = current.orElseThrow(() -> S3Errors.noSuchKey(key));
            if (!ObjectService.unquote(ifMatch.trim()).equals(ObjectService.unquote(m.etag()))) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
    }
}
