package io.lakelet.s3.service;

import io.lakelet.core.ports.ObjectStore;
import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.Listing;
import io.lakelet.s3.store.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ObjectStore} port for other services, over the same store and rules as the S3 API: writes
 * are atomic and announced as events, reads stream. A bucket of another account is NoSuchBucket.
 */
public final class ObjectStorePort implements ObjectStore {
    private final ObjectService objects;

    public ObjectStorePort(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public boolean bucketExists(String account, String bucket) {
        return objects.findBucket(bucket).filter(b -> b.account().equals(account)).isPresent();
    }

    @Override
    public void ensureBucket(String account, String region, String bucket) {
        if (!bucketExists(account, bucket)) {
            try {
                objects.createBucket(account, region, bucket);
            } catch (io.lakelet.core.error.AwsException e) {
                if (!bucketExists(account, bucket)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public ObjectInfo put(String account, String bucket, String key, InputStream data, long length, String contentType,
                          Map<String, String> userMetadata) {
        BucketMeta b = owned(account, bucket);
        HashingInputStream hashing = new HashingInputStream(data, ChecksumAlgorithm.CRC64NVME);
        long now = objects.clock().millis();
        try {
            ObjectMeta meta = objects.put(b, key, hashing, segment -> {
                if (length >= 0 && segment.size() != length) {
                    throw S3Errors.incompleteBody();
                }
                return new ObjectMeta(bucket, key, null, false, segment.size(), ObjectService.quote(hashing.md5Hex()), now,
                        Map.of("Content-Type", contentType == null ? "binary/octet-stream" : contentType),
                        userMetadata, Map.of(ChecksumAlgorithm.CRC64NVME.name(), hashing.checksumBase64()), "FULL_OBJECT",
                        List.of(segment), List.of(), null, Map.of());
            }, "ObjectCreated:Put");
            return info(meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String account, String bucket, String key) {
        owned(account, bucket);
        return objects.find(bucket, key).map(ObjectStorePort::info);
    }

    @Override
    public InputStream read(String account, String bucket, String key, long offset, long length) {
        owned(account, bucket);
        return objects.open(bucket, key, null, meta -> {
            long from = Math.min(Math.max(0, offset), meta.size());
            return new ObjectService.Span(from, length < 0 ? meta.size() - from : Math.min(length, meta.size() - from));
        }).reader();
    }

    @Override
    public Listing list(String account, String bucket, String prefix, String delimiter, String startAfter, int maxKeys) {
        owned(account, bucket);
        io.lakelet.s3.store.Listing page = objects.list(bucket, prefix, delimiter, startAfter, maxKeys);
        return new Listing(page.objects().stream().map(ObjectStorePort::info).toList(), page.commonPrefixes(),
                page.truncated() ? page.last() : null);
    }

    @Override
    public void delete(String account, String bucket, String key) {
        objects.delete(owned(account, bucket), key);
    }

    private BucketMeta owned(String account, String bucket) {
        BucketMeta b = objects.bucket(bucket);
        if (!b.account().equals(account)) {
            throw S3Errors.noSuchBucket(bucket);
        }
        return b;
    }

    private static ObjectInfo info(ObjectMeta m) {
        return new ObjectInfo(m.bucket(), m.key(), m.size(), ObjectService.unquote(m.etag()),
                Instant.ofEpochMilli(m.lastModified()), m.headers().getOrDefault("Content-Type", "binary/octet-stream"),
                m.userMetadata());
    }
}
