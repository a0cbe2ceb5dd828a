package io.lakelet.kinesis.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A record as kept in the log: its counter (which with the shard index makes its sequence number), when
 * it arrived, its partition key, whether it was written to an encrypted stream, and its data.
 */
public record StoredRecord(int shardIndex, long counter, long arrivalMillis, String partitionKey,
                           boolean encrypted, byte[] data) {

    public String sequenceNumber() {
        return SequenceNumbers.format(counter, shardIndex);
    }

    /** The stored value: arrival, flags, key length and key, then the data. */
    byte[] encodeValue() {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + 1 + 2 + key.length + data.length)
                .putLong(arrivalMillis)
                .put((byte) (encrypted ? 1 : 0))
                .putShort((short) key.length)
                .put(key)
                .put(data)
                .array();
    }

    static StoredRecord decode(int shardIndex, long counter, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        long arrival = b.getLong();
        boolean encrypted = b.get() == 1;
        byte[] key = new byte[b.getShort() & 0xFFFF];
        b.get(key);
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new StoredRecord(shardIndex, counter, arrival, new String(key, StandardCharsets.UTF_8), encrypted, data);
    }

    /** The size AWS counts against limits: data plus partition key. */
    public int size() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
