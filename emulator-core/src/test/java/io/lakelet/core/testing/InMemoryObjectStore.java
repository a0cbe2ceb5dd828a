package io.lakelet.core.testing;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An {@link ObjectStore} in memory for unit tests of the modules that use the port (crawlers, the SQL
 * engine). It keeps the port's contract (ordered listings with delimiters, ranged reads, NoSuchBucket)
 * but none of S3's; end-to-end tests use the real s3-sim.
 */
public final class InMemoryObjectStore implements ObjectStore {
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    private final ConcurrentSkipListMap<String, byte[]> data = new ConcurrentSkipListMap<>();
    private final Map<String, ObjectInfo> infos = new ConcurrentHashMap<>();

    private static String id(String bucket, String key) {
        return bucket + "\u0000" + key;
    }

    @Override
    public boolean bucketExists(String account, String bucket) {
        return buckets.contains(bucket);
    }

    @Override
    public void ensureBucket(String account, String region, String bucket) {
        buckets.add(bucket);
    }

    /** Convenience for tests: puts a string as UTF-8, creating the bucket. */
    public ObjectInfo put(String bucket, String key, String text) {
        buckets.add(bucket);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return put("000000000000", bucket, key, new ByteArrayInputStream(bytes), bytes.length, "text/plain", Map.of());
    }

    @Override
    public ObjectInfo put(String account, String bucket, String key, InputStream in, long length, String contentType,
                          Map<String, String> userMetadata) {
        if (!buckets.contains(bucket)) {
            throw new AwsException("NoSuchBucket", 404, "The specified bucket does not exist");
        }
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectInfo info = new ObjectInfo(bucket, key, bytes.length, Integer.toHexString(java.util.Arrays.hashCode(bytes)),
                Instant.now(), contentType, userMetadata == null ? Map.of() : Map.copyOf(userMetadata));
        data.put(id(bucket, key), bytes);
        infos.put(id(bucket, key), info);
        return info;
    }

    @Override
    public Optional<ObjectInfo> head(String account, String bucket, String key) {
        return Optional.ofNullable(infos.get(id(bucket, key)));
    }

    @Override
    public InputStream read(String account, String bucket, String key, long offset, long length) {
        byte[] bytes = data.get(id(bucket, key));
        if (bytes == null) {
            throw new AwsException("NoSuchKey", 404, "The specified key does not exist.");
        }
        int from = (int) Math.min(Math.max(0, offset), bytes.length);
        int n = (int) (length < 0 ? bytes.length - from : Math.min(length, bytes.length - from));
        return new ByteArrayInputStream(bytes, from, n);
    }

    @Override
    public Listing list(String account, String bucket, String prefix, String delimiter, String startAfter, int maxKeys) {
        if (!buckets.contains(bucket)) {
            throw new AwsException("NoSuchBucket", 404, "The specified bucket does not exist");
        }
        String p = prefix == null ? "" : prefix;
        String from = id(bucket, startAfter != null && startAfter.compareTo(p) > 0 ? startAfter : p);
        List<ObjectInfo> objects = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String last = null;
        for (Map.Entry<String, byte[]> e : data.tailMap(from, true).entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(bucket + "\u0000")) {
                break;
            }
            String key = k.substring(bucket.length() + 1);
            if (!key.startsWith(p)) {
                break;
            }
            if (startAfter != null && key.compareTo(startAfter) <= 0) {
                continue;
            }
            int d = delimiter == null ? -1 : key.indexOf(delimiter, p.length());
            String common = d < 0 ? null : key.substring(0, d + delimiter.length());
            if (common != null && prefixes.contains(common)) {
                continue;
            }
            if (objects.size() + prefixes.size() >= maxKeys) {
                return new Listing(objects, List.copyOf(prefixes), last);
            }
            if (common != null) {
                prefixes.add(common);
                last = common;
                continue;
            }
            objects.add(infos.get(k));
            last = key;
        }
        return new Listing(objects, List.copyOf(prefixes), null);
    }

    @Override
    public void delete(String account, String bucket, String key) {
        data.remove(id(bucket, key));
        infos.remove(id(bucket, key));
    }
}
