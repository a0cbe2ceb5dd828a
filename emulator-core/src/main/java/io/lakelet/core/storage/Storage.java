package io.lakelet.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.ConfigOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one RocksDB instance that holds all of Lakelet's state. Each service owns {@link Keyspace}s (column
 * families); writes that must be atomic go through one {@link Batch}.
 *
 * <p>This class is the single owner of every native handle: the database, its options and the column
 * family handles are closed here and only here, in reverse order of opening. A handle used after close
 * would crash the JVM, so every operation holds the read side of a lock that {@link #close()} takes for
 * writing; operations after close fail with {@link IllegalStateException}.
 *
 * <p>Keyspaces whose names end in {@code .blobs} keep large values in blob files (BlobDB), out of the LSM
 * tree, for object bytes. Keyspaces whose names end in {@code .records} hold stream records, written once
 * and mostly opaque to compression (producers send binary, aggregated or encrypted data): they are not
 * compressed, which spares every flush and compaction an LZ4 pass that would save nothing. Compression is
 * an option of each file written, so a store written before keeps reading its compressed files.
 */
public final class Storage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    private static final String BLOBS_SUFFIX = ".blobs";
    private static final String RECORDS_SUFFIX = ".records";
    /** The default size of the blob cache: hot object chunks are served from it. */
    public static final long DEFAULT_BLOB_CACHE_BYTES = 64L << 20;
    /** Each shard of the blob cache holds at least this much, so a whole 1 MiB chunk fits in any shard. */
    private static final long BLOB_CACHE_SHARD_BYTES = 16L << 20;
    /** The largest memtable of a {@code .records} keyspace. */
    static final long RECORD_MEMTABLE_BYTES = 128L << 20;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final boolean temporary;
    private final SyncPolicy syncPolicy;
    private final long blobCacheBytes;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions plainOptions;
    private final ColumnFamilyOptions blobOptions;
    private final ColumnFamilyOptions recordOptions;
    private final WriteOptions writeOptions;
    /** Plain reads; RocksDB only reads it, so every thread shares it. */
    private final ReadOptions readOptions = new ReadOptions();
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final Map<String, Keyspace> keyspaces = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ScheduledExecutorService syncer;
    private volatile boolean closed;

    private Storage(Path dir, boolean temporary, SyncPolicy syncPolicy, long syncIntervalMillis, long blobCacheBytes) {
        this.dir = dir;
        this.temporary = temporary;
        this.syncPolicy = syncPolicy;
        this.blobCacheBytes = blobCacheBytes;
        this.dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(2);
        this.plainOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION);
        this.blobOptions = blobOptions(blobCacheBytes)
                .setEnableBlobFiles(true)
                .setMinBlobSize(4096)
                .setEnableBlobGarbageCollection(true)
                .setCompressionType(CompressionType.NO_COMPRESSION);
        this.recordOptions = recordOptions();
        this.writeOptions = new WriteOptions()
                .setSync(syncPolicy == SyncPolicy.ALWAYS)
                .setDisableWAL(syncPolicy == SyncPolicy.NONE);
        try {
            Files.createDirectories(dir);
            boolean directIo = DirectIo.supported(dir);
            dbOptions.setUseDirectIoForFlushAndCompaction(directIo);
            LOG.info("store in {}: flushes and compactions {}", dir,
                    directIo ? "use direct I/O" : "go through the page cache (the file system refuses direct I/O)");
            List<byte[]> existing;
            try (Options options = new Options()) {
                existing = RocksDB.listColumnFamilies(options, dir.toString());
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, plainOptions));
            for (byte[] name : existing) {
                String n = new String(name, StandardCharsets.UTF_8);
                if (!n.equals("default")) {
                    descriptors.add(new ColumnFamilyDescriptor(name, optionsFor(n)));
                }
            }
            this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            for (int i = 1; i < descriptors.size(); i++) {
                String n = new String(descriptors.get(i).getName(), StandardCharsets.UTF_8);
                keyspaces.put(n, new Keyspace(this, n, handles.get(i)));
            }
        } catch (RocksDBException | IOException e) {
            closeOptions();
            throw new StorageException("cannot open the store in " + dir + ": " + e.getMessage(), e);
        }
        if (syncPolicy == SyncPolicy.INTERVAL) {
            syncer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lakelet-wal-sync");
                t.setDaemon(true);
                return t;
            });
            syncer.scheduleWithFixedDelay(this::syncWal, syncIntervalMillis, syncIntervalMillis, TimeUnit.MILLISECONDS);
        } else {
            syncer = null;
        }
    }

    /** Opens (or creates) a persistent store in {@code dir}. */
    public static Storage open(Path dir, SyncPolicy syncPolicy, long syncIntervalMillis) {
        return open(dir, syncPolicy, syncIntervalMillis, DEFAULT_BLOB_CACHE_BYTES);
    }

    /** Opens (or creates) a persistent store whose blob cache holds up to {@code blobCacheBytes} (0: none). */
    public static Storage open(Path dir, SyncPolicy syncPolicy, long syncIntervalMillis, long blobCacheBytes) {
        return new Storage(dir, false, syncPolicy, syncIntervalMillis, blobCacheBytes);
    }

    /** A store in a new temporary directory that is removed when the store closes. */
    public static Storage temporary(SyncPolicy syncPolicy) {
        return temporary(syncPolicy, DEFAULT_BLOB_CACHE_BYTES);
    }

    /** A temporary store whose blob cache holds up to {@code blobCacheBytes} (0: none). */
    public static Storage temporary(SyncPolicy syncPolicy, long blobCacheBytes) {
        try {
            Path dir = Files.createTempDirectory("lakelet-");
            return new Storage(dir, true, syncPolicy, 1000, blobCacheBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    public boolean isTemporary() {
        return temporary;
    }

    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    /** The keyspace of that name, created on first use. Names are global: prefix them with the service id. */
    public Keyspace keyspace(String name) {
        Keyspace ks = keyspaces.get(name);
        if (ks != null) {
            return ks;
        }
        synchronized (keyspaces) {
            ks = keyspaces.get(name);
            if (ks == null) {
                ks = read(() -> {
                    ColumnFamilyHandle h = db.createColumnFamily(
                            new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), optionsFor(name)));
                    handles.add(h);
                    return new Keyspace(this, name, h);
                });
                keyspaces.put(name, ks);
            }
            return ks;
        }
    }

    /** Whether a keyspace of that name exists (was opened or created), without creating it. */
    public boolean hasKeyspace(String name) {
        return keyspaces.containsKey(name);
    }

    /**
     * Drops a keyspace and everything in it, for good (a migration's old layout). The keyspace must no
     * longer be used: its handle is closed here.
     */
    public void dropKeyspace(String name) {
        synchronized (keyspaces) {
            Keyspace ks = keyspaces.remove(name);
            if (ks == null) {
                return;
            }
            ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("the store is closed");
                }
                db.dropColumnFamily(ks.handle());
                handles.remove(ks.handle());
                ks.handle().close();
            } catch (RocksDBException e) {
                throw new StorageException(e.getMessage(), e);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Seals the memtable of {@code ks} and writes it to a file: in the background when {@code wait} is
     * false (the memtable is sealed before this returns, so later writes go to a new one), or before
     * returning. Writes are not held back while earlier memtables are still being written.
     */
    public void flush(Keyspace ks, boolean wait) {
        read(() -> {
            try (FlushOptions options = new FlushOptions().setWaitForFlush(wait).setAllowWriteStall(true)) {
                db.flush(options, ks.handle());
            }
            return null;
        });
    }

    /**
     * Deletes the table files of {@code ks} whose keys all lie in one of the ranges, given as begin and
     * end (excluded) keys in turn, without writing a deletion: keys of a range that share a file with keys
     * outside it, are in level 0 or are still in a memtable, stay. For key ranges nothing reads any more;
     * a reader inside one may see part of it gone.
     */
    public void deleteFiles(Keyspace ks, List<byte[]> ranges) {
        read(() -> {
            db.deleteFilesInRanges(ks.handle(), ranges, false);
            return null;
        });
    }

    /** A numeric RocksDB property of a keyspace ({@code rocksdb.num-running-compactions} and the like). */
    public long longProperty(Keyspace ks, String property) {
        return read(() -> db.getLongProperty(ks.handle(), property));
    }

    /** A new atomic batch of writes across keyspaces; nothing is visible until {@link Batch#commit()}. */
    public Batch batch() {
        return new Batch(this);
    }

    /** Deletes every key of every keyspace (the reset endpoint); keyspaces themselves remain. */
    public void clear() {
        for (Keyspace ks : keyspaces.values()) {
            ks.clear();
        }
    }

    /** Names and approximate key counts of the keyspaces, for the health endpoint. */
    public Map<String, Long> describe() {
        Map<String, Long> out = new LinkedHashMap<>();
        keyspaces.keySet().stream().sorted().forEach(n -> out.put(n, keyspaces.get(n).approximateCount()));
        return out;
    }

    /** Bytes the blob cache holds now (0 without a cache or before a {@code .blobs} keyspace exists). */
    public long blobCacheUsage() {
        if (blobCacheBytes <= 0) {
            return 0;
        }
        for (Keyspace ks : keyspaces.values()) {
            if (ks.name().endsWith(BLOBS_SUFFIX)) {
                // Every blob keyspace shares the one cache of the blob options.
                return read(() -> db.getLongProperty(ks.handle(), "rocksdb.blob-cache-usage"));
            }
        }
        return 0;
    }

    // Package-private primitives used by Keyspace and Batch, all under the lifecycle read lock.

    RocksDB db() {
        return db;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    void write(WriteBatch batch) {
        read(() -> {
            db.write(writeOptions, batch);
            return null;
        });
    }

    <T> T read(RocksCall<T> call) {
        ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            return call.call();
        } catch (RocksDBException e) {
            throw new StorageException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    ReadOptions readOptions() {
        return readOptions;
    }

    RocksIterator newIterator(ColumnFamilyHandle handle) {
        return read(() -> db.newIterator(handle));
    }

    /** An iterator that stops below {@code upperBound}; its options are closed by {@link #closeIterator}. */
    BoundedIterator newIterator(ColumnFamilyHandle handle, byte[] upperBound) {
        return read(() -> {
            Slice bound = new Slice(upperBound);
            ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
            return new BoundedIterator(db.newIterator(handle, options), options, bound);
        });
    }

    /**
     * A native iterator with the options and bound it was made with. RocksDB stops at the bound without
     * touching later keys (and range tombstones beyond it), which keeps prefix scans cheap as data churns.
     */
    record BoundedIterator(RocksIterator iterator, ReadOptions options, Slice bound) {
    }

    void closeIterator(BoundedIterator it) {
        ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (!closed) {
                it.iterator().close();
            }
            it.options().close();
            it.bound().close();
        } finally {
            lock.unlock();
        }
    }

    /** Runs an iterator's close under the lock so it cannot race with the store's close. */
    void closeIterator(RocksIterator it) {
        ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (!closed) {
                it.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    interface RocksCall<T> {
        T call() throws RocksDBException;
    }

    private void syncWal() {
        try {
            read(() -> {
                db.syncWal();
                return null;
            });
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("syncing the write-ahead log failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Options of the {@code .records} keyspaces: stream records, written once in bursts and in key order
     * per memtable (Kinesis seals a generation of its records with {@link #flush}; see its
     * {@code RecordLog}). The memtable may grow to 128 MiB, twice what a generation fills, so that
     * RocksDB does not flush in the middle of one; up to four may wait to be written, so that a burst
     * faster than the disk for a moment is not held back at once. Each flushed file is moved out of level
     * 0 at once, which for files that overlap none below is a change of metadata only: files in level 0
     * cannot be deleted whole ({@link #deleteFiles}). Nothing is compressed: records rarely compress
     * (producers send binary, aggregated or encrypted data), and LZ4 cost every flush a pass.
     */
    private static ColumnFamilyOptions recordOptions() {
        return new ColumnFamilyOptions()
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setWriteBufferSize(RECORD_MEMTABLE_BYTES)
                .setMaxWriteBufferNumber(4)
                .setLevel0FileNumCompactionTrigger(1);
    }

    /**
     * Options of the {@code .blobs} keyspaces, with an LRU blob cache of {@code cacheBytes}. A read from a
     * blob file copies the blob out of the page cache and verifies its CRC32C, which the stock rocksdbjni
     * computes in software (about 1 GB/s: a millisecond per 1 MiB chunk); a blob found in the cache is
     * copied once and was verified when it was loaded. The Java API has no setter for {@code blob_cache},
     * so it is given as an option string; the cache belongs to these options and is freed with them.
     * Shards are at least 16 MiB each: a shard smaller than a chunk would never keep it.
     */
    private static ColumnFamilyOptions blobOptions(long cacheBytes) {
        if (cacheBytes <= 0) {
            return new ColumnFamilyOptions();
        }
        int shardBits = 0;
        while (shardBits < 6 && cacheBytes >> (shardBits + 1) >= BLOB_CACHE_SHARD_BYTES) {
            shardBits++;
        }
        Properties props = new Properties();
        props.setProperty("blob_cache", "{capacity=" + cacheBytes + ";num_shard_bits=" + shardBits + "}");
        try (ConfigOptions config = new ConfigOptions()) {
            ColumnFamilyOptions options = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(config, props);
            if (options == null) {
                throw new StorageException("RocksDB rejected the blob cache options " + props, null);
            }
            return options;
        }
    }

    private ColumnFamilyOptions optionsFor(String name) {
        if (name.endsWith(BLOBS_SUFFIX)) {
            return blobOptions;
        }
        return name.endsWith(RECORDS_SUFFIX) ? recordOptions : plainOptions;
    }

    /**
     * Flushes and closes the store. With the NONE policy the memtables are flushed first so a clean
     * shutdown keeps everything. A temporary store's directory is deleted.
     */
    @Override
    public void close() {
        ReentrantReadWriteLock.WriteLock lock = lifecycle.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (syncer != null) {
                syncer.shutdownNow();
            }
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                if (syncPolicy == SyncPolicy.NONE && !temporary) {
                    db.flush(flush, handles);
                }
                if (syncPolicy != SyncPolicy.NONE) {
                    db.syncWal();
                }
            } catch (RocksDBException e) {
                LOG.warn("flushing the store on close failed: {}", e.getMessage());
            }
            for (int i = handles.size() - 1; i >= 0; i--) {
                handles.get(i).close();
            }
            db.close();
            closeOptions();
        } finally {
            lock.unlock();
        }
        if (temporary) {
            deleteRecursively(dir);
        }
    }

    private void closeOptions() {
        readOptions.close();
        writeOptions.close();
        recordOptions.close();
        blobOptions.close();
        plainOptions.close();
        dbOptions.close();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove the temporary store {}: {}", dir, e.getMessage());
        }
    }
}
