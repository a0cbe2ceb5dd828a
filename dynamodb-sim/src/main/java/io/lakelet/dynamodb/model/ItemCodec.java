package io.lakelet.dynamodb.model;

import io.lakelet.core.protocol.ByteSink;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.shape.SdkShapes;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stored forms: an item is its DynamoDB JSON, and so is any SDK model object kept in the store. */
public final class ItemCodec {
    /** The shape of an item: a map of names to attribute values. */
    public static final Shape ITEM = new Shape.Collection(ShapeKind.MAP, SdkShapes.of(AttributeValue.class), false);

    private ItemCodec() {
    }

    public static byte[] encode(Map<String, AttributeValue> item) {
        ByteSink sink = new ByteSink(256);
        JsonCodec.JSON.write(sink, item, ITEM);
        return Arrays.copyOf(sink.buffer(), sink.size());
    }

    @SuppressWarnings("unchecked")
    public static Map<String, AttributeValue> decode(byte[] bytes) {
        Map<String, Object> raw = (Map<String, Object>) JsonCodec.JSON.read(new ByteArrayInputStream(bytes), ITEM);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        raw.forEach((k, v) -> item.put(k, (AttributeValue) v));
        return item;
    }

    public static byte[] encodePojo(SdkPojo pojo) {
        ByteSink sink = new ByteSink(512);
        JsonCodec.JSON.writeStructure(sink, pojo, SdkShapes.of(pojo.getClass()));
        return Arrays.copyOf(sink.buffer(), sink.size());
    }

    @SuppressWarnings("unchecked")
    public static <T extends SdkPojo> T decodePojo(byte[] bytes, Class<T> type) {
        return (T) JsonCodec.JSON.read(new ByteArrayInputStream(bytes), SdkShapes.of(type));
    }
}
