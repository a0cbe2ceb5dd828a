package io.lakelet.dynamodb.model;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in the {@code dynamodb.items} keyspace: account, region, table name and table id, then the encoded
 * primary key ({@link KeySchema#encode}), so that a table's items are contiguous and a partition's items are
 * ordered by sort key. Conditional writes run under a lock striped by item key, which makes the check and
 * the write atomic for each item.
 */
public final class ItemStore {
    private static final int STRIPES = 256;

    private final Storage storage;
    private final Keyspace keyspace;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /** One stored item: its primary key bytes (without the table prefix) and its attributes. */
    public record StoredItem(byte[] key, Map<String, AttributeValue> item) {
    }

    /** A write of one item: a put when {@code item} is not null, else a delete. */
    public record Write(Table table, byte[] key, Map<String, AttributeValue> item) {
    }

    public ItemStore(Storage storage) {
        this.storage = storage;
        this.keyspace = storage.keyspace("dynamodb.items");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Every item key of a table starts with this; the table id keeps a re-created table's items apart. */
    public static byte[] tablePrefix(Table table) {
        return Keys.scoped(table.account(), table.region()).add(table.name()).add(table.description().tableId()).build();
    }

    private static byte[] fullKey(Table table, byte[] key) {
        return Keys.builder().addBytes(tablePrefix(table)).addBytes(key).build();
    }

    public Map<String, AttributeValue> get(Table table, byte[] key) {
        byte[] v = keyspace.get(fullKey(table, key));
        return v == null ? null : ItemCodec.decode(v);
    }

    /** Applies the writes atomically. */
    public void write(List<Write> writes) {
        try (Batch batch = storage.batch()) {
            for (Write w : writes) {
                byte[] k = fullKey(w.table(), w.key());
                if (w.item() == null) {
                    batch.delete(keyspace, k);
                } else {
                    batch.put(keyspace, k, ItemCodec.encode(w.item()));
                }
            }
            batch.commit();
        }
    }

    /** Runs {@code body} holding the locks of the given items of one table. */
    public <T> T locked(Table table, List<byte[]> keys, Supplier<T> body) {
        return locked(keys.stream().map(k -> new Write(table, k, null)).toList(), body);
    }

    /**
     * Runs {@code body} holding the locks of the items the writes name, in any tables (taken in a fixed
     * order, so never deadlocking).
     */
    public <T> T locked(List<Write> itemsToLock, Supplier<T> body) {
        TreeSet<Integer> stripes = new TreeSet<>();
        for (Write w : itemsToLock) {
            stripes.add(Math.floorMod(Arrays.hashCode(fullKey(w.table(), w.key())), STRIPES));
        }
        for (int s : stripes) {
            locks[s].lock();
        }
        try {
            return body.get();
        } finally {
            for (int s : stripes.descendingSet()) {
                locks[s].unlock();
            }
        }
    }

    /** Items of the table in key order, starting after {@code exclusiveStart} (null: from the first). */
    public Cursor scan(Table table, byte[] exclusiveStart) {
        byte[] prefix = tablePrefix(table);
        byte[] from = exclusiveStart == null ? prefix
                : Keys.builder().addBytes(prefix).addBytes(exclusiveStart).addBytes(new byte[] {0}).build();
        return new Cursor(keyspace.scanFrom(prefix, from), prefix.length);
    }

    /** Items of one partition in sort-key order. */
    public Cursor scanPartition(Table table, byte[] partition) {
        byte[] prefix = tablePrefix(table);
        return new Cursor(keyspace.scan(Keys.builder().addBytes(prefix).addBytes(partition).build()), prefix.length);
    }

    /** The number of items of a table and their approximate total size in bytes. */
    public long[] stats(Table table) {
        long count = 0;
        long size = 0;
        try (Scan scan = keyspace.scan(tablePrefix(table))) {
            for (Scan.Entry e : scan) {
                count++;
                size += e.value().length;
            }
        }
        return new long[] {count, size};
    }

    public void deleteAll(Table table) {
        keyspace.deletePrefix(tablePrefix(table));
    }

    /** An open iteration over stored items; close it. */
    public static final class Cursor implements AutoCloseable {
        private final Scan scan;
        private final int prefixLength;

        Cursor(Scan scan, int prefixLength) {
            this.scan = scan;
            this.prefixLength = prefixLength;
        }

        public boolean hasNext() {
            return scan.hasNext();
        }

        public StoredItem next() {
            Scan.Entry e = scan.next();
            return new StoredItem(Arrays.copyOfRange(e.key(), prefixLength, e.key().length), ItemCodec.decode(e.value()));
        }

        @Override
        public void close() {
            scan.close();
        }
    }
}
