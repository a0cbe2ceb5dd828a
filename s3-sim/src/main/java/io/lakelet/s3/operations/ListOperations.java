package io.lakelet.s3.operations;

import io.lakelet.s3.checksum.ChecksumAlgorithm;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.Listing;
import io.lakelet.s3.store.ObjectMeta;
import io.lakelet.s3.store.VersionStore;
import io.lakelet.s3.wire.HttpDates;
import io.lakelet.s3.wire.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** ListObjectsV2, ListObjects (v1) and ListObjectVersions. */
public final class ListOperations {
    private final ObjectService objects;

    public ListOperations(ObjectService objects) {
        this.objects = objects;
    }

    public void listObjectsV2(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        int maxKeys = maxKeys(call);
        boolean url = encoding(call);
        String prefix = call.query("prefix");
        String delimiter = call.query("delimiter");
        String startAfter = call.query("start-after");
        String token = call.query("continuation-token");
        String after = startAfter;
        if (token != null) {
            after = decodeToken(token);
        }
        Listing page = objects.list(bucket.name(), prefix, delimiter, after, maxKeys);
        boolean fetchOwner = "true".equalsIgnoreCase(call.query("fetch-owner"));
        XmlWriter xml = XmlWriter.document("ListBucketResult")
                .element("Name", bucket.name())
                .element("Prefix", encode(prefix == null ? "" : prefix, url))
                .element("Delimiter", encode(delimiter, url))
                .element("MaxKeys", maxKeys)
                .element("EncodingType", url ? "url" : null)
                .element("KeyCount", page.objects().size() + page.commonPrefixes().size())
                .element("IsTruncated", page.truncated())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", page.truncated() ? encodeToken(page.last()) : null)
                .element("StartAfter", encode(startAfter, url));
        contents(xml, page, url, fetchOwner, bucket.account());
        call.xml(xml);
    }

    public void listObjectsV1(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        int maxKeys = maxKeys(call);
        boolean url = encoding(call);
        String prefix = call.query("prefix");
        String delimiter = call.query("delimiter");
        String marker = call.query("marker");
        Listing page = objects.list(bucket.name(), prefix, delimiter, marker == null || marker.isEmpty() ? null : marker,
                maxKeys);
        XmlWriter xml = XmlWriter.document("ListBucketResult")
                .element("Name", bucket.name())
                .element("Prefix", encode(prefix == null ? "" : prefix, url))
                .element("Marker", encode(marker == null ? "" : marker, url))
                .element("NextMarker", page.truncated() && delimiter != null ? encode(page.last(), url) : null)
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encode(delimiter, url))
                .element("EncodingType", url ? "url" : null)
                .element("IsTruncated", page.truncated());
        contents(xml, page, url, true, bucket.account());
        call.xml(xml);
    }

    /**
     * ListObjectVersions. Lakelet keeps only the current version of each key, so each appears once with
     * the version id {@code null}, as S3 lists objects written while versioning was never enabled.
     */
    public void listObjectVersions(S3Call call) {
        BucketMeta bucket = objects.bucket(call.bucket());
        if (bucket.versioning() != null) {
            listVersions(call, bucket);
            return;
        }
        int maxKeys = maxKeys(call);
        boolean url = encoding(call);
        String prefix = call.query("prefix");
        String delimiter = call.query("delimiter");
        String keyMarker = call.query("key-marker");
        Listing page = objects.list(bucket.name(), prefix, delimiter,
                keyMarker == null || keyMarker.isEmpty() ? null : keyMarker, maxKeys);
        XmlWriter xml = XmlWriter.document("ListVersionsResult")
                .element("Name", bucket.name())
                .element("Prefix", encode(prefix == null ? "" : prefix, url))
                .element("KeyMarker", encode(keyMarker == null ? "" : keyMarker, url))
                .element("VersionIdMarker", call.query("version-id-marker") == null ? "" : call.query("version-id-marker"))
                .element("NextKeyMarker", page.truncated() ? encode(page.last(), url) : null)
                .element("NextVersionIdMarker", page.truncated() ? "null" : null)
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encode(delimiter, url))
                .element("EncodingType", url ? "url" : null)
                .element("IsTruncated", page.truncated());
        for (ObjectMeta o : page.objects()) {
            xml.start("Version").element("Key", encode(o.key(), url))
                    .element("VersionId", o.versionId() == null ? "null" : o.versionId())
                    .element("IsLatest", true)
                    .element("LastModified", HttpDates.xml(o.lastModified()))
                    .element("ETag", o.etag()).element("Size", o.size()).element("StorageClass", o.storageClass());
            BucketOperations.owner(xml, bucket.account());
            xml.end();
        }
        for (String p : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encode(p, url)).end();
        }
        call.xml(xml);
    }

    /** ListObjectVersions of a bucket that has had versioning: every version and delete marker, newest first. */
    private void listVersions(S3Call call, BucketMeta bucket) {
        int maxKeys = maxKeys(call);
        boolean url = encoding(call);
        String prefix = call.query("prefix");
        String delimiter = call.query("delimiter");
        String keyMarker = call.query("key-marker");
        String versionMarker = call.query("version-id-marker");
        VersionStore.Page page = objects.versions().list(bucket.name(), prefix, delimiter, keyMarker, versionMarker,
                maxKeys);
        XmlWriter xml = XmlWriter.document("ListVersionsResult")
                .element("Name", bucket.name())
                .element("Prefix", encode(prefix == null ? "" : prefix, url))
                .element("KeyMarker", encode(keyMarker == null ? "" : keyMarker, url))
                .element("VersionIdMarker", versionMarker == null ? "" : versionMarker)
                .element("NextKeyMarker", page.truncated() ? encode(page.nextKey(), url) : null)
                .element("NextVersionIdMarker", page.truncated() ? page.nextVersionId() : null)
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encode(delimiter, url))
                .element("EncodingType", url ? "url" : null)
                .element("IsTruncated", page.truncated());
        String previousKey = null;
        for (VersionStore.Version v : page.versions()) {
            ObjectMeta o = v.meta();
            boolean latest = !o.key().equals(previousKey) && isLatest(bucket.name(), o);
            previousKey = o.key();
            xml.start(o.deleteMarker() ? "DeleteMarker" : "Version").element("Key", encode(o.key(), url))
                    .element("VersionId", o.versionId()).element("IsLatest", latest)
                    .element("LastModified", HttpDates.xml(o.lastModified()));
            if (!o.deleteMarker()) {
                xml.element("ETag", o.etag()).element("Size", o.size()).element("StorageClass", o.storageClass());
            }
            BucketOperations.owner(xml, bucket.account());
            xml.end();
        }
        for (String p : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encode(p, url)).end();
        }
        call.xml(xml);
    }

    private boolean isLatest(String bucket, ObjectMeta version) {
        List<VersionStore.Version> all = objects.versions().of(bucket, version.key());
        return !all.isEmpty() && version.versionId().equals(all.get(0).meta().versionId());
    }

    private static void contents(XmlWriter xml, Listing page, boolean url, boolean owner, String account) {
        for (ObjectMeta o : page.objects()) {
            xml.start("Contents")
                    .element("Key", encode(o.key(), url))
                    .element("LastModified", HttpDates.xml(o.lastModified()))
                    .element("ETag", o.etag());
            for (String alg : o.checksums().keySet()) {
                ChecksumAlgorithm a = ChecksumAlgorithm.parse(alg);
                xml.element("ChecksumAlgorithm", a == null ? alg : a.name());
            }
            xml.element("ChecksumType", o.checksumType())
                    .element("Size", o.size())
                    .element("StorageClass", o.storageClass());
            if (owner) {
                BucketOperations.owner(xml, account);
            }
            xml.end();
        }
        for (String p : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encode(p, url)).end();
        }
    }

    static int maxKeys(S3Call call) {
        String v = call.query("max-keys");
        if (v == null) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, 1000);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", v);
        }
    }

    static boolean encoding(S3Call call) {
        String e = call.query("encoding-type");
        if (e == null) {
            return false;
        }
        if (!e.equals("url")) {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", e);
        }
        return true;
    }

    /** URL-encodes a key as S3 does for {@code encoding-type=url}: '/' kept, space as '+'. */
    static String encode(String value, boolean url) {
        if (value == null || !url) {
            return value;
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String encodeToken(String last) {
        return Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
    }
}
