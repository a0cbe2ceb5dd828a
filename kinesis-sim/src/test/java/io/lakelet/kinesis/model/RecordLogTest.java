package io.lakelet.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Storage;
import io.lakelet.core.storage.SyncPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RecordLogTest {
    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "s");
    /** About fifteen 1 KiB records a generation, so a few hundred records span many. */
    private static final long GENERATION = 16 << 10;

    @TempDir
    Path dir;
    private Storage storage;
    private RecordLog log;

    @BeforeEach
    void open() {
        storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000);
        log = new RecordLog(storage, GENERATION);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private void reopen() {
        storage.close();
        open();
    }

    private static StoredRecord record(int shard, long counter, long arrival) {
        return new StoredRecord(shard, counter, arrival, "pk", false, new byte[] {(byte) counter});
    }

    private static StoredRecord kib(int shard, long counter) {
        byte[] data = new byte[1024];
        Arrays.fill(data, (byte) counter);
        return new StoredRecord(shard, counter, counter, "pk" + counter, false, data);
    }

    /** Batches of 20 records of 1 KiB over 4 shards, as PutRecords spreads them; returns counters by shard. */
    private Map<Integer, List<Long>> givenRecordsOverManyGenerations(int count) {
        Map<Integer, List<Long>> byShard = new TreeMap<>();
        Random random = new Random(7);
        List<StoredRecord> batch = new ArrayList<>();
        for (long counter = 1; counter <= count; counter++) {
            int shard = random.nextInt(4);
            batch.add(kib(shard, counter));
            byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(counter);
            if (batch.size() == 20 || counter == count) {
                log.append(STREAM, batch);
                batch = new ArrayList<>();
            }
        }
        return byShard;
    }

    /** Every record of a shard, read in pages of {@code limit} as GetRecords follows its iterator. */
    private List<Long> readAll(int shard, long from, int limit) {
        List<Long> counters = new ArrayList<>();
        while (true) {
            RecordLog.Page page = log.read(STREAM, shard, from, Long.MAX_VALUE, 0, limit, Long.MAX_VALUE);
            page.records().forEach(r -> counters.add(r.counter()));
            for (StoredRecord r : page.records()) {
                assertThat(r.data()).as("record %d", r.counter()).containsOnly((byte) r.counter());
            }
            if (page.reachedEnd()) {
                return counters;
            }
            assertThat(page.records()).as("a page short of the end is full").hasSize(limit);
            from = page.lastCounter() + 1;
        }
    }

    @Test
    void aShardIsReadAcrossGenerationsInCounterOrderFromAnyPoint() {
        Map<Integer, List<Long>> written = givenRecordsOverManyGenerations(400);

        assertThat(log.generation()).as("generations sealed").isGreaterThan(10);
        written.forEach((shard, counters) -> {
            assertThat(readAll(shard, 0, 7)).as("shard %d in pages of 7", shard).isEqualTo(counters);
            assertThat(readAll(shard, 0, 10_000)).as("shard %d at once", shard).isEqualTo(counters);
            long middle = counters.get(counters.size() / 2);
            assertThat(readAll(shard, middle, 3)).as("shard %d from %d", shard, middle)
                    .isEqualTo(counters.subList(counters.size() / 2, counters.size()));
            assertThat(log.newest(STREAM, shard).counter()).isEqualTo(counters.get(counters.size() - 1));
            assertThat(log.firstArrivedAtOrAfter(STREAM, shard, middle)).isEqualTo(middle);
        });
    }

    @Test
    void eachSealedGenerationIsWrittenToFilesThatOverlapNoOther() throws Exception {
        givenRecordsOverManyGenerations(400);
        long generations = log.generation();
        storage.close();

        List<LiveFileMetaData> files = recordFiles();

        // A flush takes every sealed memtable waiting, so a file may hold a few generations; files that
        // overlapped would have been compacted into fewer.
        assertThat(files).as("files of %d generations", generations).hasSizeGreaterThan(3);
        files.sort(Comparator.comparing(LiveFileMetaData::smallestKey, Arrays::compareUnsigned));
        for (int i = 1; i < files.size(); i++) {
            assertThat(Arrays.compareUnsigned(files.get(i - 1).largestKey(), files.get(i).smallestKey()))
                    .as("file %s ends before %s starts", files.get(i - 1).fileName(), files.get(i).fileName())
                    .isNegative();
        }
        storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000);
        log = new RecordLog(storage, GENERATION);
    }

    private List<LiveFileMetaData> recordFiles() throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (RocksDB db = RocksDB.openReadOnly(dir.toString(), descriptors, handles)) {
            List<LiveFileMetaData> out = new ArrayList<>();
            for (LiveFileMetaData f : db.getLiveFilesMetaData()) {
                if (new String(f.columnFamilyName(), StandardCharsets.UTF_8).equals(RecordLog.KEYSPACE)) {
                    out.add(f);
                }
            }
            return out;
        } finally {
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Test
    void putsThatTakeTheirCountersUnderTheStreamLockLoseNothingWhileGenerationsAreSealed() throws Exception {
        Object streamLock = new Object();
        long[] next = {1};
        Map<Integer, List<Long>> taken = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                puts.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < 150; i++) {
                        List<StoredRecord> batch = new ArrayList<>();
                        RecordLog.Append append;
                        synchronized (streamLock) {
                            append = log.startAppend();
                            for (int n = random.nextInt(3) + 1; n > 0; n--) {
                                int shard = random.nextInt(2);
                                long counter = next[0]++;
                                batch.add(kib(shard, counter));
                                taken.computeIfAbsent(shard, s -> new ArrayList<>()).add(counter);
                            }
                        }
                        log.append(append, STREAM, batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : puts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(log.generation()).as("generations sealed").isGreaterThan(10);
        for (int shard : taken.keySet()) {
            assertThat(readAll(shard, 0, 10)).as("shard %d", shard).isEqualTo(taken.get(shard));
        }
        reopen();
        for (int shard : taken.keySet()) {
            assertThat(readAll(shard, 0, 10)).as("shard %d after a restart", shard).isEqualTo(taken.get(shard));
        }
    }

    @Test
    void aRestartKeepsEveryRecordAndWritesToANewGeneration() {
        log.append(STREAM, LongStream.rangeClosed(1, 5).mapToObj(c -> record(0, c, c)).toList());
        long before = log.generation();

        reopen();
        log.append(STREAM, LongStream.rangeClosed(6, 8).mapToObj(c -> record(0, c, c)).toList());

        assertThat(log.generation()).isGreaterThan(before);
        assertThat(readAll(0, 0, 2)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        reopen();
        assertThat(readAll(0, 4, 100)).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(log.newest(STREAM, 0).counter()).isEqualTo(8);
    }

    @Test
    void aBatchWrittenBeforeTheBatchThatStartedItsSegmentIsFoundAfterARestart() {
        RecordLog.Append first = log.startAppend();
        RecordLog.Append second = log.startAppend();
        log.append(second, STREAM, LongStream.rangeClosed(6, 10).mapToObj(c -> record(0, c, c)).toList());
        // The first batch (counters 1 to 5) never gets written: the process dies before it does.
        first.close();

        reopen();

        assertThat(readAll(0, 0, 100)).containsExactly(6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void trimForgetsWholeExpiredSegmentsOldestFirstAndCollectDeletesTheirFiles() {
        // Generation after generation, each flushed to a file of its own: counters 1-15 arrive at 1-15,
        // 16-30 at 16-30, and so on.
        for (long c = 1; c <= 120; c++) {
            long gen = log.generation();
            log.append(STREAM, List.of(kib(0, c)));
            if (log.generation() != gen) {
                storage.flush(storage.keyspace(RecordLog.KEYSPACE), true);
            }
        }
        log.append(STREAM, List.of(record(1, 121, 0)));
        List<Long> before = readAll(0, 0, 1000);

        int dropped = log.trim(STREAM, 0, 40);

        List<Long> after = readAll(0, 0, 1000);
        long first = after.get(0);
        assertThat(dropped).isPositive();
        assertThat(first).as("whole segments went, up to the one holding record 40")
                .isGreaterThan(1L).isLessThanOrEqualTo(40L);
        assertThat(after).isEqualTo(before.subList(before.indexOf(first), before.size()));
        assertThat(readAll(1, 0, 100)).as("another shard").containsExactly(121L);
        assertThat(storedCounters(STREAM, 0)).as("nothing is deleted yet").startsWith(1L);

        awaitFlushesAndCompactions();
        assertThat(log.collect()).isPositive();

        assertThat(storedCounters(STREAM, 0)).as("the files of the forgotten generations are gone")
                .isEqualTo(after);
        assertThat(readAll(0, 0, 1000)).isEqualTo(after);
        assertThat(readAll(1, 0, 100)).containsExactly(121L);

        reopen();
        // Both in the generation being written, which nothing before the restart is in.
        log.append(STREAM, List.of(record(0, 130, 130), record(1, 131, 1)));
        log.trim(STREAM, 0, Long.MAX_VALUE);
        log.trim(STREAM, 1, Long.MAX_VALUE);
        assertThat(readAll(0, 0, 1000)).containsExactly(130L);
        assertThat(readAll(1, 0, 100)).containsExactly(131L);
        log.append(STREAM, List.of(record(0, 132, 200)));
        assertThat(readAll(0, 0, 1000)).containsExactly(130L, 132L);
        storage.flush(storage.keyspace(RecordLog.KEYSPACE), true);
        awaitFlushesAndCompactions();
        log.collect();
        assertThat(storedCounters(STREAM, 0)).as("everything but the generation being written is gone")
                .containsExactly(130L, 132L);
    }

    /** Until every sealed generation is in a file below level 0, where whole files can be deleted. */
    private void awaitFlushesAndCompactions() {
        var records = storage.keyspace(RecordLog.KEYSPACE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (storage.longProperty(records, "rocksdb.num-immutable-mem-table") > 0
                || storage.longProperty(records, "rocksdb.compaction-pending") > 0
                || storage.longProperty(records, "rocksdb.num-running-compactions") > 0) {
            assertThat(System.nanoTime()).as("flushes and compactions done within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** The counters of a shard's records in the store, read past the log: what is on disk or in memory. */
    private List<Long> storedCounters(StreamKey stream, int shard) {
        byte[] shardPrefix = legacyKey(stream, shard, 0);
        shardPrefix = Arrays.copyOf(shardPrefix, shardPrefix.length - Long.BYTES);
        List<Long> out = new ArrayList<>();
        try (var scan = storage.keyspace(RecordLog.KEYSPACE).scan(new byte[0])) {
            for (var e : scan) {
                byte[] key = e.key();
                if (key.length == Long.BYTES + shardPrefix.length + Long.BYTES && Arrays.equals(
                        key, Long.BYTES, Long.BYTES + shardPrefix.length, shardPrefix, 0, shardPrefix.length)) {
                    out.add(Keys.readLong(key, key.length - Long.BYTES));
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void aReadStopsAtTheByteBudgetWithoutSkippingARecord() {
        log.append(STREAM, LongStream.rangeClosed(1, 5).mapToObj(c -> record(0, c, c)).toList());

        RecordLog.Page page = log.read(STREAM, 0, 1, Long.MAX_VALUE, 0, 100, 6);

        assertThat(page.records()).extracting(StoredRecord::counter).containsExactly(1L, 2L);
        assertThat(page.lastCounter()).isEqualTo(2L);
        assertThat(page.reachedEnd()).isFalse();
        assertThat(log.newest(STREAM, 0).counter()).isEqualTo(5L);
    }

    @Test
    void deletingAStreamDeletesItInEveryGenerationAndLeavesStreamsWithLongerNamesAlone() {
        StreamKey longer = new StreamKey("000000000000", "us-east-1", "s2");
        givenRecordsOverManyGenerations(100);
        // A flush takes every memtable waiting: one sealed with the current one would make a file that
        // holds the other stream's record too, and stays.
        awaitFlushesAndCompactions();
        log.append(longer, List.of(record(0, 1, 1)));

        log.deleteStream(STREAM);

        for (int shard = 0; shard < 4; shard++) {
            assertThat(log.newest(STREAM, shard)).isNull();
            assertThat(readAll(shard, 0, 100)).isEmpty();
        }
        assertThat(log.newest(longer, 0)).isNotNull();
        storage.flush(storage.keyspace(RecordLog.KEYSPACE), true);
        awaitFlushesAndCompactions();
        log.collect();
        for (int shard = 0; shard < 4; shard++) {
            assertThat(storedCounters(STREAM, shard)).as("shard %d on disk", shard).isEmpty();
        }
        // A stream of the same name made again starts a segment in the current generation.
        log.append(STREAM, List.of(record(0, 1, 1)));
        assertThat(readAll(0, 0, 100)).containsExactly(1L);
        reopen();
        assertThat(readAll(0, 0, 100)).containsExactly(1L);
        assertThat(log.newest(STREAM, 0).counter()).isEqualTo(1L);
        assertThat(readAll(0, 0, 100)).isEqualTo(List.of(1L));
        assertThat(log.newest(longer, 0).counter()).isEqualTo(1L);
    }

    @Test
    void afterTheStoreIsClearedRecordsOfTheCurrentGenerationAreFoundAgain() {
        log.append(STREAM, List.of(record(0, 1, 1)));

        storage.clear();
        log.reset();
        log.append(STREAM, List.of(record(0, 1, 1), record(0, 2, 2)));

        assertThat(readAll(0, 0, 100)).containsExactly(1L, 2L);
    }

    @Test
    void recordsOfTheLayoutBeforeGenerationsAreMovedIntoItAtOpen() {
        storage.close();
        storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000);
        var legacy = storage.keyspace(RecordLog.LEGACY_KEYSPACE);
        StreamKey other = new StreamKey("000000000000", "us-east-1", "other");
        for (long c = 1; c <= 30; c++) {
            legacy.put(legacyKey(STREAM, (int) (c % 3), c), kib((int) (c % 3), c).encodeValue());
        }
        legacy.put(legacyKey(other, 0, 1), record(0, 1, 1).encodeValue());
        storage.close();

        open();

        assertThat(storage.hasKeyspace(RecordLog.LEGACY_KEYSPACE)).isFalse();
        for (int shard = 0; shard < 3; shard++) {
            int s = shard;
            List<Long> expected = LongStream.rangeClosed(1, 30).filter(c -> c % 3 == s).boxed().toList();
            assertThat(readAll(shard, 0, 4)).as("shard %d", shard).isEqualTo(expected);
            assertThat(log.newest(STREAM, shard).counter()).isEqualTo(expected.get(expected.size() - 1));
        }
        assertThat(log.newest(other, 0).counter()).isEqualTo(1);
        assertThat(log.generation()).isPositive();
        log.append(STREAM, List.of(kib(0, 31)));
        reopen();
        assertThat(readAll(0, 25, 100)).containsExactly(27L, 30L, 31L);
    }

    private static byte[] legacyKey(StreamKey stream, int shard, long counter) {
        return Keys.scoped(stream.account(), stream.region()).add(stream.name()).add(shard).add(counter).build();
    }

    @Test
    void aReadStopsAtTheVisibleCounterAndCallsThatTheEnd() {
        log.append(STREAM, LongStream.rangeClosed(1, 5).mapToObj(c -> record(0, c, c)).toList());

        RecordLog.Page page = log.read(STREAM, 0, 1, 3, 0, 100, Long.MAX_VALUE);

        assertThat(page.records()).extracting(StoredRecord::counter).containsExactly(1L, 2L, 3L);
        assertThat(page.lastCounter()).isEqualTo(3L);
        assertThat(page.reachedEnd()).isTrue();
    }

    @Test
    void recordsWrittenOutOfOrderBecomeVisibleOnlyWhenEveryEarlierBatchIsWritten() {
        Publication p = new Publication(10);
        p.begin(11, 20);
        p.begin(21, 30);
        p.begin(31, 31);
        assertThat(p.visible()).isEqualTo(10);
        p.complete(21);
        assertThat(p.visible()).as("batch 11..20 is still being written").isEqualTo(10);
        p.complete(11);
        assertThat(p.visible()).isEqualTo(30);
        p.advance(32);
        assertThat(p.visible()).as("a shard closed after an unwritten batch").isEqualTo(30);
        p.complete(31);
        assertThat(p.visible()).isEqualTo(32);
    }
}
