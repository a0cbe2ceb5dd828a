package io.lakelet.s3.store;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Multipart uploads (by bucket, key and upload id, so ListMultipartUploads reads them in key order) and
 * their parts (by upload id and part number).
 */
public final class UploadStore {
    private final Keyspace uploads;
    private final Keyspace parts;

    public UploadStore(Storage storage) {
        this.uploads = storage.keyspace("s3.uploads");
        this.parts = storage.keyspace("s3.parts");
    }

    public void create(UploadMeta upload) {
        uploads.put(uploadKey(upload.bucket(), upload.key(), upload.uploadId()), Json.write(upload));
    }

    public Optional<UploadMeta> get(String bucket, String key, String uploadId) {
        byte[] v = uploads.get(uploadKey(bucket, key, uploadId));
        return v == null ? Optional.empty() : Optional.of(Json.read(v, UploadMeta.class));
    }

    /** Uploads of a bucket in key order, then by upload id. */
    public List<UploadMeta> list(String bucket, String prefix) {
        List<UploadMeta> out = new ArrayList<>();
        try (Scan scan = uploads.scan(Keys.builder().add(bucket).addOpen(prefix == null ? "" : prefix).build())) {
            for (Scan.Entry e : scan) {
                out.add(Json.read(e.value(), UploadMeta.class));
            }
        }
        return out;
    }

    public Optional<PartMeta> part(String uploadId, int partNumber) {
        byte[] v = parts.get(partKey(uploadId, partNumber));
        return v == null ? Optional.empty() : Optional.of(Json.read(v, PartMeta.class));
    }

    public void putPart(Batch batch, String uploadId, PartMeta part) {
        batch.put(parts, partKey(uploadId, part.partNumber()), Json.write(part));
    }

    /** The parts of an upload in part-number order. */
    public List<PartMeta> parts(String uploadId) {
        List<PartMeta> out = new ArrayList<>();
        try (Scan scan = parts.scan(Keys.builder().add(uploadId).build())) {
            for (Scan.Entry e : scan) {
                out.add(Json.read(e.value(), PartMeta.class));
            }
        }
        return out;
    }

    /** Adds the removal of an upload and its part records (not their bytes) to {@code batch}. */
    public void delete(Batch batch, UploadMeta upload) {
        batch.delete(uploads, uploadKey(upload.bucket(), upload.key(), upload.uploadId()));
        batch.deletePrefix(parts, Keys.builder().add(upload.uploadId()).build());
    }

    public boolean hasUploads(String bucket) {
        try (Scan scan = uploads.scan(Keys.builder().add(bucket).build())) {
            return scan.hasNext();
        }
    }

    private static byte[] uploadKey(String bucket, String key, String uploadId) {
        return Keys.builder().add(bucket).add(key).add(uploadId).build();
    }

    private static byte[] partKey(String uploadId, int partNumber) {
        return Keys.builder().add(uploadId).add(partNumber).build();
    }
}
