package io.lakelet.s3.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** How stored records become bytes: JSON, tolerant of fields added later. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Slots of the memo of {@link #readMemo}: a power of two, at most a few MiB of small records. */
    private static final int MEMO_SLOTS = 1024;
    private static final AtomicReferenceArray<Memo> MEMO = new AtomicReferenceArray<>(MEMO_SLOTS);

    /** A stored value and the immutable record decoded from it. */
    private record Memo(byte[] bytes, int hash, Class<?> type, Object value) {
    }

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like {@link #read}, for immutable records read again and again (a bucket, an object's metadata): the
     * same stored bytes give the same record, so the last few hundred decodings are remembered by their
     * bytes in a direct-mapped table. A hit costs a hash and a comparison of the bytes instead of a
     * Jackson decoding (most of a small GET's service time); a changed record has new bytes and misses.
     * Only for types whose instances cannot be changed.
     */
    static <T> T readMemo(byte[] bytes, Class<T> type) {
        int hash = Arrays.hashCode(bytes) * 31 + type.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (MEMO_SLOTS - 1);
        Memo m = MEMO.get(slot);
        if (m != null && m.hash() == hash && m.type() == type && Arrays.equals(m.bytes(), bytes)) {
            return type.cast(m.value());
        }
        T value = read(bytes, type);
        MEMO.set(slot, new Memo(bytes, hash, type, value));
        return value;
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
