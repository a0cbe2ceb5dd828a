package io.lakelet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        // Enough 1 KiB values for several flushes of the 64 MiB memtable, and so for a compaction.
        int count = 300_000;
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            Keyspace records = storage.keyspace("test.records");
            for (int i = 0; i < count; i += 500) {
                try (Batch b = storage.batch()) {
                    for (int j = i; j < i + 500; j++) {
                        random.nextBytes(value);
                        value[0] = (byte) j;
                        b.put(records, Keys.withLong(new byte[] {1}, j), value.clone());
                    }
                    b.commit();
                }
            }
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            Keyspace records = storage.keyspace("test.records");
            int n = 0;
            try (Scan scan = records.scan(new byte[] {1})) {
                for (Scan.Entry e : scan) {
                    assertThat(Keys.readLong(e.key(), 1)).isEqualTo(n);
                    assertThat(e.value()).hasSize(1024);
                    assertThat(e.value()[0]).isEqualTo((byte) n);
                    n++;
                }
            }
            assertThat(n).isEqualTo(count);
        }
    }
}
