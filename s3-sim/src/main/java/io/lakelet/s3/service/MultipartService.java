package io.lakelet.s3.service;

import io.lakelet.core.storage.Batch;
import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.store.PartMeta;
import io.lakelet.s3.store.Segment;
import io.lakelet.s3.store.UploadMeta;
import io.lakelet.s3.store.UploadStore;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Multipart uploads: parts are stored as segments of their own; completing an upload writes no bytes, it
 * commits object metadata that lists the chosen parts' segments and drops the parts left out.
 */
public final class MultipartService {
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final int MAX_PART_NUMBER = 10_000;

    /** A part named in CompleteMultipartUpload. */
    public record CompletedPart(int partNumber, String etag) {
    }

    private final ObjectService objects;
    private final UploadStore uploads;

    public MultipartService(ObjectService objects) {
        this.objects = objects;
        this.uploads = objects.uploads();
    }

    public UploadMeta create(BucketMeta bucket, String key, Map<String, String> headers, Map<String, String> userMetadata,
                             ChecksumAlgorithm algorithm, String checksumType, String storageClass,
                             Map<String, String> tags) {
        ObjectService.checkKey(key);
        String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(
                UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        UploadMeta upload = new UploadMeta(bucket.name(), key, uploadId, objects.clock().millis(), headers, userMetadata,
                algorithm == null ? null : algorithm.name(), checksumType, storageClass, tags);
        uploads.create(upload);
        return upload;
    }

    public UploadMeta require(String bucket, String key, String uploadId) {
        return uploads.get(bucket, key, uploadId).orElseThrow(() -> S3Errors.noSuchUpload(uploadId));
    }

    public static void checkPartNumber(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_PART_NUMBER) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", value);
        }
    }

    /** Stores a part; {@code describe} builds its record once the data was read and checked. */
    public PartMeta uploadPart(UploadMeta upload, int partNumber, InputStream data, Function<Segment, PartMeta> describe)
            throws IOException {
        Segment segment = objects.chunks().write(data);
        PartMeta part;
        try {
            part = describe.apply(segment);
        } catch (RuntimeException e) {
            objects.chunks().discard(segment.dataId());
            throw e;
        }
        var lock = objects.locks().lockFor(upload.uploadId(), Integer.toString(partNumber));
        try {
            if (uploads.get(upload.bucket(), upload.key(), upload.uploadId()).isEmpty()) {
                objects.chunks().discard(segment.dataId());
                throw S3Errors.noSuchUpload(upload.uploadId());
            }
            Optional<PartMeta> previous = uploads.part(upload.uploadId(), partNumber);
            try (Batch batch = objects.storage().batch()) {
                uploads.putPart(batch, upload.uploadId(), part);
                objects.chunks().commit(batch, segment);
                previous.ifPresent(p -> objects.chunks().delete(batch, p.segment()));
                batch.commit();
            }
        } finally {
            lock.unlock();
        }
        return part;
    }

    public List<PartMeta> parts(UploadMeta upload) {
        return uploads.parts(upload.uploadId());
    }

    public List<UploadMeta> list(String bucket, String prefix) {
        return uploads.list(bucket, prefix);
    }

    public void abort(UploadMeta upload) {
        List<PartMeta> parts = uploads.parts(upload.uploadId());
        try (Batch batch = objects.storage().batch()) {
            uploads.delete(batch, upload);
            parts.forEach(p -> objects.chunks().delete(batch, p.segment()));
            batch.commit();
        }
    }

    /**
     * Completes an upload with the listed parts, checked as S3 checks them: ascending part numbers,
     * existing parts with matching ETags, every part but the last at least 5 MiB.
     */
    public ObjectMeta complete(BucketMeta bucket, UploadMeta upload, List<CompletedPart> requested,
                               WriteCondition condition) {
        if (requested.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        Map<Integer, PartMeta> stored = new HashMap<>();
        for (PartMeta p : uploads.parts(upload.uploadId())) {
            stored.put(p.partNumber(), p);
        }
        List<PartMeta> chosen = new ArrayList<>();
        int previousNumber = 0;
        for (CompletedPart c : requested) {
            if (c.partNumber() <= previousNumber) {
                throw S3Errors.invalidPartOrder();
            }
            previousNumber = c.partNumber();
            PartMeta p = stored.get(c.partNumber());
            if (p == null || c.etag() == null || !ObjectService.unquote(c.etag().trim()).equals(ObjectService.unquote(p.etag()))) {
                throw S3Errors.invalidPart(c.partNumber(), c.etag());
            }
            chosen.add(p);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < MIN_PART_SIZE) {
                throw S3Errors.entityTooSmall(chosen.get(i).size());
            }
        }
        ObjectMeta meta = describe(upload, chosen);
        List<PartMeta> unused = stored.values().stream().filter(p -> !chosen.contains(p)).toList();
        return objects.commitCompleted(bucket, meta, condition, batch -> {
            uploads.delete(batch, upload);
            unused.forEach(p -> objects.chunks().delete(batch, p.segment()));
        });
    }

    private ObjectMeta describe(UploadMeta upload, List<PartMeta> parts) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        List<Segment> segments = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (PartMeta p : parts) {
            md5.update(HexFormat.of().parseHex(ObjectService.unquote(p.etag())));
            size += p.size();
            segments.add(p.segment());
            sizes.add(p.size());
        }
        String etag = ObjectService.quote(HexFormat.of().formatHex(md5.digest()) + "-" + parts.size());
        Map<String, String> checksums = new HashMap<>();
        String checksumType = null;
        ChecksumAlgorithm algorithm = compositeAlgorithm(upload, parts);
        if (algorithm != null) {
            ChecksumAlgorithm.Digest d = algorithm.newDigest();
            for (PartMeta p : parts) {
                byte[] raw = Base64.getDecoder().decode(p.checksums().get(algorithm.name()));
                d.update(raw, 0, raw.length);
            }
            checksums.put(algorithm.name(), Base64.getEncoder().encodeToString(d.finish()) + "-" + parts.size());
            checksumType = "COMPOSITE";
        }
        return new ObjectMeta(upload.bucket(), upload.key(), null, false, size, etag, objects.clock().millis(),
                upload.headers(), upload.userMetadata(), checksums, checksumType, segments, sizes,
                upload.storageClass(), upload.tags());
    }

    /** The algorithm every part has a checksum of (the upload's, if it named one); CRC64NVME has no composite form. */
    private static ChecksumAlgorithm compositeAlgorithm(UploadMeta upload, List<PartMeta> parts) {
        ChecksumAlgorithm a = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        if (a == null && !parts.isEmpty() && parts.get(0).checksums().size() == 1) {
            a = ChecksumAlgorithm.parse(parts.get(0).checksums().keySet().iterator().next());
        }
        if (a == null || a == ChecksumAlgorithm.CRC64NVME) {
            return null;
        }
        for (PartMeta p : parts) {
            if (!p.checksums().containsKey(a.name())) {
                return null;
            }
        }
        return a;
    }
}
