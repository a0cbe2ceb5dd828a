package io.lakelet.core.storage;

import java.nio.ByteBuffer;

/**
 * Keys copied into a per-thread direct buffer, for RocksDB's ByteBuffer reads (which want direct memory
 * for the key as well as the value). Keys are small; the buffer grows if one is not.
 */
final class DirectKeys {
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1024));

    private DirectKeys() {
    }

    /** The key in direct memory, valid until this thread's next call. */
    static ByteBuffer of(byte[] key) {
        ByteBuffer b = BUFFER.get();
        if (b.capacity() < key.length) {
            b = ByteBuffer.allocateDirect(Integer.highestOneBit(key.length) << 1);
            BUFFER.set(b);
        }
        b.clear();
        b.put(key).flip();
        return b;
    }
}
