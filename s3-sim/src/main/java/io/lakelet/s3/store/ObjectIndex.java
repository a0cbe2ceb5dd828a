package io.lakelet.s3.store;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The current version of every object, keyed by bucket and key so that a prefix scan lists a bucket in
 * S3's order (UTF-8 binary order of keys).
 */
public final class ObjectIndex {
    private final Keyspace objects;

    public ObjectIndex(Storage storage) {
        this.objects = storage.keyspace("s3.objects");
    }

    public Optional<ObjectMeta> get(String bucket, String key) {
        byte[] v = objects.get(key(bucket, key));
        return v == null ? Optional.empty() : Optional.of(Json.readMemo(v, ObjectMeta.class));
    }

    public void put(Batch batch, ObjectMeta meta) {
        batch.put(objects, key(meta.bucket(), meta.key()), Json.write(meta));
    }

    public void delete(Batch batch, String bucket, String key) {
        batch.delete(objects, key(bucket, key));
    }

    public boolean isEmpty(String bucket) {
        try (Scan scan = objects.scan(bucketPrefix(bucket))) {
            return !scan.hasNext();
        }
    }

    /**
     * Lists keys that start with {@code prefix} and sort after {@code after} (null: from the start),
     * rolling up keys that contain {@code delimiter} after the prefix. At most {@code maxKeys} objects
     * and prefixes together.
     */
    public Listing list(String bucket, String prefix, String delimiter, String after, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        byte[] scanPrefix = Keys.builder().add(bucket).addOpen(p).build();
        byte[] from = after == null || after.compareTo(p) < 0 ? scanPrefix : successor(key(bucket, after));
        int rolled = d == null || after == null || !after.startsWith(p) ? -1 : after.indexOf(d, p.length());
        if (rolled >= 0 && rolled + d.length() == after.length()) {
            // The marker is a rolled-up prefix (a continuation): continue after every key of that prefix.
            byte[] end = Keys.prefixEnd(Keys.builder().add(bucket).addOpen(after.substring(0, rolled + d.length())).build());
            if (end == null) {
                return new Listing(List.of(), List.of(), false, null);
            }
            from = end;
        }
        List<ObjectMeta> found = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        int bucketLength = bucket.getBytes(StandardCharsets.UTF_8).length + 1;
        outer:
        while (true) {
            try (Scan scan = objects.scanFrom(scanPrefix, from)) {
                for (Scan.Entry e : scan) {
                    String k = new String(e.key(), bucketLength, e.key().length - bucketLength, StandardCharsets.UTF_8);
                    if (found.size() + prefixes.size() >= maxKeys) {
                        truncated = true;
                        break outer;
                    }
                    int at = d == null ? -1 : k.indexOf(d, p.length());
                    if (at >= 0) {
                        String common = k.substring(0, at + d.length());
                        prefixes.add(common);
                        last = common;
                        byte[] end = Keys.prefixEnd(Keys.builder().add(bucket).addOpen(common).build());
                        if (end == null) {
                            break outer;
                        }
                        from = end;
                        continue outer;
                    }
                    found.add(Json.read(e.value(), ObjectMeta.class));
                    last = k;
                }
                break;
            }
        }
        return new Listing(found, prefixes, truncated, truncated ? last : null);
    }

    /** Every object of a bucket, for deleting it with its objects gone already (used by reset paths). */
    public List<ObjectMeta> all(String bucket) {
        List<ObjectMeta> out = new ArrayList<>();
        try (Scan scan = objects.scan(bucketPrefix(bucket))) {
            for (Scan.Entry e : scan) {
                out.add(Json.read(e.value(), ObjectMeta.class));
            }
        }
        return out;
    }

    private static byte[] bucketPrefix(String bucket) {
        return Keys.builder().add(bucket).build();
    }

    private static byte[] key(String bucket, String key) {
        return Keys.builder().add(bucket).addOpen(key).build();
    }

    /** The smallest key greater than {@code key}. */
    private static byte[] successor(byte[] key) {
        byte[] out = java.util.Arrays.copyOf(key, key.length + 1);
        out[key.length] = 0;
        return out;
    }
}
