package io.lakelet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.TableProperties;

/**
 * Keyspaces named {@code *.records} are written without compression, and a store whose records were
 * written compressed (before that option, or by any older Lakelet) opens and reads them all.
 */
class RecordKeyspaceTest {
    private static final String RECORDS = "kinesis.records";

    @TempDir
    Path dir;

    @Test
    void recordsWrittenCompressedByAnEarlierStoreAreReadAndNewFilesAreNotCompressed() throws Exception {
        Map<String, byte[]> written = new java.util.TreeMap<>();
        givenAStoreWhoseRecordsWereWrittenWithLz4(written);
        assertThat(lz4InFiles(RECORDS)).containsOnly(true);

        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            Keyspace records = storage.keyspace(RECORDS);
            written.forEach((k, v) -> assertThat(records.get(b(k))).as(k).isEqualTo(v));
            for (int i = 0; i < 100; i++) {
                byte[] value = text(i + 1000);
                records.put(b("new-" + i), value);
                written.put("new-" + i, value);
            }
        }
        // A clean close without a log flushes the memtable: the new records are in a file of their own.
        assertThat(lz4InFiles(RECORDS)).containsExactlyInAnyOrder(true, false);

        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            Keyspace records = storage.keyspace(RECORDS);
            List<String> keys = new ArrayList<>();
            try (Scan scan = records.scan(new byte[0])) {
                for (Scan.Entry e : scan) {
                    String key = new String(e.key(), StandardCharsets.UTF_8);
                    keys.add(key);
                    assertThat(e.value()).as(key).isEqualTo(written.get(key));
                }
            }
            assertThat(keys).containsExactlyElementsOf(written.keySet());
        }
    }

    @Test
    void otherKeyspacesStayCompressed() throws Exception {
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            storage.keyspace("test.things").put(b("k"), text(1));
            storage.keyspace(RECORDS).put(b("k"), text(2));
        }
        assertThat(lz4InFiles("test.things")).containsOnly(true);
        assertThat(lz4InFiles(RECORDS)).containsOnly(false);
    }

    @Test
    void recordKeyspacesHoldAGenerationAndQueueFlushesWhetherNewOrReopened() throws Exception {
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            storage.keyspace(RECORDS).put(b("k"), text(1));
            storage.keyspace("test.things").put(b("k"), text(1));
            assertBurstOptions(storage);
        }
        try (Storage storage = Storage.open(dir, SyncPolicy.NONE, 1000)) {
            assertBurstOptions(storage);
        }
    }

    private static void assertBurstOptions(Storage storage) {
        MutableColumnFamilyOptions.MutableColumnFamilyOptionsBuilder records = storage.read(() ->
                storage.db().getOptions(storage.keyspace(RECORDS).handle()));
        MutableColumnFamilyOptions.MutableColumnFamilyOptionsBuilder things = storage.read(() ->
                storage.db().getOptions(storage.keyspace("test.things").handle()));
        assertThat(records.writeBufferSize()).isEqualTo(Storage.RECORD_MEMTABLE_BYTES);
        assertThat(records.maxWriteBufferNumber()).isEqualTo(4);
        assertThat(records.level0FileNumCompactionTrigger()).isEqualTo(1);
        // RocksDB's defaults elsewhere.
        assertThat(things.writeBufferSize()).isEqualTo(64L << 20);
        assertThat(things.maxWriteBufferNumber()).isEqualTo(2);
    }

    /** A store as Lakelet wrote it before: the records keyspace with the plain options (LZ4), flushed to a file. */
    private void givenAStoreWhoseRecordsWereWrittenWithLz4(Map<String, byte[]> written) throws Exception {
        try (DBOptions db = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             ColumnFamilyOptions lz4 = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION)) {
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB rocks = RocksDB.open(db, dir.toString(), List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, lz4),
                    new ColumnFamilyDescriptor(b(RECORDS), lz4)), handles);
                 FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                for (int i = 0; i < 100; i++) {
                    byte[] value = text(i);
                    rocks.put(handles.get(1), b("old-" + i), value);
                    written.put("old-" + i, value);
                }
                rocks.flush(flush, handles.get(1));
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    /**
     * For each table file of a keyspace, whether its blocks are LZ4-compressed, from RocksDB's own table
     * properties: RocksDB 11 names the compressions a file's blocks use ({@code BuiltinV2;04;} for LZ4,
     * type 4; {@code BuiltinV2;;} for none), so the values must compress for this to tell anything.
     */
    private List<Boolean> lz4InFiles(String keyspace) throws Exception {
        try (Storage storage = Storage.open(dir, SyncPolicy.INTERVAL, 1000)) {
            Map<String, TableProperties> tables = storage.read(() ->
                    storage.db().getPropertiesOfAllTables(storage.keyspace(keyspace).handle()));
            return tables.values().stream().map(t -> t.getCompressionName().equals("LZ4")
                    || t.getCompressionName().matches("BuiltinV2;(.*;)?04;.*")).toList();
        }
    }

    /** A kilobyte or so of text, which LZ4 compresses. */
    private static byte[] text(int seed) {
        return ("record " + seed + " ").repeat(100).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
