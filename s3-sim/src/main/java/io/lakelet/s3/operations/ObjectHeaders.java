package io.lakelet.s3.operations;

import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.wire.HttpDates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The representation headers of objects: which request headers an upload stores, and the headers GET and
 * HEAD return for stored metadata, with {@code response-*} query overrides.
 */
final class ObjectHeaders {
    /** Standard headers kept with an object, as named on the wire. */
    static final List<String> STORED = List.of("Content-Type", "Content-Encoding", "Content-Disposition",
            "Cache-Control", "Content-Language", "Expires", "x-amz-website-redirect-location");

    private static final Map<String, String> OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    private static final java.util.Set<String> STORAGE_CLASSES = java.util.Set.of("STANDARD", "REDUCED_REDUNDANCY",
            "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR",
            "SNOW", "EXPRESS_ONEZONE");

    private ObjectHeaders() {
    }

    /** The storage class of a write ({@code x-amz-storage-class}), checked; null when not given. */
    static String storageClass(S3Call call) {
        String v = call.header("x-amz-storage-class");
        if (v != null && !STORAGE_CLASSES.contains(v)) {
            throw io.lakelet.core.error.AwsException.client("InvalidStorageClass",
                    "The storage class you specified is not valid").withField("StorageClassRequested", v);
        }
        return v;
    }

    /** The standard headers of an upload request worth storing; aws-chunked is a transfer detail, not kept. */
    static Map<String, String> fromRequest(S3Call call) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : STORED) {
            String v = call.header(name);
            if (v == null) {
                continue;
            }
            if (name.equals("Content-Encoding")) {
                v = stripAwsChunked(v);
                if (v.isEmpty()) {
                    continue;
                }
            }
            out.put(name, v);
        }
        out.putIfAbsent("Content-Type", "binary/octet-stream");
        return out;
    }

    /** {@code x-amz-meta-*} headers, names lower-cased without the prefix. */
    static Map<String, String> userMetadata(S3Call call) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : call.request().headers().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-meta-")) {
                out.put(lower.substring("x-amz-meta-".length()), call.header(name));
            }
        }
        return out;
    }

    static String stripAwsChunked(String encoding) {
        List<String> kept = new ArrayList<>();
        for (String part : encoding.split(",")) {
            String p = part.trim();
            if (!p.isEmpty() && !p.equalsIgnoreCase("aws-chunked")) {
                kept.add(p);
            }
        }
        return String.join(",", kept);
    }

    /** The headers of a GET or HEAD of {@code meta}; checksums only when asked and the whole object is sent. */
    static List<Map.Entry<String, String>> forObject(S3Call call, ObjectMeta meta, boolean wholeObject) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        Map<String, String> stored = new LinkedHashMap<>(meta.headers());
        for (Map.Entry<String, String> o : OVERRIDES.entrySet()) {
            String v = call.query(o.getKey());
            if (v != null) {
                stored.put(o.getValue(), v);
            }
        }
        stored.forEach((k, v) -> h.add(Map.entry(k, v)));
        h.add(Map.entry("ETag", meta.etag()));
        h.add(Map.entry("Last-Modified", HttpDates.header(meta.lastModified())));
        h.add(Map.entry("Accept-Ranges", "bytes"));
        meta.userMetadata().forEach((k, v) -> h.add(Map.entry("x-amz-meta-" + k, v)));
        if (!"STANDARD".equals(meta.storageClass())) {
            h.add(Map.entry("x-amz-storage-class", meta.storageClass()));
        }
        if (meta.versionId() != null) {
            h.add(Map.entry("x-amz-version-id", meta.versionId()));
        }
        if (!meta.tags().isEmpty()) {
            h.add(Map.entry("x-amz-tagging-count", Integer.toString(meta.tags().size())));
        }
        if (meta.multipart()) {
            h.add(Map.entry("x-amz-mp-parts-count", Integer.toString(meta.partSizes().size())));
        }
        if (wholeObject && "ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode"))) {
            checksumHeaders(meta, h);
        }
        return h;
    }

    static void checksumHeaders(ObjectMeta meta, List<Map.Entry<String, String>> h) {
        meta.checksums().forEach((alg, value) -> {
            ChecksumAlgorithm a = ChecksumAlgorithm.parse(alg);
            if (a != null) {
                h.add(Map.entry(a.header(), value));
            }
        });
        if (meta.checksumType() != null) {
            h.add(Map.entry("x-amz-checksum-type", meta.checksumType()));
        }
    }
}
