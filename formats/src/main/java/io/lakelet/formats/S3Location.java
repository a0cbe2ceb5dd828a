package io.lakelet.formats;

import java.util.Objects;

/**
 * An {@code s3://bucket/key} address as the catalog and Athena write them ({@code s3a://} and
 * {@code s3n://} are accepted, as Glue and Athena accept them). A location naming a folder keeps its
 * trailing slash in {@link #key()}.
 */
public record S3Location(String bucket, String key) {

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        key = key == null ? "" : key;
    }

    /** Parses {@code s3://bucket/key}; throws IllegalArgumentException for anything else. */
    public static S3Location parse(String uri) {
        if (uri == null) {
            throw new IllegalArgumentException("no S3 location");
        }
        int scheme = uri.indexOf("://");
        String prefix = scheme < 0 ? "" : uri.substring(0, scheme);
        if (!prefix.equals("s3") && !prefix.equals("s3a") && !prefix.equals("s3n")) {
            throw new IllegalArgumentException("not an S3 location: " + uri);
        }
        String rest = uri.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in S3 location: " + uri);
        }
        return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** This location as a folder: the key with a trailing slash (empty for the bucket's root). */
    public S3Location asFolder() {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Location(bucket, key + "/");
    }

    /** A key below this folder. */
    public S3Location resolve(String name) {
        return new S3Location(bucket, asFolder().key + name);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
