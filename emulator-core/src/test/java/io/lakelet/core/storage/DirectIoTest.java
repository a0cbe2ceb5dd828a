package io.lakelet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;

/** The direct I/O probe answers without leaving anything behind, and a store reads what it flushed either way. */
class DirectIoTest {

    @TempDir
    Path dir;

    @Test
    void theProbeLeavesNoFileBehind() throws Exception {
        DirectIo.supported(dir);

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDirectoryThatCannotTakeTheProbeIsNotDirect() {
        assertThat(DirectIo.supported(dir.resolve("missing"))).isFalse();
    }

    @Test
    void recordsFlushedAndCompactedAreReadBackAfterAReopen() {
        byte[] value = new byte[1024];
        Random random = new Random(3);
        // Two shards written interleaved, as PutRecords writes them, so the files overlap and the compaction
        // below rewrites them rather than moving them down.
        int count = 100_000;
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            Keyspace records = storage.keyspace("test.records");
            for (int i = 0; i < count; i += 500) {
                try (Batch b = storage.batch()) {
                    for (int j = i; j < i + 500; j++) {
                        random.nextBytes(value);
                        value[0] = (byte) j;
                        b.put(records, key(j), value.clone());
                    }
                    b.commit();
                }
                if (i % 25_000 == 0) {
                    storage.read(() -> {
                        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                            storage.db().flush(flush, records.handle());
                        }
                        return null;
                    });
                }
            }
            storage.read(() -> {
                storage.db().compactRange(records.handle());
                return null;
            });
            assertThat(storage.read(() -> storage.db().getProperty(records.handle(), "rocksdb.num-files-at-level0")))
                    .isEqualTo("0");
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            Keyspace records = storage.keyspace("test.records");
            for (int shard = 0; shard < 2; shard++) {
                int n = shard;
                try (Scan scan = records.scan(new byte[] {(byte) shard})) {
                    for (Scan.Entry e : scan) {
                        assertThat(e.key()).isEqualTo(key(n));
                        assertThat(e.value()).hasSize(1024);
                        assertThat(e.value()[0]).isEqualTo((byte) n);
                        n += 2;
                    }
                }
                assertThat(n - 2).as("last record of shard %d", shard).isEqualTo(count - 2 + shard);
            }
        }
    }

    /** Record {@code j} of shard {@code j % 2}. */
    private static byte[] key(int j) {
        return Keys.withLong(new byte[] {(byte) (j % 2)}, j);
    }
}
