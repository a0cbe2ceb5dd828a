package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Storage;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The Data Catalog's keyspaces and the rules every writer follows: writes run one at a time (so a check
 * such as "does this table exist" still holds when the batch commits) and go to RocksDB in one atomic
 * batch. Readers do not lock; each read sees a committed state.
 *
 * <p>Keys start with the account and region. Under them: database; database, table; database, table,
 * partition id; and so on, so one database or table is one key prefix and deleting it is one range delete.
 */
public final class CatalogStore {
    public final Keyspace databases;
    public final Keyspace tables;
    public final Keyspace tableVersions;
    public final Keyspace partitions;
    public final Keyspace partitionIndexes;
    public final Keyspace tableStatistics;
    public final Keyspace partitionStatistics;
    public final Keyspace functions;
    public final Keyspace connections;
    public final Keyspace tags;
    private final Keyspace counters;
    private final Storage storage;
    private final Clock clock;
    private final Limits limits;
    private final ReentrantLock writeLock = new ReentrantLock();

    public CatalogStore(Storage storage, Clock clock, Limits limits) {
        this.storage = storage;
        this.clock = clock;
        this.limits = limits;
        this.databases = storage.keyspace("glue.databases");
        this.tables = storage.keyspace("glue.tables");
        this.tableVersions = storage.keyspace("glue.table-versions");
        this.partitions = storage.keyspace("glue.partitions");
        this.partitionIndexes = storage.keyspace("glue.partition-indexes");
        this.tableStatistics = storage.keyspace("glue.table-statistics");
        this.partitionStatistics = storage.keyspace("glue.partition-statistics");
        this.functions = storage.keyspace("glue.functions");
        this.connections = storage.keyspace("glue.connections");
        this.tags = storage.keyspace("glue.tags");
        this.counters = storage.keyspace("glue.counters");
    }

    public Clock clock() {
        return clock;
    }

    public Limits limits() {
        return limits;
    }

    public Batch batch() {
        return storage.batch();
    }

    /** Runs a read-check-write sequence with no other writer in between. */
    public <T> T write(Supplier<T> work) {
        writeLock.lock();
        try {
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    public void write(Runnable work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    // Counters of children (tables of a database, partitions of a table...) for the quota checks.

    /** The counter of one kind of child under a parent, e.g. ("tables", db) or ("partitions", db, table). */
    public byte[] counterKey(Scope scope, String kind, String... parent) {
        Keys k = scope.key().add(kind);
        for (String p : parent) {
            k.add(p);
        }
        return k.build();
    }

    public long count(byte[] counterKey) {
        byte[] v = counters.get(counterKey);
        return v == null ? 0 : Keys.readLong(v, 0);
    }

    /** Adds {@code delta} to a counter inside {@code batch}; the caller holds the write lock. */
    public void addCount(Batch batch, byte[] counterKey, long delta) {
        long next = count(counterKey) + delta;
        if (next <= 0) {
            batch.delete(counters, counterKey);
        } else {
            batch.put(counters, counterKey, Keys.builder().add(next).build());
        }
    }

    /** Removes every counter whose key starts with {@code prefix} (a deleted parent's). */
    public void deleteCounters(Batch batch, byte[] prefix) {
        batch.deletePrefix(counters, prefix);
    }
}
