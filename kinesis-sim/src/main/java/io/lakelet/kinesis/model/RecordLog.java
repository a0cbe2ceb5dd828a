package io.lakelet.kinesis.model;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of every shard, durable in RocksDB. Keys are account, region, stream, shard index and
 * counter, so a shard's records lie together in sequence-number order and a read is one range scan.
 */
public final class RecordLog {
    public static final String KEYSPACE = "kinesis.records";

    private final Storage storage;
    private final Keyspace records;

    public RecordLog(Storage storage) {
        this.storage = storage;
        this.records = storage.keyspace(KEYSPACE);
    }

    /** Writes records atomically: all of them are durable (per the sync policy) or none is. */
    public void append(StreamKey stream, List<StoredRecord> batch) {
        // One prefix per shard for the whole batch: a batch of 500 spreads over a few shards.
        byte[][] prefixes = new byte[0][];
        try (Batch b = storage.batch()) {
            for (StoredRecord r : batch) {
                int shard = r.shardIndex();
                if (shard >= prefixes.length) {
                    prefixes = java.util.Arrays.copyOf(prefixes, shard + 1);
                }
                if (prefixes[shard] == null) {
                    prefixes[shard] = shardPrefix(stream, shard);
                }
                b.put(records, Keys.withLong(prefixes[shard], r.counter()), r.encodeValue());
            }
            b.commit();
        }
    }

    /**
     * A page of one shard's records from {@code fromCounter} up to {@code visible} (see {@link Publication}),
     * skipping records that arrived before {@code minArrival}.
     */
    public Page read(StreamKey stream, int shard, long fromCounter, long visible, long minArrival, int limit,
                     long maxBytes) {
        List<StoredRecord> out = new ArrayList<>();
        long bytes = 0;
        long lastSeen = -1;
        boolean cut = false;
        byte[] prefix = shardPrefix(stream, shard);
        boolean beyondVisible = false;
        try (Scan scan = records.scanFrom(prefix, key(stream, shard, fromCounter))) {
            while (scan.hasNext() && out.size() < limit) {
                Scan.Entry e = scan.next();
                long counter = Keys.readLong(e.key(), prefix.length);
                if (counter > visible) {
                    beyondVisible = true;
                    break;
                }
                StoredRecord r = StoredRecord.decode(shard, counter, e.value());
                lastSeen = r.counter();
                if (r.arrivalMillis() < minArrival) {
                    continue;
                }
                if (!out.isEmpty() && bytes + r.size() > maxBytes) {
                    lastSeen = r.counter() - 1;
                    cut = true;
                    break;
                }
                bytes += r.size();
                out.add(r);
            }
            return new Page(out, lastSeen, !cut && (beyondVisible || !scan.hasNext()));
        }
    }

    /**
     * Records read, the greatest counter looked at (trimmed records included; -1 if none), and whether
     * the scan reached the newest visible record of the shard.
     */
    public record Page(List<StoredRecord> records, long lastCounter, boolean reachedEnd) {
    }

    /** The counter of the first record of a shard that arrived at or after {@code millis}, or -1. */
    public long firstArrivedAtOrAfter(StreamKey stream, int shard, long millis) {
        byte[] prefix = shardPrefix(stream, shard);
        try (Scan scan = records.scan(prefix)) {
            for (Scan.Entry e : scan) {
                StoredRecord r = StoredRecord.decode(shard, Keys.readLong(e.key(), prefix.length), e.value());
                if (r.arrivalMillis() >= millis) {
                    return r.counter();
                }
            }
        }
        return -1;
    }

    /** The newest record of a shard, or null. */
    public StoredRecord newest(StreamKey stream, int shard) {
        byte[] prefix = shardPrefix(stream, shard);
        Scan.Entry e = records.last(prefix);
        return e == null ? null : StoredRecord.decode(shard, Keys.readLong(e.key(), prefix.length), e.value());
    }

    /** Deletes a shard's records that arrived before {@code millis}; returns how many. */
    public int trim(StreamKey stream, int shard, long millis) {
        byte[] prefix = shardPrefix(stream, shard);
        int deleted = 0;
        try (Scan scan = records.scan(prefix); Batch b = storage.batch()) {
            for (Scan.Entry e : scan) {
                if (StoredRecord.decode(shard, 0, e.value()).arrivalMillis() >= millis) {
                    break;
                }
                b.delete(records, e.key());
                deleted++;
            }
            b.commit();
        }
        return deleted;
    }

    public void deleteStream(StreamKey stream) {
        records.deletePrefix(Keys.scoped(stream.account(), stream.region()).add(stream.name()).build());
    }

    private static byte[] shardPrefix(StreamKey stream, int shard) {
        return Keys.scoped(stream.account(), stream.region()).add(stream.name()).add(shard).build();
    }

    private static byte[] key(StreamKey stream, int shard, long counter) {
        return Keys.scoped(stream.account(), stream.region()).add(stream.name()).add(shard).add(counter).build();
    }
}
