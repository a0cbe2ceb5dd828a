package io.lakelet.core.storage;

import io.lakelet.core.protocol.ByteSink;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.shape.SdkShapes;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Stored values that are SDK model objects, written as the JSON documents the service itself sends, so
 * what is stored is exactly what a Get answers and no second schema has to be kept in step with it.
 */
public final class StoredSdk {
    private StoredSdk() {
    }

    public static byte[] write(SdkPojo value) {
        ByteSink sink = new ByteSink(256);
        JsonCodec.JSON.write(sink, value, SdkShapes.of(value.getClass()));
        return Arrays.copyOf(sink.buffer(), sink.size());
    }

    public static <T extends SdkPojo> T read(byte[] bytes, Class<T> type) {
        Object value = JsonCodec.JSON.read(new ByteArrayInputStream(bytes), SdkShapes.of(type));
        return type.cast(value);
    }
}
