package io.lakelet.s3.operations;

import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.service.HashingInputStream;
import io.lakelet.s3.service.MultipartService;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.service.WriteCondition;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.ChunkReader;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.store.PartMeta;
import io.lakelet.s3.store.UploadMeta;
import io.lakelet.s3.wire.ByteRange;
import io.lakelet.s3.wire.HttpDates;
import io.lakelet.s3.wire.UploadBody;
import io.lakelet.s3.wire.XmlNode;
import io.lakelet.s3.wire.XmlWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, Abort, ListParts, ListMultipartUploads. */
public final class MultipartOperations {
    private final ObjectService objects;
    private final MultipartService multipart;

    public MultipartOperations(ObjectService objects, MultipartService multipart) {
        this.objects = objects;
        this.multipart = multipart;
    }

    public void create(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        String alg = call.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(alg);
        if (alg != null && algorithm == null) {
            throw S3Errors.invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the"
                    + " valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        String type = call.header("x-amz-checksum-type");
        UploadMeta upload = multipart.create(bucket, call.key(), ObjectHeaders.fromRequest(call),
                ObjectHeaders.userMetadata(call), algorithm, type, ObjectHeaders.storageClass(call),
                Tagging.fromHeader(call.header("x-amz-tagging")));
        var r = call.status(200).header("Content-Type", "application/xml");
        if (algorithm != null) {
            r.header("x-amz-checksum-algorithm", algorithm.name());
            r.header("x-amz-checksum-type", type != null ? type : "COMPOSITE");
        }
        call.respond(r.body(XmlWriter.document("InitiateMultipartUploadResult").element("Bucket", bucket.name())
                .element("Key", call.key()).element("UploadId", upload.uploadId()).toBytes()));
    }

    public void uploadPart(S3Call call) throws IOException {
        objects.bucket(call.bucket());
        UploadMeta upload = multipart.require(call.bucket(), call.key(), call.query("uploadId"));
        MultipartService.checkPartNumber(call.query("partNumber"));
        int partNumber = Integer.parseInt(call.query("partNumber"));
        UploadBody body = UploadBody.open(call.request(), ChecksumAlgorithm.parse(upload.checksumAlgorithm()));
        PartMeta part = multipart.uploadPart(upload, partNumber, body, segment -> new PartMeta(partNumber,
                ObjectService.quote(body.md5Hex()), segment.size(), call.now(), segment, body.checksums()));
        var r = call.status(200).header("ETag", part.etag()).body(new byte[0]);
        part.checksums().forEach((a, v) -> r.header(ChecksumAlgorithm.parse(a).header(), v));
        call.respond(r);
    }

    public void uploadPartCopy(S3Call call) throws IOException {
        objects.bucket(call.bucket());
        UploadMeta upload = multipart.require(call.bucket(), call.key(), call.query("uploadId"));
        MultipartService.checkPartNumber(call.query("partNumber"));
        int partNumber = Integer.parseInt(call.query("partNumber"));
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        String rangeHeader = call.header("x-amz-copy-source-range");
        ObjectService.Opened<ObjectService.Span> opened = objects.open(objects.bucket(source.bucket()).name(),
                source.key(), source.versionId(), m -> {
                    CopySource.checkConditions(call, m);
                    if (rangeHeader == null) {
                        return new ObjectService.Span(0, m.size());
                    }
                    ByteRange range = copyRange(rangeHeader, m.size());
                    return new ObjectService.Span(range.first(), range.length());
                });
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        PartMeta part;
        try (ChunkReader reader = opened.reader()) {
            HashingInputStream hashing = new HashingInputStream(reader, algorithm);
            part = multipart.uploadPart(upload, partNumber, hashing, segment -> new PartMeta(partNumber,
                    ObjectService.quote(hashing.md5Hex()), segment.size(), call.now(), segment,
                    algorithm == null ? Map.of() : Map.of(algorithm.name(), hashing.checksumBase64())));
        }
        XmlWriter xml = XmlWriter.document("CopyPartResult").element("ETag", part.etag())
                .element("LastModified", HttpDates.xml(part.lastModified()));
        part.checksums().forEach((a, v) -> xml.element(ChecksumAlgorithm.parse(a).xmlName(), v));
        call.xml(xml);
    }

    /** {@code bytes=first-last}, both required and inside the source, as UploadPartCopy demands. */
    private static ByteRange copyRange(String header, long size) {
        String h = header.trim();
        try {
            if (h.startsWith("bytes=")) {
                String[] ends = h.substring(6).split("-", -1);
                long first = Long.parseLong(ends[0].trim());
                long last = Long.parseLong(ends[1].trim());
                if (ends.length == 2 && first <= last) {
                    if (last >= size) {
                        throw S3Errors.invalidRange(size, h);
                    }
                    return new ByteRange(first, last);
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the error below
        }
        throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where"
                + " first and last are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range",
                header);
    }

    public void complete(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        UploadMeta upload = multipart.require(call.bucket(), call.key(), call.query("uploadId"));
        XmlNode root = call.xmlBody();
        if (!root.name().equals("CompleteMultipartUpload")) {
            throw S3Errors.malformedXml();
        }
        List<MultipartService.CompletedPart> parts = new ArrayList<>();
        for (XmlNode p : root.children("Part")) {
            String number = p.childText("PartNumber");
            try {
                parts.add(new MultipartService.CompletedPart(Integer.parseInt(number), p.childText("ETag")));
            } catch (NumberFormatException e) {
                throw S3Errors.malformedXml();
            }
        }
        ObjectMeta meta = multipart.complete(bucket, upload, parts,
                WriteCondition.of(call.header("If-None-Match"), call.header("If-Match")));
        XmlWriter xml = XmlWriter.document("CompleteMultipartUploadResult")
                .element("Location", "http://" + call.request().header("Host") + "/" + bucket.name() + "/" + meta.key())
                .element("Bucket", bucket.name()).element("Key", meta.key()).element("ETag", meta.etag());
        meta.checksums().forEach((a, v) -> xml.element(ChecksumAlgorithm.parse(a).xmlName(), v));
        xml.element("ChecksumType", meta.checksumType());
        call.respond(call.status(200).header("Content-Type", "application/xml")
                .header("x-amz-version-id", meta.versionId()).body(xml.toBytes()));
    }

    public void abort(S3Call call) {
        objects.bucket(call.bucket());
        multipart.abort(multipart.require(call.bucket(), call.key(), call.query("uploadId")));
        call.noContent();
    }

    public void listParts(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        UploadMeta upload = multipart.require(call.bucket(), call.key(), call.query("uploadId"));
        int max = call.query("max-parts") == null ? 1000 : Math.min(1000, parseInt(call.query("max-parts")));
        int marker = call.query("part-number-marker") == null ? 0 : parseInt(call.query("part-number-marker"));
        List<PartMeta> parts = multipart.parts(upload).stream().filter(p -> p.partNumber() > marker).toList();
        boolean truncated = parts.size() > max;
        List<PartMeta> page = truncated ? parts.subList(0, max) : parts;
        XmlWriter xml = XmlWriter.document("ListPartsResult").element("Bucket", bucket.name())
                .element("Key", upload.key()).element("UploadId", upload.uploadId())
                .element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", page.isEmpty() ? null : page.get(page.size() - 1).partNumber())
                .element("MaxParts", max).element("IsTruncated", truncated)
                .element("StorageClass", upload.storageClass() == null ? "STANDARD" : upload.storageClass())
                .element("ChecksumAlgorithm", upload.checksumAlgorithm());
        xml.start("Initiator").element("ID", BucketOperations.canonicalId(bucket.account())).end();
        BucketOperations.owner(xml, bucket.account());
        for (PartMeta p : page) {
            xml.start("Part").element("PartNumber", p.partNumber())
                    .element("LastModified", HttpDates.xml(p.lastModified()))
                    .element("ETag", p.etag()).element("Size", p.size());
            p.checksums().forEach((a, v) -> xml.element(ChecksumAlgorithm.parse(a).xmlName(), v));
            xml.end();
        }
        call.xml(xml);
    }

    /**
     * ListMultipartUploads: uploads in key order (and by initiation within a key), after key-marker and
     * upload-id-marker, rolled up by delimiter, max-uploads per page (1000 at most), keys URL-encoded
     * when asked.
     */
    public void listUploads(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        String prefix = call.query("prefix");
        String delimiter = call.query("delimiter");
        String keyMarker = call.query("key-marker");
        String uploadIdMarker = call.query("upload-id-marker");
        int max = call.query("max-uploads") == null ? 1000 : Math.min(1000, parseInt(call.query("max-uploads")));
        if (max < 0) {
            throw S3Errors.invalidArgument("Argument max-uploads must be an integer between 0 and 2147483647",
                    "max-uploads", call.query("max-uploads"));
        }
        boolean url = "url".equals(call.query("encoding-type"));
        String p = prefix == null ? "" : prefix;
        List<UploadMeta> sorted = multipart.list(bucket.name(), prefix).stream()
                .sorted(java.util.Comparator.comparing(UploadMeta::key).thenComparingLong(UploadMeta::initiated)
                        .thenComparing(UploadMeta::uploadId))
                .toList();
        List<UploadMeta> uploads = sorted.subList(start(sorted, keyMarker, uploadIdMarker), sorted.size());
        List<UploadMeta> page = new java.util.ArrayList<>();
        java.util.LinkedHashSet<String> prefixes = new java.util.LinkedHashSet<>();
        boolean truncated = false;
        String nextKey = null;
        String nextUploadId = null;
        for (UploadMeta u : uploads) {
            int d = delimiter == null || delimiter.isEmpty() ? -1 : u.key().indexOf(delimiter, p.length());
            String common = d < 0 ? null : u.key().substring(0, d + delimiter.length());
            if (common != null && prefixes.contains(common)) {
                continue;
            }
            if (page.size() + prefixes.size() >= max) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(common);
                nextKey = common;
                nextUploadId = null;
            } else {
                page.add(u);
                nextKey = u.key();
                nextUploadId = u.uploadId();
            }
        }
        XmlWriter xml = XmlWriter.document("ListMultipartUploadsResult").element("Bucket", bucket.name())
                .element("KeyMarker", ListOperations.encode(keyMarker == null ? "" : keyMarker, url))
                .element("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker)
                .element("NextKeyMarker", truncated ? ListOperations.encode(nextKey, url) : null)
                .element("NextUploadIdMarker", truncated ? nextUploadId : null)
                .element("Delimiter", ListOperations.encode(delimiter, url))
                .element("Prefix", ListOperations.encode(p, url))
                .element("EncodingType", url ? "url" : null)
                .element("MaxUploads", max).element("IsTruncated", truncated);
        for (UploadMeta u : page) {
            xml.start("Upload").element("Key", ListOperations.encode(u.key(), url)).element("UploadId", u.uploadId());
            xml.start("Initiator").element("ID", BucketOperations.canonicalId(bucket.account())).end();
            BucketOperations.owner(xml, bucket.account());
            xml.element("StorageClass", u.storageClass() == null ? "STANDARD" : u.storageClass())
                    .element("Initiated", HttpDates.xml(u.initiated()))
                    .element("ChecksumAlgorithm", u.checksumAlgorithm()).end();
        }
        for (String common : prefixes) {
            xml.start("CommonPrefixes").element("Prefix", ListOperations.encode(common, url)).end();
        }
        call.xml(xml);
    }

    /**
     * Where a page starts: after the upload named by both markers, or after every upload of the key marker
     * when no upload id is given (or it names none of that key's uploads).
     */
    private static int start(List<UploadMeta> sorted, String keyMarker, String uploadIdMarker) {
        if (keyMarker == null || keyMarker.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < sorted.size(); i++) {
            UploadMeta u = sorted.get(i);
            if (u.key().equals(keyMarker) && u.uploadId().equals(uploadIdMarker)) {
                return i + 1;
            }
        }
        int i = 0;
        while (i < sorted.size() && sorted.get(i).key().compareTo(keyMarker) <= 0) {
            i++;
        }
        return i;
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Provided value not an integer or within integer range", null, v);
        }
    }
}
