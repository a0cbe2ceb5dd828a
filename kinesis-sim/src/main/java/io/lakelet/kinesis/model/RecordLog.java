package io.lakelet.kinesis.model;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of every shard, durable in RocksDB, laid out so that RocksDB never has to rewrite them.
 *
 * <p>Records are written in <em>generations</em>: a generation is what one memtable holds, and every key
 * starts with it: generation, account, region, stream, shard index, counter. When about
 * {@link #GENERATION_BYTES} have been written, the generation is sealed: the memtable is flushed and
 * later records take the next number. Each flushed file then holds keys greater than every file before
 * it, so compaction only moves files down the levels, and each record is written to disk once. With the
 * shard first (the layout before this one) every PutRecords call spread over every shard, every flushed
 * file overlapped every file below it, and compaction rewrote the shards' records two to three times;
 * at full producer speed it fell behind and RocksDB stalled the writers (docs/ARCHITECTURE.md).
 *
 * <p>A shard's records are found through its <em>segments</em>: for each generation it was written in,
 * the first counter written there, kept in {@code kinesis.segments} (account, region, stream, shard,
 * first counter; the value is the generation) and in memory. A read goes from segment to segment in
 * counter order. That order is the generation order because a put takes its generation
 * ({@link #startAppend()}) under the stream's lock, together with its counters, and a generation is only
 * sealed once every put that took it has been written: a later counter never lands in an earlier
 * generation.
 *
 * <p>Trimming forgets whole segments once their newest record has expired, and {@link #collect()} deletes
 * the files that hold only generations no segment names, without writing a deletion: a range deletion
 * would land among the old keys, and the flush carrying it would overlap every file since. Expired
 * records stay on disk until their segment, and every other segment in their files, has expired; reads
 * hide them (they skip records older than the retention period).
 *
 * <p>Stores written before generations existed kept records in {@code kinesis.records}, keyed shard
 * first; they are copied into generation 0 when the log opens, and the old keyspace is dropped.
 */
public final class RecordLog {
    private static final Logger LOG = LoggerFactory.getLogger(RecordLog.class);
    public static final String KEYSPACE = "kinesis.log.records";
    public static final String SEGMENTS = "kinesis.segments";
    /** The keyspace of the layout before generations, shard first. */
    static final String LEGACY_KEYSPACE = "kinesis.records";
    /**
     * Bytes (keys, values and the memtable's own cost per entry, estimated) after which a generation is
     * sealed: half the records memtable, so that RocksDB never flushes first on its own.
     */
    static final long GENERATION_BYTES = 64L << 20;
    private static final int ENTRY_OVERHEAD = 32;
    private static final int MIGRATION_BATCH = 10_000;

    private final Storage storage;
    private final Keyspace records;
    private final Keyspace segmentIndex;
    private final long generationBytes;
    /** Held (shared) from taking counters to writing; held alone to seal a generation. */
    private final ReentrantReadWriteLock generationLock = new ReentrantReadWriteLock();
    private final AtomicBoolean sealing = new AtomicBoolean();
    private final AtomicLong filled = new AtomicLong();
    private volatile long generation;
    private final Map<ShardRef, Segments> segments = new ConcurrentHashMap<>();

    public RecordLog(Storage storage) {
        this(storage, GENERATION_BYTES);
    }

    RecordLog(Storage storage, long generationBytes) {
        this.storage = storage;
        this.generationBytes = generationBytes;
        this.records = storage.keyspace(KEYSPACE);
        this.segmentIndex = storage.keyspace(SEGMENTS);
        if (storage.hasKeyspace(LEGACY_KEYSPACE)) {
            migrate();
        }
        // Records recovered from the write-ahead log are flushed at open: start above everything stored.
        long newest = -1;
        Scan.Entry last = records.last(new byte[0]);
        if (last != null) {
            newest = Keys.readLong(last.key(), 0);
        }
        for (long gen : namedGenerations()) {
            newest = Math.max(newest, gen);
        }
        this.generation = newest + 1;
    }

    /** The generations some segment names. */
    private TreeSet<Long> namedGenerations() {
        TreeSet<Long> named = new TreeSet<>();
        try (Scan scan = segmentIndex.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                named.add(Keys.readLong(e.value(), 0));
            }
        }
        return named;
    }

    /** The generation new records go to. */
    long generation() {
        return generation;
    }

    /**
     * Takes the generation for a batch of records. Call it under the stream's lock, before the batch's
     * counters are taken, and hand it to {@link #append(Append, StreamKey, List)} (or close it) on the
     * same thread.
     */
    public Append startAppend() {
        generationLock.readLock().lock();
        return new Append(generation);
    }

    /** A generation taken for one batch; closing it without appending gives it back. */
    public final class Append implements AutoCloseable {
        private final long generation;
        private boolean closed;

        private Append(long generation) {
            this.generation = generation;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                generationLock.readLock().unlock();
            }
        }
    }

    /** Writes records atomically: all of them are durable (per the sync policy) or none is. */
    public void append(StreamKey stream, List<StoredRecord> batch) {
        try (Append a = startAppend()) {
            append(a, stream, batch);
        }
    }

    /**
     * Writes records atomically in the generation of {@code a}, then gives it back; seals the generation
     * if this batch filled it.
     */
    public void append(Append a, StreamKey stream, List<StoredRecord> batch) {
        long bytes = 0;
        try {
            // One key prefix per shard for the whole batch: a batch of 500 spreads over a few shards.
            byte[][] prefixes = new byte[0][];
            List<Opened> opened = null;
            byte[] generationKey = generationKey(a.generation);
            try (Batch b = storage.batch()) {
                for (StoredRecord r : batch) {
                    int shard = r.shardIndex();
                    if (shard >= prefixes.length) {
                        prefixes = Arrays.copyOf(prefixes, shard + 1);
                    }
                    if (prefixes[shard] == null) {
                        byte[] shardPrefix = shardPrefix(stream, shard);
                        prefixes[shard] = inGeneration(a.generation, shardPrefix);
                        Segments s = segments(stream, shard);
                        if (!s.indexed(a.generation)) {
                            // Until a batch that names this segment is written, every batch names it.
                            b.put(segmentIndex, Keys.withLong(shardPrefix, r.counter()), generationKey);
                            if (opened == null) {
                                opened = new ArrayList<>();
                            }
                            opened.add(new Opened(s, r.counter()));
                        }
                    }
                    byte[] key = Keys.withLong(prefixes[shard], r.counter());
                    byte[] value = r.encodeValue();
                    b.put(records, key, value);
                    bytes += key.length + value.length + ENTRY_OVERHEAD;
                }
                b.commit();
            }
            if (opened != null) {
                for (Opened o : opened) {
                    o.segments().add(o.firstCounter(), a.generation);
                }
            }
        } finally {
            a.close();
        }
        if (filled.addAndGet(bytes) >= generationBytes) {
            seal(a.generation);
        }
    }

    /**
     * Moves to the next generation and flushes the memtable, with no put in between: the write lock waits
     * for the puts of this generation and holds back the next ones while the memtable is switched.
     */
    private void seal(long full) {
        if (!sealing.compareAndSet(false, true)) {
            return;
        }
        try {
            ReentrantReadWriteLock.WriteLock lock = generationLock.writeLock();
            lock.lock();
            try {
                if (generation != full) {
                    return;
                }
                generation = full + 1;
                filled.set(0);
                storage.flush(records, false);
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            // The records are written; a generation that shares a memtable with the next only costs a
            // compaction.
            LOG.warn("flushing Kinesis records at the end of generation {} failed: {}", full, e.getMessage());
        } finally {
            sealing.set(false);
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
        boolean beyondVisible = false;
        try (ShardScan scan = new ShardScan(stream, shard, fromCounter)) {
            while (scan.hasNext() && out.size() < limit) {
                Scan.Entry e = scan.next();
                long counter = scan.counter(e);
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
        try (ShardScan scan = new ShardScan(stream, shard, Long.MIN_VALUE)) {
            while (scan.hasNext()) {
                Scan.Entry e = scan.next();
                if (arrival(e.value()) >= millis) {
                    return scan.counter(e);
                }
            }
        }
        return -1;
    }

    /** The newest record of a shard, or null. */
    public StoredRecord newest(StreamKey stream, int shard) {
        byte[] shardPrefix = shardPrefix(stream, shard);
        long[] gens = segments(stream, shard).all();
        for (int i = gens.length - 1; i >= 0; i--) {
            byte[] prefix = inGeneration(gens[i], shardPrefix);
            Scan.Entry e = records.last(prefix);
            if (e != null) {
                return StoredRecord.decode(shard, Keys.readLong(e.key(), prefix.length), e.value());
            }
        }
        return null;
    }

    /**
     * Forgets the shard's segments whose records all arrived before {@code millis}, oldest first, up to the
     * first that holds a newer record; the segment of the generation being written stays. Returns how
     * many were forgotten. Their records go with their files ({@link #collect()}).
     */
    public int trim(StreamKey stream, int shard, long millis) {
        byte[] shardPrefix = shardPrefix(stream, shard);
        Segments s = segments(stream, shard);
        long current = generation;
        int dropped = 0;
        for (long gen : s.all()) {
            if (gen >= current) {
                break;
            }
            Scan.Entry newest = records.last(inGeneration(gen, shardPrefix));
            if (newest != null && arrival(newest.value()) >= millis) {
                break;
            }
            try (Batch b = storage.batch()) {
                for (long first : s.firstCounters(gen)) {
                    b.delete(segmentIndex, Keys.withLong(shardPrefix, first));
                }
                b.commit();
            }
            s.remove(gen);
            dropped++;
        }
        return dropped;
    }

    /**
     * Deletes the files whose records are all in generations that no segment names any more (trimmed, or
     * of deleted streams), before the one being written; returns how many ranges of such generations
     * there were. Nothing can read or write those generations again, so no deletion need be written.
     */
    public int collect() {
        long current = generation;
        TreeSet<Long> named = namedGenerations();
        named.add(current);
        List<byte[]> ranges = new ArrayList<>();
        long from = 0;
        for (long gen : named.headSet(current, true)) {
            if (gen > from) {
                ranges.add(generationKey(from));
                ranges.add(generationKey(gen));
            }
            from = gen + 1;
        }
        if (!ranges.isEmpty()) {
            storage.deleteFiles(records, ranges);
        }
        return ranges.size() / 2;
    }

    /**
     * Deletes a stream's records: its segments are forgotten, so its records in sealed generations go
     * with their files ({@link #collect()}), and those of the generation being written, where a stream of
     * the same name could write again, are deleted at once.
     */
    public void deleteStream(StreamKey stream) {
        byte[] streamPrefix = streamPrefix(stream);
        try (Append a = startAppend(); Batch b = storage.batch()) {
            b.deletePrefix(records, inGeneration(a.generation, streamPrefix));
            b.deletePrefix(segmentIndex, streamPrefix);
            b.commit();
        }
        segments.keySet().removeIf(ref -> ref.stream().equals(stream));
    }

    /** Forgets what is cached of the segments: the store was cleared. */
    public void reset() {
        segments.clear();
    }

    /**
     * One shard's records from a counter on, in counter order, going from one generation's segment to
     * the next.
     */
    private final class ShardScan implements AutoCloseable {
        private final byte[] shardPrefix;
        private final long[] gens;
        private final long from;
        private int next;
        private Scan scan;

        ShardScan(StreamKey stream, int shard, long from) {
            this.shardPrefix = shardPrefix(stream, shard);
            this.gens = segments(stream, shard).from(from);
            this.from = from;
        }

        boolean hasNext() {
            while (scan == null || !scan.hasNext()) {
                if (scan != null) {
                    scan.close();
                    scan = null;
                }
                if (next == gens.length) {
                    return false;
                }
                byte[] prefix = inGeneration(gens[next++], shardPrefix);
                scan = records.scanFrom(prefix, Keys.withLong(prefix, from));
            }
            return true;
        }

        Scan.Entry next() {
            return scan.next();
        }

        long counter(Scan.Entry e) {
            return Keys.readLong(e.key(), Long.BYTES + shardPrefix.length);
        }

        @Override
        public void close() {
            if (scan != null) {
                scan.close();
            }
        }
    }

    /** The generations that hold one shard's records, by the first counter written to each. */
    private static final class Segments {
        private final TreeMap<Long, Long> byFirstCounter = new TreeMap<>();
        /** The newest generation whose segment is named in a written batch. */
        private long indexed = -1;

        /** Generations only grow, so the newest segment named is the only one a put can be writing. */
        synchronized boolean indexed(long gen) {
            return indexed == gen;
        }

        synchronized void add(long firstCounter, long gen) {
            byFirstCounter.put(firstCounter, gen);
            indexed = Math.max(indexed, gen);
        }

        /** The generations, in order, that hold the records from {@code counter} on. */
        synchronized long[] from(long counter) {
            Long start = byFirstCounter.floorKey(counter);
            return distinct(start == null ? byFirstCounter : byFirstCounter.tailMap(start, true));
        }

        synchronized long[] all() {
            return distinct(byFirstCounter);
        }

        synchronized List<Long> firstCounters(long gen) {
            List<Long> out = new ArrayList<>();
            byFirstCounter.forEach((first, g) -> {
                if (g == gen) {
                    out.add(first);
                }
            });
            return out;
        }

        synchronized void remove(long gen) {
            byFirstCounter.values().removeIf(g -> g == gen);
        }

        /** Two batches that started the same segment at once both named it: the same generation twice. */
        private static long[] distinct(Map<Long, Long> entries) {
            long[] out = new long[entries.size()];
            int n = 0;
            for (long gen : entries.values()) {
                if (n == 0 || out[n - 1] != gen) {
                    out[n++] = gen;
                }
            }
            return Arrays.copyOf(out, n);
        }
    }

    private record ShardRef(StreamKey stream, int shard) {
    }

    /** A segment a batch names, and the first counter the batch writes to it. */
    private record Opened(Segments segments, long firstCounter) {
    }

    private Segments segments(StreamKey stream, int shard) {
        return segments.computeIfAbsent(new ShardRef(stream, shard), ref -> {
            Segments s = new Segments();
            byte[] prefix = shardPrefix(stream, shard);
            try (Scan scan = segmentIndex.scan(prefix)) {
                for (Scan.Entry e : scan) {
                    s.add(Keys.readLong(e.key(), prefix.length), Keys.readLong(e.value(), 0));
                }
            }
            return s;
        });
    }

    /**
     * Copies the records of the layout before generations into generation 0, in key order (so the copies
     * go to disk as sorted, non-overlapping files), with one segment per shard, then drops the old
     * keyspace. The copy is written to disk first; one interrupted is simply done again at the next open.
     */
    private void migrate() {
        Keyspace legacy = storage.keyspace(LEGACY_KEYSPACE);
        byte[] generationKey = generationKey(0);
        long copied = 0;
        byte[] shard = null;
        Batch b = storage.batch();
        try (Scan scan = legacy.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                // The old key is the shard's key prefix and the counter; a segment key has the same form.
                byte[] key = e.key();
                if (shard == null || !Keys.startsWith(key, shard) || key.length != shard.length + Long.BYTES) {
                    shard = Arrays.copyOf(key, key.length - Long.BYTES);
                    b.put(segmentIndex, key, generationKey);
                }
                b.put(records, inGeneration(0, key), e.value());
                if (++copied % MIGRATION_BATCH == 0) {
                    b.commit();
                    b.close();
                    b = storage.batch();
                }
            }
            b.commit();
        } finally {
            b.close();
        }
        storage.flush(records, true);
        storage.flush(segmentIndex, true);
        storage.dropKeyspace(LEGACY_KEYSPACE);
        LOG.info("moved {} Kinesis records to the generation layout ({})", copied, KEYSPACE);
    }

    private static long arrival(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    private static byte[] generationKey(long gen) {
        return Keys.builder().add(gen).build();
    }

    /** A key or key prefix in a generation: the generation, then {@code rest}. */
    private static byte[] inGeneration(long gen, byte[] rest) {
        return concat(generationKey(gen), rest);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] streamPrefix(StreamKey stream) {
        return Keys.scoped(stream.account(), stream.region()).add(stream.name()).build();
    }

    private static byte[] shardPrefix(StreamKey stream, int shard) {
        return Keys.scoped(stream.account(), stream.region()).add(stream.name()).add(shard).build();
    }
}
