package io.lakelet.s3.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.ResponseStream;
import io.netty.buffer.ByteBuf;
import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.ChunkReader;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.wire.ByteRange;
import io.lakelet.s3.wire.HttpDates;
import io.lakelet.s3.wire.XmlWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** GetObject, HeadObject and GetObjectAttributes: conditions, ranges, part numbers and streamed bodies. */
public final class ObjectReadOperations {
    private final ObjectService objects;

    public ObjectReadOperations(ObjectService objects) {
        this.objects = objects;
    }

    public void getObject(S3Call call) throws IOException {
        serve(call, false);
    }

    public void headObject(S3Call call) throws IOException {
        serve(call, true);
    }

    /** What a GET or HEAD answers for one object: status, headers and the bytes to send. */
    private record Answer(int status, List<Map.Entry<String, String>> headers, long offset, long length)
            implements ObjectService.ReadPlan {
        boolean notModified() {
            return status == 304;
        }
    }

    private void serve(S3Call call, boolean head) throws IOException {
        BucketMeta bucket = objects.bucket(call.bucket());
        String versionId = call.query("versionId");
        if (head) {
            ObjectMeta meta = current(bucket, call.key(), versionId);
            Answer a = plan(call, meta);
            var r = withHeaders(call, a.status(), a.headers()).body(new byte[0]);
            call.respond(a.notModified() ? r : r.declaredLength(a.length()));
            return;
        }
        ObjectService.Opened<Answer> opened;
        try {
            opened = objects.open(bucket.name(), call.key(), versionId, meta -> plan(call, meta));
        } catch (AwsException e) {
            throw withDeleteMarker(e, bucket, call.key(), versionId);
        }
        Answer a = opened.plan();
        try (ChunkReader reader = opened.reader()) {
            if (a.notModified()) {
                call.respond(withHeaders(call, a.status(), a.headers()).body(new byte[0]));
                return;
            }
            ResponseStream out = call.stream(a.status(), a.headers(), a.length());
            // Chunks go from RocksDB into pooled direct buffers and from there to the socket, one copy.
            // One slice ahead, so the last one ends the response in the same write (one flush).
            ByteBuf slice = null;
            try {
                slice = reader.next(out::allocate);
                while (slice != null) {
                    ByteBuf following = reader.next(out::allocate);
                    if (following == null) {
                        ByteBuf last = slice;
                        slice = null;
                        out.end(last);
                        return;
                    }
                    ByteBuf current = slice;
                    slice = following;
                    if (!out.write(current)) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                out.abort();
                return;
            } finally {
                if (slice != null) {
                    slice.release();
                }
            }
            out.end();
        }
    }

    /** Evaluates conditions, part number and range against {@code meta}. */
    private static Answer plan(S3Call call, ObjectMeta meta) {
        if (notModified(call, meta)) {
            return new Answer(304, List.of(Map.entry("ETag", meta.etag()),
                    Map.entry("Last-Modified", HttpDates.header(meta.lastModified()))), 0, 0);
        }
        long size = meta.size();
        ByteRange range = null;
        String partNumber = call.query("partNumber");
        if (partNumber != null && call.header("Range") != null) {
            throw S3Errors.invalidRequest("Cannot specify both Range header and partNumber query parameter");
        }
        if (partNumber != null) {
            range = partRange(meta, partNumber);
        } else if (call.header("Range") != null) {
            range = ByteRange.parse(call.header("Range"), size);
        }
        boolean whole = range == null || partNumber != null && !meta.multipart();
        List<Map.Entry<String, String>> headers = new ArrayList<>(ObjectHeaders.forObject(call, meta, whole));
        if (range != null && !(partNumber != null && !meta.multipart())) {
            headers.add(Map.entry("Content-Range", range.contentRange(size)));
            return new Answer(206, headers, range.first(), range.length());
        }
        return new Answer(200, headers, 0, size);
    }

    private static io.lakelet.core.http.Response.Builder withHeaders(S3Call call, int status,
                                                                   List<Map.Entry<String, String>> headers) {
        io.lakelet.core.http.Response.Builder b = call.status(status);
        headers.forEach(h -> b.header(h.getKey(), h.getValue()));
        return b;
    }

    /** The byte range of part {@code n}; a single-part object has one part, the whole object. */
    private static ByteRange partRange(ObjectMeta meta, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", value);
        }
        int count = meta.multipart() ? meta.partSizes().size() : 1;
        if (n < 1 || n > 10_000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", value);
        }
        if (n > count) {
            throw new AwsException("InvalidPartNumber", 416, "The requested partnumber is not satisfiable")
                    .withField("PartNumberRequested", n).withField("ActualPartCount", count);
        }
        if (!meta.multipart()) {
            return new ByteRange(0, Math.max(0, meta.size() - 1));
        }
        long first = 0;
        for (int i = 0; i < n - 1; i++) {
            first += meta.partSizes().get(i);
        }
        return new ByteRange(first, first + meta.partSizes().get(n - 1) - 1);
    }

    /**
     * Evaluates the conditional headers as S3 does: a failed If-Match, or a failed If-Unmodified-Since
     * without If-Match, is 412; a matching If-None-Match, or an unchanged object under If-Modified-Since
     * without If-None-Match, is 304 (returns true).
     */
    static boolean notModified(S3Call call, ObjectMeta meta) {
        String ifMatch = call.header("If-Match");
        String ifNoneMatch = call.header("If-None-Match");
        Instant modified = HttpDates.seconds(meta.lastModified());
        if (ifMatch != null && !etagMatches(ifMatch, meta.etag())) {
            throw S3Errors.preconditionFailed("If-Match");
        }
        Instant unmodifiedSince = HttpDates.parse(call.header("If-Unmodified-Since"));
        if (ifMatch == null && unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
            throw S3Errors.preconditionFailed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            return etagMatches(ifNoneMatch, meta.etag());
        }
        Instant modifiedSince = HttpDates.parse(call.header("If-Modified-Since"));
        return modifiedSince != null && !modified.isAfter(modifiedSince)
                && !modifiedSince.isAfter(Instant.ofEpochMilli(call.now()));
    }

    static boolean etagMatches(String condition, String etag) {
        String bare = ObjectService.unquote(etag);
        for (String candidate : condition.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || ObjectService.unquote(c.startsWith("W/") ? c.substring(2) : c).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    /** The object (or version) asked for; NoSuchKey says so when a delete marker hides the key. */
    private ObjectMeta current(BucketMeta bucket, String key, String versionId) {
        try {
            return objects.require(bucket.name(), key, versionId);
        } catch (AwsException e) {
            throw withDeleteMarker(e, bucket, key, versionId);
        }
    }

    private AwsException withDeleteMarker(AwsException e, BucketMeta bucket, String key, String versionId) {
        if (versionId == null && "NoSuchKey".equals(e.code()) && bucket.versioning() != null
                && objects.deletedByMarker(bucket.name(), key)) {
            return e.withHeader("x-amz-delete-marker", "true");
        }
        return e;
    }

    public void getObjectAttributes(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        ObjectMeta meta = current(bucket, call.key(), call.query("versionId"));
        String wanted = call.header("x-amz-object-attributes");
        if (wanted == null || wanted.isBlank()) {
            throw S3Errors.invalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", "");
        }
        Set<String> attributes = new java.util.HashSet<>();
        for (String a : wanted.split(",")) {
            attributes.add(a.trim().toLowerCase(Locale.ROOT));
        }
        XmlWriter xml = XmlWriter.document("GetObjectAttributesResponse");
        if (attributes.contains("etag")) {
            xml.element("ETag", ObjectService.unquote(meta.etag()));
        }
        if (attributes.contains("checksum") && !meta.checksums().isEmpty()) {
            xml.start("Checksum");
            meta.checksums().forEach((alg, value) -> {
                ChecksumAlgorithm a = ChecksumAlgorithm.parse(alg);
                if (a != null) {
                    xml.element(a.xmlName(), value);
                }
            });
            xml.element("ChecksumType", meta.checksumType());
            xml.end();
        }
        if (attributes.contains("objectparts") && meta.multipart()) {
            xml.start("ObjectParts").element("TotalPartsCount", meta.partSizes().size()).end();
        }
        if (attributes.contains("storageclass")) {
            xml.element("StorageClass", meta.storageClass());
        }
        if (attributes.contains("objectsize")) {
            xml.element("ObjectSize", meta.size());
        }
        call.respond(call.status(200).header("Content-Type", "application/xml")
                .header("Last-Modified", HttpDates.header(meta.lastModified()))
                .header("x-amz-version-id", meta.versionId()).body(xml.toBytes()));
    }
}
