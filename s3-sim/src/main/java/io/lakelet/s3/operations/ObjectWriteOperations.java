package io.lakelet.s3.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.service.HashingInputStream;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.service.WriteCondition;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.ChunkReader;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.wire.HttpDates;
import io.lakelet.s3.wire.UploadBody;
import io.lakelet.s3.wire.XmlNode;
import io.lakelet.s3.wire.XmlWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PutObject, CopyObject, DeleteObject and DeleteObjects. */
public final class ObjectWriteOperations {
    private final ObjectService objects;

    public ObjectWriteOperations(ObjectService objects) {
        this.objects = objects;
    }

    public void putObject(S3Call call) throws IOException {
        BucketMeta bucket = objects.bucket(call.bucket());
        ObjectService.checkKey(call.key());
        WriteCondition condition = WriteCondition.of(call.header("If-None-Match"), call.header("If-Match"));
        Map<String, String> headers = ObjectHeaders.fromRequest(call);
        Map<String, String> userMetadata = ObjectHeaders.userMetadata(call);
        Map<String, String> tags = Tagging.fromHeader(call.header("x-amz-tagging"));
        String storageClass = ObjectHeaders.storageClass(call);
        UploadBody body = UploadBody.open(call.request(), ChecksumAlgorithm.CRC64NVME);
        ObjectMeta meta = objects.put(bucket, call.key(), body, segment -> new ObjectMeta(bucket.name(), call.key(), null,
                false, segment.size(), ObjectService.quote(body.md5Hex()), call.now(), headers, userMetadata,
                body.checksums(), body.algorithm() == null ? null : "FULL_OBJECT", List.of(segment), List.of(),
                storageClass, tags), condition, "ObjectCreated:Put");
        io.lakelet.core.http.Response.Builder r = call.status(200).header("ETag", meta.etag())
                .header("x-amz-version-id", meta.versionId()).body(new byte[0]);
        if (UploadBody.requestedAlgorithm(call.request()) != null) {
            List<Map.Entry<String, String>> h = new ArrayList<>();
            ObjectHeaders.checksumHeaders(meta, h);
            h.forEach(e -> r.header(e.getKey(), e.getValue()));
        }
        call.respond(r);
    }

    public void copyObject(S3Call call) throws IOException {
        BucketMeta target = objects.bucket(call.bucket());
        ObjectService.checkKey(call.key());
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        ObjectService.Opened<ObjectService.Span> opened = objects.open(objects.bucket(source.bucket()).name(),
                source.key(), source.versionId(), m -> {
                    CopySource.checkConditions(call, m);
                    return new ObjectService.Span(0, m.size());
                });
        ObjectMeta src = opened.meta();
        ObjectMeta meta;
        try (ChunkReader reader = opened.reader()) {
            boolean replace = "REPLACE".equalsIgnoreCase(call.header("x-amz-metadata-directive"));
            String storageClass = ObjectHeaders.storageClass(call);
            if (source.bucket().equals(target.name()) && source.key().equals(call.key()) && !replace
                    && storageClass == null) {
                throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to"
                        + " itself without changing the object's metadata, storage class, website redirect location or"
                        + " encryption attributes.");
            }
            Map<String, String> headers = replace ? ObjectHeaders.fromRequest(call) : src.headers();
            Map<String, String> userMetadata = replace ? ObjectHeaders.userMetadata(call) : src.userMetadata();
            Map<String, String> tags = "REPLACE".equalsIgnoreCase(call.header("x-amz-tagging-directive"))
                    ? Tagging.fromHeader(call.header("x-amz-tagging")) : src.tags();
            ChecksumAlgorithm algorithm = copyChecksum(call, src);
            HashingInputStream hashing = new HashingInputStream(reader, algorithm);
            meta = objects.put(target, call.key(), hashing, segment -> new ObjectMeta(target.name(), call.key(), null,
                    false, segment.size(), ObjectService.quote(hashing.md5Hex()), call.now(), headers, userMetadata,
                    Map.of(algorithm.name(), hashing.checksumBase64()), "FULL_OBJECT", List.of(segment), List.of(),
                    storageClass != null ? storageClass : src.storageClass(), tags), "ObjectCreated:Copy");
        }
        XmlWriter xml = XmlWriter.document("CopyObjectResult")
                .element("ETag", meta.etag())
                .element("LastModified", HttpDates.xml(meta.lastModified()));
        meta.checksums().forEach((alg, v) -> xml.element(ChecksumAlgorithm.parse(alg).xmlName(), v));
        call.respond(call.status(200).header("Content-Type", "application/xml")
                .header("x-amz-version-id", meta.versionId())
                .header("x-amz-copy-source-version-id", src.versionId()).body(xml.toBytes()));
    }

    /** The checksum of a copy: the one asked for, else the source's (single-part), else CRC64NVME. */
    private static ChecksumAlgorithm copyChecksum(S3Call call, ObjectMeta src) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(call.header("x-amz-checksum-algorithm"));
        if (algorithm == null && !src.multipart() && src.checksums().size() == 1) {
            algorithm = ChecksumAlgorithm.parse(src.checksums().keySet().iterator().next());
        }
        return algorithm == null ? ChecksumAlgorithm.CRC64NVME : algorithm;
    }

    public void deleteObject(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        ObjectService.Deleted deleted = objects.delete(bucket, call.key(), call.query("versionId"));
        call.respond(call.status(204).header("x-amz-delete-marker", deleted.deleteMarker() ? "true" : null)
                .header("x-amz-version-id", deleted.versionId()).body(new byte[0]));
    }

    public void deleteObjects(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        XmlNode root = call.xmlBody();
        if (!root.name().equals("Delete")) {
            throw S3Errors.malformedXml();
        }
        List<XmlNode> entries = root.children("Object");
        if (entries.isEmpty() || entries.size() > 1000) {
            throw S3Errors.malformedXml();
        }
        boolean quiet = "true".equalsIgnoreCase(root.childText("Quiet"));
        List<Map.Entry<String, String>> targets = new ArrayList<>();
        for (XmlNode o : entries) {
            XmlNode key = o.child("Key");
            if (key == null) {
                throw S3Errors.malformedXml();
            }
            targets.add(new java.util.AbstractMap.SimpleEntry<>(key.rawText(), o.childText("VersionId")));
        }
        XmlWriter xml = XmlWriter.document("DeleteResult");
        Map<Map.Entry<String, String>, AwsException> failures = new LinkedHashMap<>();
        for (Map.Entry<String, String> target : targets) {
            try {
                ObjectService.checkKey(target.getKey());
                ObjectService.Deleted d = objects.delete(bucket, target.getKey(), target.getValue());
                if (!quiet) {
                    xml.start("Deleted").element("Key", target.getKey()).element("VersionId", target.getValue());
                    if (d.deleteMarker()) {
                        xml.element("DeleteMarker", true).element("DeleteMarkerVersionId", d.versionId());
                    }
                    xml.end();
                }
            } catch (AwsException e) {
                failures.put(target, e);
            }
        }
        failures.forEach((target, e) -> xml.start("Error").element("Key", target.getKey())
                .element("VersionId", target.getValue()).element("Code", e.code())
                .element("Message", e.getMessage()).end());
        call.xml(xml);
    }
}
