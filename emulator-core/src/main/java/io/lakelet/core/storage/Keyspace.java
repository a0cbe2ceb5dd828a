package io.lakelet.core.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * One column family of the store: ordered byte keys to byte values. Single writes are atomic; several
 * writes that must be atomic together go through {@link Storage#batch()}.
 */
public final class Keyspace {
    private final Storage storage;
    private final String name;
    private final ColumnFamilyHandle handle;

    Keyspace(Storage storage, String name, ColumnFamilyHandle handle) {
        this.storage = storage;
        this.name = name;
        this.handle = handle;
    }

    public String name() {
        return name;
    }

    ColumnFamilyHandle handle() {
        return handle;
    }

    /** The value of {@code key}, or null. */
    public byte[] get(byte[] key) {
        return storage.read(() -> storage.db().get(handle, key));
    }

    /**
     * Reads the value of {@code key} into {@code target} (a direct buffer), from its position: no Java
     * array is made, so a large value can go from RocksDB to a socket without another copy. Returns the
     * value's size (more than the buffer's remaining bytes means it was cut short), or -1 if there is none.
     */
    public int get(byte[] key, ByteBuffer target) {
        ByteBuffer k = DirectKeys.of(key);
        return storage.read(() -> {
            int n = storage.db().get(handle, storage.readOptions(), k, target);
            if (n >= 0) {
                target.limit(target.position() + Math.min(n, target.remaining()));
            }
            return n == RocksDB.NOT_FOUND ? -1 : n;
        });
    }

    public boolean contains(byte[] key) {
        return get(key) != null;
    }

    public void put(byte[] key, byte[] value) {
        storage.read(() -> {
            storage.db().put(handle, storage.writeOptions(), key, value);
            return null;
        });
    }

    public void delete(byte[] key) {
        storage.read(() -> {
            storage.db().delete(handle, storage.writeOptions(), key);
            return null;
        });
    }

    /** Entries whose key starts with {@code prefix}, in key order. Close the scan (try-with-resources). */
    public Scan scan(byte[] prefix) {
        return Scan.bounded(storage, handle, prefix, prefix);
    }

    /** Entries with {@code from <= key < to} in key order ({@code to} null: to the end). */
    public Scan range(byte[] from, byte[] to) {
        return to == null ? new Scan(storage, storage.newIterator(handle), null, from, null, null)
                : Scan.bounded(storage, handle, from, null, to);
    }

    /** Entries whose key starts with {@code prefix} and is {@code >= from}, in key order. */
    public Scan scanFrom(byte[] prefix, byte[] from) {
        return Scan.bounded(storage, handle, from, prefix);
    }

    /** The entry with the greatest key that starts with {@code prefix}, or null. */
    public Scan.Entry last(byte[] prefix) {
        RocksIterator it = storage.newIterator(handle);
        try {
            return storage.read(() -> {
                byte[] upper = Keys.prefixEnd(prefix);
                if (upper == null) {
                    it.seekToLast();
                } else {
                    it.seekForPrev(upper);
                    if (it.isValid() && Arrays.equals(it.key(), upper)) {
                        it.prev();
                    }
                }
                if (it.isValid() && Keys.startsWith(it.key(), prefix)) {
                    return new Scan.Entry(it.key(), it.value());
                }
                return null;
            });
        } finally {
            storage.closeIterator(it);
        }
    }

    /** Deletes every key that starts with {@code prefix} in one atomic range delete. */
    public void deletePrefix(byte[] prefix) {
        storage.batch().deletePrefix(this, prefix).commit();
    }

    void clear() {
        RocksIterator it = storage.newIterator(handle);
        try {
            storage.read(() -> {
                it.seekToFirst();
                if (!it.isValid()) {
                    return null;
                }
                byte[] first = it.key();
                it.seekToLast();
                byte[] last = it.key();
                storage.db().deleteRange(handle, storage.writeOptions(), first, last);
                storage.db().delete(handle, storage.writeOptions(), last);
                return null;
            });
        } finally {
            storage.closeIterator(it);
        }
    }

    long approximateCount() {
        return storage.read(() -> storage.db().getLongProperty(handle, "rocksdb.estimate-num-keys"));
    }
}
