package io.lakelet.core.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Writes to one or more keyspaces that become visible together, or not at all. A batch owns a native
 * write batch until {@link #commit()} or {@link #close()}.
 */
public final class Batch implements AutoCloseable {
    private final Storage storage;
    private final WriteBatch batch = new WriteBatch();
    private boolean done;

    Batch(Storage storage) {
        this.storage = storage;
    }

    public Batch put(Keyspace ks, byte[] key, byte[] value) {
        try {
            batch.put(ks.handle(), key, value);
        } catch (RocksDBException e) {
            throw new StorageException(e.getMessage(), e);
        }
        return this;
    }

    public Batch delete(Keyspace ks, byte[] key) {
        try {
            batch.delete(ks.handle(), key);
        } catch (RocksDBException e) {
            throw new StorageException(e.getMessage(), e);
        }
        return this;
    }

    /** Deletes every key that starts with {@code prefix}. */
    public Batch deletePrefix(Keyspace ks, byte[] prefix) {
        byte[] end = Keys.prefixEnd(prefix);
        try {
            if (end == null) {
                throw new IllegalArgumentException("a prefix of only 0xFF bytes cannot be range-deleted");
            }
            batch.deleteRange(ks.handle(), prefix, end);
        } catch (RocksDBException e) {
            throw new StorageException(e.getMessage(), e);
        }
        return this;
    }

    public int count() {
        return batch.count();
    }

    /** Applies every write atomically and releases the batch. */
    public void commit() {
        try {
            if (batch.count() > 0) {
                storage.write(batch);
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            batch.close();
        }
    }
}
