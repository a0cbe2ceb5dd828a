package io.lakelet.s3.store;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every version of every object (delete markers included) of buckets that have had versioning enabled,
 * keyed by bucket, key and a descending sequence, so a scan meets each key's versions newest first. A
 * version id carries its sequence, which makes lookups by id direct.
 */
public final class VersionStore {
    /** The id S3 gives versions written while versioning was off or suspended. */
    public static final String NULL_ID = "null";

    /** A stored version and its sequence. */
    public record Version(ObjectMeta meta, long sequence) {
    }

    private final Keyspace versions;

    public VersionStore(Storage storage) {
        this.versions = storage.keyspace("s3.versions");
    }

    /** A new opaque version id that encodes {@code sequence}. */
    public static String newId(long sequence) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(sequence).putLong(ThreadLocalRandom.current().nextLong());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The sequence a version id encodes, or -1 for {@code null} and ids Lakelet did not issue. */
    public static long sequenceOf(String versionId) {
        if (versionId == null || NULL_ID.equals(versionId)) {
            return -1;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(versionId);
            return raw.length == 16 ? ByteBuffer.wrap(raw).getLong() : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    public void put(Batch batch, ObjectMeta meta, long sequence) {
        batch.put(versions, key(meta.bucket(), meta.key(), sequence), Json.write(meta));
    }

    public void delete(Batch batch, Version v) {
        batch.delete(versions, key(v.meta().bucket(), v.meta().key(), v.sequence()));
    }

    /** The version of that id ({@code null} included), if stored. */
    public Optional<Version> get(String bucket, String key, String versionId) {
        long seq = sequenceOf(versionId);
        if (seq >= 0) {
            byte[] v = versions.get(key(bucket, key, seq));
            if (v == null) {
                return Optional.empty();
            }
            ObjectMeta meta = Json.readMemo(v, ObjectMeta.class);
            return versionId.equals(meta.versionId()) ? Optional.of(new Version(meta, seq)) : Optional.empty();
        }
        return of(bucket, key).stream().filter(v -> versionId.equals(v.meta().versionId())).findFirst();
    }

    /** The versions of one key, newest first. */
    public List<Version> of(String bucket, String key) {
        List<Version> out = new ArrayList<>();
        byte[] prefix = Keys.builder().add(bucket).add(key).build();
        try (Scan scan = versions.scan(prefix)) {
            for (Scan.Entry e : scan) {
                if (e.key().length == prefix.length + 8) {
                    out.add(new Version(Json.read(e.value(), ObjectMeta.class), sequence(e.key())));
                }
            }
        }
        return out;
    }

    public boolean isEmpty(String bucket) {
        try (Scan scan = versions.scan(Keys.builder().add(bucket).build())) {
            return !scan.hasNext();
        }
    }

    /** One page of versions in key order, newest first within a key, with delimiter roll-up. */
    public record Page(List<Version> versions, List<String> commonPrefixes, boolean truncated, String nextKey,
                       String nextVersionId) {
    }

    public Page list(String bucket, String prefix, String delimiter, String keyMarker, String versionIdMarker,
                     int maxItems) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        byte[] scanPrefix = Keys.builder().add(bucket).addOpen(p).build();
        byte[] from = scanPrefix;
        if (keyMarker != null && !keyMarker.isEmpty()) {
            long seq = sequenceOf(versionIdMarker);
            from = seq >= 0 ? successor(key(bucket, keyMarker, seq))
                    : Keys.prefixEnd(Keys.builder().add(bucket).add(keyMarker).build());
        }
        int bucketLength = bucket.getBytes(StandardCharsets.UTF_8).length + 1;
        List<Version> found = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastVersion = null;
        outer:
        while (true) {
            try (Scan scan = versions.scanFrom(scanPrefix, from)) {
                for (Scan.Entry e : scan) {
                    String k = new String(e.key(), bucketLength, e.key().length - bucketLength - 9, StandardCharsets.UTF_8);
                    int at = d == null ? -1 : k.indexOf(d, p.length());
                    if (found.size() + prefixes.size() >= maxItems) {
                        return new Page(found, prefixes, true, lastKey, lastVersion);
                    }
                    if (at >= 0) {
                        String common = k.substring(0, at + d.length());
                        prefixes.add(common);
                        lastKey = common;
                        lastVersion = null;
                        byte[] end = Keys.prefixEnd(Keys.builder().add(bucket).addOpen(common).build());
                        if (end == null) {
                            break outer;
                        }
                        from = end;
                        continue outer;
                    }
                    Version v = new Version(Json.read(e.value(), ObjectMeta.class), sequence(e.key()));
                    found.add(v);
                    lastKey = k;
                    lastVersion = v.meta().versionId();
                }
                break;
            }
        }
        return new Page(found, prefixes, false, null, null);
    }

    private static long sequence(byte[] key) {
        return Long.MAX_VALUE - Keys.readLong(key, key.length - 8);
    }

    private static byte[] key(String bucket, String key, long sequence) {
        return Keys.builder().add(bucket).add(key).add(Long.MAX_VALUE - sequence).build();
    }

    private static byte[] successor(byte[] key) {
        return java.util.Arrays.copyOf(key, key.length + 1);
    }
}
