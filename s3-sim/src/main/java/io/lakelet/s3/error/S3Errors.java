package io.lakelet.s3.error;

import io.lakelet.core.error.AwsException;

/** S3's errors, with the codes, statuses and messages S3 sends. Extra fields become elements of {@code <Error>}. */
public final class S3Errors {
    private S3Errors() {
    }

    public static AwsException noSuchBucket(String bucket) {
        return new AwsException("NoSuchBucket", 404, "The specified bucket does not exist").withField("BucketName", bucket);
    }

    public static AwsException noSuchKey(String key) {
        return new AwsException("NoSuchKey", 404, "The specified key does not exist.").withField("Key", key);
    }

    public static AwsException noSuchUpload(String uploadId) {
        return new AwsException("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid,"
                + " or the upload may have been aborted or completed.").withField("UploadId", uploadId);
    }

    public static AwsException noSuchVersion(String key, String versionId) {
        return new AwsException("NoSuchVersion", 404, "The specified version does not exist.")
                .withField("Key", key).withField("VersionId", versionId);
    }

    public static AwsException bucketAlreadyOwnedByYou(String bucket) {
        return new AwsException("BucketAlreadyOwnedByYou", 409,
                "Your previous request to create the named bucket succeeded and you already own it.")
                .withField("BucketName", bucket);
    }

    public static AwsException bucketAlreadyExists(String bucket) {
        return new AwsException("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket"
                + " namespace is shared by all users of the system. Please select a different name and try again.")
                .withField("BucketName", bucket);
    }

    public static AwsException bucketNotEmpty(String bucket) {
        return new AwsException("BucketNotEmpty", 409, "The bucket you tried to delete is not empty")
                .withField("BucketName", bucket);
    }

    public static AwsException invalidBucketName(String bucket) {
        return AwsException.client("InvalidBucketName", "The specified bucket is not valid.").withField("BucketName", bucket);
    }

    public static AwsException keyTooLong(int size) {
        return AwsException.client("KeyTooLongError", "Your key is too long").withField("MaxSizeAllowed", 1024)
                .withField("Size", size);
    }

    public static AwsException invalidRange(long size, String range) {
        return new AwsException("InvalidRange", 416, "The requested range is not satisfiable")
                .withField("RangeRequested", range).withField("ActualObjectSize", size);
    }

    public static AwsException preconditionFailed(String condition) {
        return new AwsException("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold")
                .withField("Condition", condition);
    }

    public static AwsException notModified() {
        return new AwsException("NotModified", 304, "Not Modified");
    }

    public static AwsException malformedXml() {
        return AwsException.client("MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static AwsException invalidDigest(String contentMd5) {
        return AwsException.client("InvalidDigest", "The Content-MD5 you specified was invalid.")
                .withField("Content-MD5", contentMd5);
    }

    public static AwsException badDigest(String expectedMd5Base64, String calculatedBase64) {
        return AwsException.client("BadDigest", "The Content-MD5 you specified did not match what we received.")
                .withField("ExpectedDigest", expectedMd5Base64).withField("CalculatedDigest", calculatedBase64);
    }

    public static AwsException badChecksum(String algorithm) {
        return AwsException.client("BadDigest", "The " + algorithm + " you specified did not match the calculated checksum.");
    }

    public static AwsException contentSha256Mismatch(String client, String computed) {
        return AwsException.client("XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.")
                .withField("ClientComputedContentSHA256", client).withField("S3ComputedContentSHA256", computed);
    }

    public static AwsException incompleteBody() {
        return AwsException.client("IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header");
    }

    public static AwsException invalidArgument(String message, String name, String value) {
        AwsException e = AwsException.client("InvalidArgument", message);
        if (name != null) {
            e = e.withField("ArgumentName", name).withField("ArgumentValue", value == null ? "" : value);
        }
        return e;
    }

    public static AwsException invalidRequest(String message) {
        return AwsException.client("InvalidRequest", message);
    }

    public static AwsException entityTooSmall(long size) {
        return AwsException.client("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
                .withField("ProposedSize", size).withField("MinSizeAllowed", 5L * 1024 * 1024);
    }

    public static AwsException invalidPart(int partNumber, String etag) {
        return AwsException.client("InvalidPart", "One or more of the specified parts could not be found.  The part may"
                + " not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                .withField("PartNumber", partNumber).withField("ETag", etag);
    }

    public static AwsException invalidPartOrder() {
        return AwsException.client("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be"
                + " ordered by part number.");
    }

    public static AwsException methodNotAllowed(String method, String resourceType) {
        return new AwsException("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
                .withField("Method", method).withField("ResourceType", resourceType);
    }

    public static AwsException accessDenied(String message) {
        return new AwsException("AccessDenied", 403, message);
    }

    public static AwsException notImplemented(String what) {
        return new AwsException("NotImplemented", 501, "A header you provided implies functionality that is not implemented")
                .withField("Header", what);
    }

    public static AwsException noSuchConfiguration(String code, String message, String bucket) {
        return new AwsException(code, 404, message).withField("BucketName", bucket);
    }

    public static AwsException entityTooLarge(long size, long max) {
        return AwsException.client("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
                .withField("ProposedSize", size).withField("MaxSizeAllowed", max);
    }
}
