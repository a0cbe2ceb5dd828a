package io.lakelet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void dataWrittenBeforeCloseIsThereAfterReopen() {
        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            Keyspace ks = storage.keyspace("test.things");
            ks.put(b("a"), b("1"));
            storage.batch().put(ks, b("b"), b("2")).put(storage.keyspace("test.blobs"), b("x"), new byte[10_000]).commit();
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            assertThat(s(storage.keyspace("test.things").get(b("a")))).isEqualTo("1");
            assertThat(s(storage.keyspace("test.things").get(b("b")))).isEqualTo("2");
            assertThat(storage.keyspace("test.blobs").get(b("x"))).hasSize(10_000);
        }
    }

    @Test
    void withoutAWriteAheadLogACleanCloseStillKeepsEverything() {
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            storage.keyspace("test.things").put(b("k"), b("v"));
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            assertThat(s(storage.keyspace("test.things").get(b("k")))).isEqualTo("v");
        }
    }

    @Test
    void blobsReadFromBlobFilesAreKeptInTheBlobCacheAndReadBackExactly() {
        byte[] chunk = new byte[1 << 20];
        new java.util.Random(4).nextBytes(chunk);
        // A clean close without a log flushes the memtable, so after reopening the value is in a blob file.
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            storage.keyspace("test.blobs").put(b("chunk"), chunk);
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            Keyspace blobs = storage.keyspace("test.blobs");
            assertThat(storage.blobCacheUsage()).isZero();
            for (int read = 0; read < 2; read++) {
                java.nio.ByteBuffer target = java.nio.ByteBuffer.allocateDirect(chunk.length);
                assertThat(blobs.get(b("chunk"), target)).isEqualTo(chunk.length);
                byte[] got = new byte[target.remaining()];
                target.get(got);
                assertThat(got).as("read %d", read).isEqualTo(chunk);
                assertThat(storage.blobCacheUsage()).as("a 1 MiB blob fits a shard of the cache")
                        .isGreaterThanOrEqualTo(chunk.length);
            }
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000, 0)) {
            Keyspace blobs = storage.keyspace("test.blobs");
            assertThat(blobs.get(b("chunk"))).isEqualTo(chunk);
            assertThat(storage.blobCacheUsage()).isZero();
        }
    }

    @Test
    void valuesAreReadIntoDirectBuffersByKeyAndByScan() {
        try (Storage storage = Storage.temporary(SyncPolicy.NONE)) {
            Keyspace blobs = storage.keyspace("test.blobs");
            byte[] big = new byte[10_000];
            java.util.Arrays.fill(big, (byte) 7);
            blobs.put(b("a/1"), big);
            blobs.put(b("a/2"), b("two"));
            java.nio.ByteBuffer target = java.nio.ByteBuffer.allocateDirect(16_384);
            assertThat(blobs.get(b("a/1"), target)).isEqualTo(10_000);
            assertThat(target.remaining()).isEqualTo(10_000);
            assertThat(target.get(9_999)).isEqualTo((byte) 7);
            assertThat(blobs.get(b("missing"), java.nio.ByteBuffer.allocateDirect(8))).isEqualTo(-1);
            java.nio.ByteBuffer tooSmall = java.nio.ByteBuffer.allocateDirect(4);
            assertThat(blobs.get(b("a/1"), tooSmall)).as("the full size, though cut short").isEqualTo(10_000);
            assertThat(tooSmall.remaining()).isEqualTo(4);
            try (Scan scan = blobs.scan(b("a/"))) {
                java.nio.ByteBuffer first = java.nio.ByteBuffer.allocateDirect(16_384);
                assertThat(scan.nextValueInto(first)).isEqualTo(10_000);
                java.nio.ByteBuffer second = java.nio.ByteBuffer.allocateDirect(16);
                assertThat(scan.nextValueInto(second)).isEqualTo(3);
                byte[] two = new byte[second.remaining()];
                second.get(two);
                assertThat(s(two)).isEqualTo("two");
                assertThat(scan.hasNext()).isFalse();
            }
        }
    }

    @Test
    void scansReturnOnlyThePrefixInKeyOrder() {
        try (Storage storage = Storage.open(dir, SyncPolicy.ALWAYS, 1000)) {
            Keyspace ks = storage.keyspace("test.scan");
            for (String k : List.of("acc\0b", "acc\0a", "acd\0z", "ab\0q", "acc\0c")) {
                ks.put(b(k), b(k.toUpperCase()));
            }
            List<String> keys = new ArrayList<>();
            try (Scan scan = ks.scan(b("acc\0"))) {
                for (Scan.Entry e : scan) {
                    keys.add(s(e.key()));
                }
            }
            assertThat(keys).containsExactly("acc\0a", "acc\0b", "acc\0c");
            assertThat(s(ks.last(b("acc\0")).key())).isEqualTo("acc\0c");
            assertThat(ks.last(b("zz"))).isNull();

            ks.deletePrefix(b("acc\0"));
            try (Scan scan = ks.scan(b("ac"))) {
                assertThat(scan.hasNext()).isTrue();
                assertThat(s(scan.next().key())).isEqualTo("acd\0z");
                assertThat(scan.hasNext()).isFalse();
            }
        }
    }

    @Test
    void aBatchIsAllOrNothingAndClearEmptiesEveryKeyspace() {
        try (Storage storage = Storage.temporary(SyncPolicy.INTERVAL)) {
            Keyspace a = storage.keyspace("test.a");
            Keyspace c = storage.keyspace("test.c");
            try (Batch batch = storage.batch()) {
                batch.put(a, b("1"), b("one")).put(c, b("2"), b("two"));
                assertThat(a.get(b("1"))).isNull();
                batch.commit();
            }
            assertThat(s(a.get(b("1")))).isEqualTo("one");
            assertThat(s(c.get(b("2")))).isEqualTo("two");

            storage.clear();
            assertThat(a.get(b("1"))).isNull();
            assertThat(c.get(b("2"))).isNull();
            a.put(b("again"), b("ok"));
            assertThat(s(a.get(b("again")))).isEqualTo("ok");
        }
    }

    @Test
    void aTemporaryStoreRemovesItsDirectoryAndAClosedStoreRefusesWork() {
        Storage storage = Storage.temporary(SyncPolicy.INTERVAL);
        Path tmp = storage.directory();
        Keyspace ks = storage.keyspace("test.x");
        ks.put(b("k"), b("v"));
        assertThat(Files.exists(tmp)).isTrue();

        storage.close();

        assertThat(Files.exists(tmp)).isFalse();
        assertThatThrownBy(() -> ks.get(b("k"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFlushSealsTheMemtableBeforeItReturns() {
        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            Keyspace ks = storage.keyspace("test.records");
            ks.put(b("a"), b("1"));
            assertThat(activeMemtableEntries(storage, ks)).isEqualTo(1);
            storage.flush(ks, false);
            // The file may still be being written, but later writes already go to a new memtable.
            assertThat(activeMemtableEntries(storage, ks)).isZero();
            ks.put(b("b"), b("2"));
            assertThat(activeMemtableEntries(storage, ks)).isEqualTo(1);
            storage.flush(ks, true);
            assertThat(activeMemtableEntries(storage, ks)).isZero();
            assertThat(storage.longProperty(ks, "rocksdb.num-immutable-mem-table")).as("both written").isZero();
            assertThat(s(ks.get(b("a")))).isEqualTo("1");
            assertThat(s(ks.get(b("b")))).isEqualTo("2");
        }
    }

    private static long activeMemtableEntries(Storage storage, Keyspace ks) {
        return storage.longProperty(ks, "rocksdb.num-entries-active-mem-table");
    }

    @Test
    void aDroppedKeyspaceIsGoneAfterReopenAndOthersStay() {
        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            storage.keyspace("test.old").put(b("a"), b("1"));
            storage.keyspace("test.things").put(b("a"), b("2"));
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            assertThat(storage.hasKeyspace("test.old")).as("opened with the store").isTrue();
            assertThat(storage.hasKeyspace("test.never")).isFalse();
            storage.dropKeyspace("test.old");
            assertThat(storage.hasKeyspace("test.old")).isFalse();
            assertThat(storage.describe()).doesNotContainKey("test.old");
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            assertThat(storage.hasKeyspace("test.old")).isFalse();
            assertThat(storage.keyspace("test.old").get(b("a"))).as("a new, empty keyspace").isNull();
            assertThat(s(storage.keyspace("test.things").get(b("a")))).isEqualTo("2");
        }
    }

    @Test
    void numericKeyPartsSortInNumericOrder() {
        byte[] minus = Keys.builder().add(-5L).build();
        byte[] zero = Keys.builder().add(0L).build();
        byte[] big = Keys.builder().add(1L << 40).build();
        assertThat(Keys.compare(minus, zero)).isNegative();
        assertThat(Keys.compare(zero, big)).isNegative();
        assertThat(Keys.readLong(big, 0)).isEqualTo(1L << 40);
        assertThat(Keys.prefixEnd(new byte[] {1, (byte) 0xFF})).containsExactly(2);
        assertThat(Keys.prefixEnd(new byte[] {(byte) 0xFF})).isNull();
    }

    @Test
    void aNumberAppendedToABuiltPrefixIsTheKeyBuiltWholeAndLongPartsGrowTheBuffer() {
        String longName = "s".repeat(300);
        byte[] prefix = Keys.scoped("000000000000", "us-east-1").add(longName).add(3).build();
        for (long counter : new long[] {0, 1, -1, 255, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE}) {
            byte[] whole = Keys.scoped("000000000000", "us-east-1").add(longName).add(3).add(counter).build();
            assertThat(Keys.withLong(prefix, counter)).isEqualTo(whole);
            assertThat(Keys.readLong(whole, prefix.length)).isEqualTo(counter);
        }
        assertThat(new String(prefix, 0, 12, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("000000000000");
        assertThat(prefix).hasSize(13 + 10 + 301 + 4);
    }
}
