package io.lakelet.core.storage;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksIterator;

/**
 * An ordered scan over a keyspace, reading a consistent view as of its creation (RocksDB iterators pin
 * the state they start from). It owns a native iterator: close it, ideally with try-with-resources.
 *
 * <p>A scan with a known end (a prefix, or a range's upper key) gives RocksDB that end as the iterator's
 * upper bound, so it never reads keys, values or range deletions beyond it.
 */
public final class Scan implements Iterator<Scan.Entry>, Iterable<Scan.Entry>, AutoCloseable {

    /** One key and its value. */
    public record Entry(byte[] key, byte[] value) {
    }

    private final Storage storage;
    private final RocksIterator it;
    private final Storage.BoundedIterator bounded;
    private final byte[] prefix;
    private final byte[] end;
    private boolean closed;

    Scan(Storage storage, RocksIterator it, Storage.BoundedIterator bounded, byte[] seek, byte[] prefix, byte[] end) {
        this.storage = storage;
        this.it = it;
        this.bounded = bounded;
        this.prefix = prefix;
        this.end = end;
        try {
            storage.read(() -> {
                it.seek(seek);
                return null;
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A scan from {@code seek} over the keys that start with {@code prefix}, bounded at the prefix's end. */
    static Scan bounded(Storage storage, ColumnFamilyHandle handle, byte[] seek, byte[] prefix) {
        byte[] upper = Keys.prefixEnd(prefix);
        if (upper == null) {
            return new Scan(storage, storage.newIterator(handle), null, seek, prefix, null);
        }
        Storage.BoundedIterator b = storage.newIterator(handle, upper);
        return new Scan(storage, b.iterator(), b, seek, prefix, null);
    }

    /** A scan of {@code [seek, end)}, bounded at {@code end}. */
    static Scan bounded(Storage storage, ColumnFamilyHandle handle, byte[] seek, byte[] prefix, byte[] end) {
        Storage.BoundedIterator b = storage.newIterator(handle, end);
        return new Scan(storage, b.iterator(), b, seek, prefix, end);
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        boolean valid = storage.read(() -> {
            if (!it.isValid()) {
                it.status();
                return false;
            }
            byte[] k = it.key();
            if (prefix != null && !Keys.startsWith(k, prefix)) {
                return false;
            }
            return end == null || Keys.compare(k, end) < 0;
        });
        if (!valid) {
            close();
        }
        return valid;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return storage.read(() -> {
            Entry e = new Entry(it.key(), it.value());
            it.next();
            return e;
        });
    }

    /**
     * Copies the next value into {@code target} (a direct buffer) from its position and moves on, with no
     * Java array made. Returns the value's size (more than the buffer's remaining bytes means it was cut
     * short); the buffer's limit is set after the bytes written.
     */
    public int nextValueInto(ByteBuffer target) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return storage.read(() -> {
            int n = it.value(target);
            it.next();
            return n;
        });
    }

    @Override
    public Iterator<Entry> iterator() {
        return this;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (bounded != null) {
                storage.closeIterator(bounded);
            } else {
                storage.closeIterator(it);
            }
        }
    }
}
