package io.lakelet.core.events;

import java.time.Instant;

/**
 * An object was created or removed in the object store, as S3 event notifications describe it.
 *
 * @param eventName S3's event name, e.g. {@code ObjectCreated:Put}, {@code ObjectRemoved:Delete}
 */
public record ObjectEvent(String account, String region, String bucket, String key, long size, String etag,
                          String eventName, Instant time) {

    public boolean created() {
        return eventName.startsWith("ObjectCreated");
    }
}
