package io.lakelet.core.storage;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.rocksdb.RocksIterator;

/**
 * An ordered scan over a keyspace, reading a consistent view as of its creation (RocksDB iterators pin
 * the state they start from). It owns a native iterator: close it, ideally with try-with-resources.
 */
public final class Scan implements Iterator<Scan.Entry>, Iterable<Scan.Entry>, AutoCloseable {

    /** One key and its value. */
    public record Entry(byte[] key, byte[] value) {
    }

    private final Storage storage;
    private final RocksIterator it;
    private final byte[] prefix;
    private final byte[] end;
    private boolean closed;

    Scan(Storage storage, RocksIterator it, byte[] seek, byte[] prefix, byte[] end) {
        this.storage = storage;
        this.it = it;
        this.prefix = prefix;
        this.end = end;
        storage.read(() -> {
            it.seek(seek);
            return null;
        });
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

    @Override
    public Iterator<Entry> iterator() {
        return this;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.closeIterator(it);
        }
    }
}
