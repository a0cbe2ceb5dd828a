package io.lakelet.s3.service;

import io.lakelet.core.events.EventBus;
import io.lakelet.core.events.ObjectEvent;
import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Storage;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.BucketStore;
import io.lakelet.s3.store.ChunkReader;
import io.lakelet.s3.store.ChunkStore;
import io.lakelet.s3.store.KeyLocks;
import io.lakelet.s3.store.Listing;
import io.lakelet.s3.store.ObjectIndex;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.store.Segment;
import io.lakelet.s3.store.UploadMeta;
import io.lakelet.s3.store.UploadStore;
import io.lakelet.s3.store.VersionStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The S3 object model without HTTP: buckets and objects, written atomically (bytes first, then one batch
 * that makes the new version visible and drops the replaced one) and announced on the event bus.
 */
public final class ObjectService {
    public static final int MAX_KEY_BYTES = 1024;

    private final Storage storage;
    private final BucketStore buckets;
    private final ObjectIndex index;
    private final ChunkStore chunks;
    private final UploadStore uploads;
    private final VersionStore versions;
    private final AtomicLong sequence = new AtomicLong();
    private final KeyLocks locks = new KeyLocks();
    private final Object bucketLock = new Object();
    private final EventBus events;
    private final Clock clock;

    public ObjectService(Storage storage, EventBus events, Clock clock) {
        this.storage = storage;
        this.buckets = new BucketStore(storage);
        this.index = new ObjectIndex(storage);
        this.chunks = new ChunkStore(storage, clock);
        this.uploads = new UploadStore(storage);
        this.versions = new VersionStore(storage);
        this.events = events;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    public ChunkStore chunks() {
        return chunks;
    }

    public UploadStore uploads() {
        return uploads;
    }

    public Storage storage() {
        return storage;
    }

    public KeyLocks locks() {
        return locks;
    }

    public ObjectIndex index() {
        return index;
    }

    /** Deletes bytes of writes that never committed (after a crash). */
    public int recover() {
        return chunks.removeOrphans();
    }

    // Buckets

    public Optional<BucketMeta> findBucket(String name) {
        return name == null ? Optional.empty() : buckets.get(name);
    }

    public BucketMeta bucket(String name) {
        return findBucket(name).orElseThrow(() -> S3Errors.noSuchBucket(name));
    }

    /**
     * Creates a bucket. Creating one the caller already owns fails with BucketAlreadyOwnedByYou, except
     * in us-east-1 where S3 answers 200 for compatibility; another account's name is BucketAlreadyExists.
     */
    public BucketMeta createBucket(String account, String region, String name) {
        if (!BucketNames.valid(name)) {
            throw S3Errors.invalidBucketName(name);
        }
        synchronized (bucketLock) {
            Optional<BucketMeta> existing = buckets.get(name);
            if (existing.isPresent()) {
                BucketMeta b = existing.get();
                if (!b.account().equals(account)) {
                    throw S3Errors.bucketAlreadyExists(name);
                }
                if ("us-east-1".equals(region) && "us-east-1".equals(b.region())) {
                    return b;
                }
                throw S3Errors.bucketAlreadyOwnedByYou(name);
            }
            BucketMeta b = new BucketMeta(name, account, region, clock.millis(), null, Map.of(), null, null, null,
                    null);
            buckets.put(b);
            return b;
        }
    }

    /**
     * Deletes an empty bucket (no objects, versions or delete markers). Multipart uploads still in progress
     * are aborted with it, their parts' bytes removed in the same batch.
     */
    public void deleteBucket(String name) {
        synchronized (bucketLock) {
            BucketMeta b = bucket(name);
            if (!index.isEmpty(name) || !versions.isEmpty(name)) {
                throw S3Errors.bucketNotEmpty(name);
            }
            try (Batch batch = storage.batch()) {
                for (UploadMeta upload : uploads.list(name, null)) {
                    uploads.parts(upload.uploadId()).forEach(p -> chunks.delete(batch, p.segment()));
                    uploads.delete(batch, upload);
                }
                buckets.delete(batch, b.name());
                batch.commit();
            }
        }
    }

    public List<BucketMeta> listBuckets(String account) {
        return buckets.list(account);
    }

    public List<BucketMeta> allBuckets() {
        return buckets.all();
    }

    public BucketMeta updateBucket(String name, UnaryOperator<BucketMeta> change) {
        synchronized (bucketLock) {
            BucketMeta updated = change.apply(bucket(name));
            buckets.put(updated);
            return updated;
        }
    }

    // Objects

    public static void checkKey(String key) {
        int size = key.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_KEY_BYTES) {
            throw S3Errors.keyTooLong(size);
        }
    }

    public Optional<ObjectMeta> find(String bucket, String key) {
        return index.get(bucket, key);
    }

    public ObjectMeta require(String bucket, String key) {
        return find(bucket, key).orElseThrow(() -> S3Errors.noSuchKey(key));
    }

    /**
     * Writes an object: the bytes of {@code data} go to new chunks, then {@code describe} turns the written
     * segment into the object's metadata (called once the whole stream was read and checked), then one
     * batch replaces the previous object. Nothing becomes visible if reading or checking fails.
     */
    public ObjectMeta put(BucketMeta bucket, String key, InputStream data, Function<Segment, ObjectMeta> describe,
                          String eventName) throws IOException {
        return put(bucket, key, data, describe, WriteCondition.NONE, eventName);
    }

    /** {@link #put(BucketMeta, String, InputStream, Function, String)} if {@code condition} holds at commit. */
    public ObjectMeta put(BucketMeta bucket, String key, InputStream data, Function<Segment, ObjectMeta> describe,
                          WriteCondition condition, String eventName) throws IOException {
        checkKey(key);
        Segment segment = chunks.write(data);
        ObjectMeta meta;
        try {
            meta = describe.apply(segment);
        } catch (RuntimeException e) {
            chunks.discard(segment.dataId());
            throw e;
        }
        return commit(bucket, meta, List.of(segment), condition, eventName);
    }

    /** Makes {@code meta} the current object of its key; its segments must be written (pending or not). */
    public ObjectMeta commit(BucketMeta bucket, ObjectMeta meta, List<Segment> pendingSegments,
                             WriteCondition condition, String eventName) {
        return commitWith(bucket, meta, condition, batch -> pendingSegments.forEach(s -> chunks.commit(batch, s)),
                () -> chunks.discard(pendingSegments), eventName);
    }

    /**
     * Makes a completed multipart upload the current object of its key: in the same batch as the object,
     * {@code extra} removes the upload and its unused parts. The parts' segments are already permanent.
     */
    public ObjectMeta commitCompleted(BucketMeta bucket, ObjectMeta meta, WriteCondition condition,
                                      Consumer<Batch> extra) {
        return commitWith(bucket, meta, condition, extra, () -> { }, "ObjectCreated:CompleteMultipartUpload");
    }

    /**
     * One batch that makes {@code meta} current. Without versioning the replaced object's bytes go; with
     * versioning enabled the new version gets an id and the old ones stay; when suspended the new version
     * is the {@code null} version and replaces the previous {@code null} version.
     */
    private ObjectMeta commitWith(BucketMeta bucket, ObjectMeta meta, WriteCondition condition, Consumer<Batch> extra,
                                  Runnable onFailure, String eventName) {
        ReentrantLock lock = locks.lockFor(meta.bucket(), meta.key());
        ObjectMeta stored;
        try {
            Optional<BucketMeta> current = findBucket(bucket.name());
            if (current.isEmpty()) {
                onFailure.run();
                throw S3Errors.noSuchBucket(bucket.name());
            }
            try {
                condition.check(index.get(meta.bucket(), meta.key()), meta.key());
            } catch (RuntimeException e) {
                onFailure.run();
                throw e;
            }
            String versioning = current.get().versioning();
            try (Batch batch = storage.batch()) {
                if (versioning == null) {
                    stored = meta;
                    index.get(meta.bucket(), meta.key()).ifPresent(p -> p.segments().forEach(s -> chunks.delete(batch, s)));
                } else {
                    long seq = nextSequence();
                    boolean enabled = "Enabled".equals(versioning);
                    stored = meta.withVersionId(enabled ? VersionStore.newId(seq) : VersionStore.NULL_ID);
                    if (!enabled) {
                        dropNullVersion(batch, meta.bucket(), meta.key());
                    }
                    versions.put(batch, stored, seq);
                }
                index.put(batch, stored);
                extra.accept(batch);
                batch.commit();
            }
        } finally {
            lock.unlock();
        }
        events.publish(new ObjectEvent(bucket.account(), bucket.region(), stored.bucket(), stored.key(), stored.size(),
                unquote(stored.etag()), eventName, Instant.ofEpochMilli(stored.lastModified())));
        return stored;
    }

    private void dropNullVersion(Batch batch, String bucket, String key) {
        versions.get(bucket, key, VersionStore.NULL_ID).ifPresent(v -> {
            versions.delete(batch, v);
            v.meta().segments().forEach(s -> chunks.delete(batch, s));
        });
    }

    private long nextSequence() {
        long now = clock.millis() * 1000;
        return sequence.updateAndGet(last -> Math.max(last + 1, now));
    }

    /** What a delete did: whether it concerned a delete marker, and the version id involved. */
    public record Deleted(Optional<ObjectMeta> removed, boolean deleteMarker, String versionId) {
    }

    /** Deletes the current object (or, with versioning, adds a delete marker). */
    public Deleted delete(BucketMeta bucket, String key) {
        return delete(bucket, key, null);
    }

    /**
     * Deletes as S3 does: without a version id, the current object goes (unversioned bucket) or a delete
     * marker becomes current (versioned bucket); with a version id, exactly that version goes and the next
     * newest becomes current.
     */
    public Deleted delete(BucketMeta bucket, String key, String versionId) {
        ReentrantLock lock = locks.lockFor(bucket.name(), key);
        Deleted result;
        try {
            String versioning = findBucket(bucket.name()).map(BucketMeta::versioning).orElse(null);
            try (Batch batch = storage.batch()) {
                if (versioning == null) {
                    Optional<ObjectMeta> previous = index.get(bucket.name(), key)
                            .filter(p -> versionId == null || VersionStore.NULL_ID.equals(versionId));
                    previous.ifPresent(p -> {
                        index.delete(batch, bucket.name(), key);
                        p.segments().forEach(s -> chunks.delete(batch, s));
                    });
                    result = new Deleted(previous, false, null);
                } else if (versionId == null) {
                    long seq = nextSequence();
                    boolean enabled = "Enabled".equals(versioning);
                    ObjectMeta marker = ObjectMeta.deleteMarker(bucket.name(), key,
                            enabled ? VersionStore.newId(seq) : VersionStore.NULL_ID, clock.millis());
                    if (!enabled) {
                        dropNullVersion(batch, bucket.name(), key);
                    }
                    versions.put(batch, marker, seq);
                    Optional<ObjectMeta> previous = index.get(bucket.name(), key);
                    index.delete(batch, bucket.name(), key);
                    result = new Deleted(previous, true, marker.versionId());
                } else {
                    result = deleteVersion(batch, bucket.name(), key, versionId);
                }
                batch.commit();
            }
        } finally {
            lock.unlock();
        }
        result.removed().filter(m -> !m.deleteMarker()).ifPresent(m -> events.publish(new ObjectEvent(bucket.account(),
                bucket.region(), bucket.name(), key, m.size(), unquote(m.etag()),
                result.deleteMarker() ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete", clock.instant())));
        return result;
    }

    private Deleted deleteVersion(Batch batch, String bucket, String key, String versionId) {
        List<VersionStore.Version> all = versions.of(bucket, key);
        Optional<VersionStore.Version> target = all.stream().filter(v -> versionId.equals(v.meta().versionId())).findFirst();
        if (target.isEmpty()) {
            return new Deleted(Optional.empty(), false, versionId);
        }
        VersionStore.Version v = target.get();
        versions.delete(batch, v);
        v.meta().segments().forEach(s -> chunks.delete(batch, s));
        if (all.get(0).equals(v)) {
            Optional<VersionStore.Version> next = all.stream().skip(1).findFirst();
            if (next.isPresent() && !next.get().meta().deleteMarker()) {
                index.put(batch, next.get().meta());
            } else {
                index.delete(batch, bucket, key);
            }
        }
        return new Deleted(Optional.of(v.meta()), v.meta().deleteMarker(), versionId);
    }

    /** A version of an object, or the current object when {@code versionId} is null. */
    public ObjectMeta require(String bucket, String key, String versionId) {
        if (versionId == null) {
            return require(bucket, key);
        }
        Optional<ObjectMeta> found = versions.get(bucket, key, versionId).map(VersionStore.Version::meta);
        if (found.isEmpty() && VersionStore.NULL_ID.equals(versionId)) {
            found = index.get(bucket, key).filter(m -> m.versionId() == null);
        }
        ObjectMeta meta = found.orElseThrow(() -> S3Errors.noSuchVersion(key, versionId));
        if (meta.deleteMarker()) {
            throw S3Errors.methodNotAllowed("GET", "DeleteMarker").withHeader("x-amz-delete-marker", "true")
                    .withHeader("x-amz-version-id", versionId);
        }
        return meta;
    }

    /** Whether the newest version of a key in a versioned bucket is a delete marker. */
    public boolean deletedByMarker(String bucket, String key) {
        List<VersionStore.Version> all = versions.of(bucket, key);
        return !all.isEmpty() && all.get(0).meta().deleteMarker();
    }

    /**
     * Sets a bucket's versioning status. The first time versioning is turned on, the current objects
     * become {@code null} versions, as S3 keeps objects written before versioning.
     */
    public void setVersioning(String name, String status) {
        synchronized (bucketLock) {
            BucketMeta b = bucket(name);
            if (b.versioning() == null) {
                List<ObjectMeta> existing = index.all(name);
                for (int from = 0; from < existing.size(); from += 500) {
                    try (Batch batch = storage.batch()) {
                        for (ObjectMeta m : existing.subList(from, Math.min(existing.size(), from + 500))) {
                            ObjectMeta nullVersion = m.withVersionId(VersionStore.NULL_ID);
                            versions.put(batch, nullVersion, m.lastModified() * 1000);
                            index.put(batch, nullVersion);
                        }
                        batch.commit();
                    }
                }
            }
            buckets.put(b.withVersioning(status));
        }
    }

    public VersionStore versions() {
        return versions;
    }

    /** Replaces the metadata of the current object in place (tags), and of its version record if versioned. */
    public ObjectMeta updateMeta(String bucket, String key, UnaryOperator<ObjectMeta> change) {
        ReentrantLock lock = locks.lockFor(bucket, key);
        try {
            ObjectMeta current = require(bucket, key);
            ObjectMeta updated = change.apply(current);
            try (Batch batch = storage.batch()) {
                index.put(batch, updated);
                if (current.versionId() != null) {
                    versions.get(bucket, key, current.versionId()).ifPresent(v -> versions.put(batch, updated, v.sequence()));
                }
                batch.commit();
            }
            return updated;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes a read takes: chosen per object, as a range or a part of it depends on the object's size. */
    public interface ReadPlan {
        long offset();

        long length();
    }

    /** A plain byte span. */
    public record Span(long offset, long length) implements ReadPlan {
    }

    /** An object's metadata, the plan made from it, and a reader of exactly those bytes. */
    public record Opened<P extends ReadPlan>(ObjectMeta meta, P plan, ChunkReader reader) {
    }

    /**
     * Reads an object's metadata and opens a reader of the bytes {@code plan} chooses from it, such that
     * metadata and bytes belong to the same version: if a writer replaced the object between the two
     * steps (and so deleted the bytes), it starts again with the new object.
     */
    public <P extends ReadPlan> Opened<P> open(String bucket, String key, String versionId,
                                              Function<ObjectMeta, P> plan) {
        for (int attempt = 0; ; attempt++) {
            ObjectMeta meta = require(bucket, key, versionId);
            P p = plan.apply(meta);
            ChunkReader reader = chunks.open(meta.segments(), p.offset(), p.length());
            // Chunks go in the batch that replaces their object: if the object is still there now, the
            // reader (opened before this check) sees all of its chunks.
            if (unchanged(meta) || attempt >= 20) {
                return new Opened<>(meta, p, reader);
            }
            reader.close();
        }
    }

    private boolean unchanged(ObjectMeta meta) {
        Optional<ObjectMeta> now = meta.versionId() == null ? index.get(meta.bucket(), meta.key())
                : versions.get(meta.bucket(), meta.key(), meta.versionId()).map(VersionStore.Version::meta)
                        .or(() -> index.get(meta.bucket(), meta.key()).filter(m -> meta.versionId().equals(m.versionId())));
        return now.isPresent() && now.get().segments().equals(meta.segments());
    }

    public Listing list(String bucket, String prefix, String delimiter, String after, int maxKeys) {
        return index.list(bucket, prefix, delimiter, after, maxKeys);
    }

    public static String quote(String hex) {
        return "\"" + hex + "\"";
    }

    public static String unquote(String etag) {
        return etag != null && etag.length() >= 2 && etag.startsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
