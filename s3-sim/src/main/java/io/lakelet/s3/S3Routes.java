package io.lakelet.s3;

import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.operations.AclOperations;
import io.lakelet.s3.operations.BucketConfigOperations;
import io.lakelet.s3.operations.BucketOperations;
import io.lakelet.s3.operations.ListOperations;
import io.lakelet.s3.operations.MultipartOperations;
import io.lakelet.s3.operations.ObjectReadOperations;
import io.lakelet.s3.operations.ObjectWriteOperations;
import io.lakelet.s3.operations.S3Call;
import io.lakelet.s3.operations.TaggingOperations;
import io.lakelet.s3.service.MultipartService;
import io.lakelet.s3.service.ObjectService;
import java.util.List;

/**
 * The routing table of S3's REST API: service, bucket and object resources, each with sub-resources
 * named by query parameters ({@code ?tagging}, {@code ?uploads}, {@code ?list-type=2}...).
 */
final class S3Routes {
    /** Sub-resources Lakelet does not emulate; refused with NotImplemented rather than misread as another call. */
    private static final List<String> UNSUPPORTED = List.of("website", "logging",
            "replication", "encryption", "object-lock", "retention", "legal-hold", "accelerate", "requestPayment",
            "analytics", "inventory", "metrics", "intelligent-tiering", "ownershipControls", "publicAccessBlock",
            "torrent", "restore", "select");

    private final BucketOperations buckets;
    private final BucketConfigOperations config;
    private final ListOperations lists;
    private final ObjectReadOperations reads;
    private final ObjectWriteOperations writes;
    private final TaggingOperations tagging;
    private final MultipartOperations multipart;
    private final AclOperations acl;
    private final ObjectService objects;

    S3Routes(ObjectService objects, MultipartService multipartService) {
        this.buckets = new BucketOperations(objects);
        this.config = new BucketConfigOperations(objects);
        this.lists = new ListOperations(objects);
        this.reads = new ObjectReadOperations(objects);
        this.writes = new ObjectWriteOperations(objects);
        this.tagging = new TaggingOperations(objects);
        this.multipart = new MultipartOperations(objects, multipartService);
        this.acl = new AclOperations(objects);
        this.objects = objects;
    }

    void dispatch(S3Call call) throws Exception {
        for (String sub : UNSUPPORTED) {
            if (call.has(sub)) {
                named(call, "Unsupported:" + sub);
                throw S3Errors.notImplemented("?" + sub);
            }
        }
        checkExpectedOwner(call);
        config.addCorsHeaders(call);
        String method = call.request().method();
        if (call.bucket() == null) {
            if ("GET".equals(method)) {
                named(call, "ListBuckets");
                buckets.listBuckets(call);
                return;
            }
            throw S3HttpService.unsupported(method, call.address());
        }
        if (call.key() == null) {
            bucket(call, method);
        } else {
            object(call, method);
        }
    }

    private void bucket(S3Call call, String method) {
        switch (method) {
            case "PUT" -> {
                if (call.has("acl")) {
                    run(call, "PutBucketAcl", acl::putAcl);
                } else if (call.has("versioning")) {
                    run(call, "PutBucketVersioning", config::putVersioning);
                } else if (call.has("tagging")) {
                    run(call, "PutBucketTagging", tagging::putBucketTagging);
                } else if (call.has("policy")) {
                    run(call, "PutBucketPolicy", config::putPolicy);
                } else if (call.has("cors")) {
                    run(call, "PutBucketCors", config::putCors);
                } else if (call.has("lifecycle")) {
                    run(call, "PutBucketLifecycleConfiguration", config::putLifecycle);
                } else if (call.has("notification")) {
                    run(call, "PutBucketNotificationConfiguration", config::putNotification);
                } else {
                    run(call, "CreateBucket", buckets::createBucket);
                }
            }
            case "GET" -> {
                if (call.has("acl")) {
                    run(call, "GetBucketAcl", acl::getAcl);
                } else if (call.has("location")) {
                    run(call, "GetBucketLocation", buckets::getBucketLocation);
                } else if (call.has("versioning")) {
                    run(call, "GetBucketVersioning", config::getVersioning);
                } else if (call.has("tagging")) {
                    run(call, "GetBucketTagging", tagging::getBucketTagging);
                } else if (call.has("policy")) {
                    run(call, "GetBucketPolicy", config::getPolicy);
                } else if (call.has("cors")) {
                    run(call, "GetBucketCors", config::getCors);
                } else if (call.has("lifecycle")) {
                    run(call, "GetBucketLifecycleConfiguration", config::getLifecycle);
                } else if (call.has("notification")) {
                    run(call, "GetBucketNotificationConfiguration", config::getNotification);
                } else if (call.has("uploads")) {
                    run(call, "ListMultipartUploads", multipart::listUploads);
                } else if (call.has("versions")) {
                    run(call, "ListObjectVersions", lists::listObjectVersions);
                } else if ("2".equals(call.query("list-type"))) {
                    run(call, "ListObjectsV2", lists::listObjectsV2);
                } else {
                    run(call, "ListObjects", lists::listObjectsV1);
                }
            }
            case "HEAD" -> run(call, "HeadBucket", buckets::headBucket);
            case "DELETE" -> {
                if (call.has("tagging")) {
                    run(call, "DeleteBucketTagging", tagging::deleteBucketTagging);
                } else if (call.has("policy")) {
                    run(call, "DeleteBucketPolicy", config::deletePolicy);
                } else if (call.has("cors")) {
                    run(call, "DeleteBucketCors", config::deleteCors);
                } else if (call.has("lifecycle")) {
                    run(call, "DeleteBucketLifecycle", config::deleteLifecycle);
                } else {
                    run(call, "DeleteBucket", buckets::deleteBucket);
                }
            }
            case "POST" -> {
                if (call.has("delete")) {
                    run(call, "DeleteObjects", writes::deleteObjects);
                } else {
                    throw S3HttpService.unsupported(method, call.address());
                }
            }
            case "OPTIONS" -> run(call, "Preflight", config::preflight);
            default -> throw S3HttpService.unsupported(method, call.address());
        }
    }

    private void object(S3Call call, String method) throws Exception {
        switch (method) {
            case "PUT" -> {
                if (call.has("acl")) {
                    run(call, "PutObjectAcl", acl::putAcl);
                } else if (call.has("tagging")) {
                    run(call, "PutObjectTagging", tagging::putObjectTagging);
                } else if (call.has("uploadId") && call.has("partNumber")) {
                    if (call.header("x-amz-copy-source") != null) {
                        io(call, "UploadPartCopy", multipart::uploadPartCopy);
                    } else {
                        io(call, "UploadPart", multipart::uploadPart);
                    }
                } else if (call.header("x-amz-copy-source") != null) {
                    io(call, "CopyObject", writes::copyObject);
                } else {
                    io(call, "PutObject", writes::putObject);
                }
            }
            case "GET" -> {
                if (call.has("acl")) {
                    run(call, "GetObjectAcl", acl::getAcl);
                } else if (call.has("tagging")) {
                    run(call, "GetObjectTagging", tagging::getObjectTagging);
                } else if (call.has("attributes")) {
                    run(call, "GetObjectAttributes", reads::getObjectAttributes);
                } else if (call.has("uploadId")) {
                    run(call, "ListParts", multipart::listParts);
                } else {
                    io(call, "GetObject", reads::getObject);
                }
            }
            case "HEAD" -> io(call, "HeadObject", reads::headObject);
            case "DELETE" -> {
                if (call.has("tagging")) {
                    run(call, "DeleteObjectTagging", tagging::deleteObjectTagging);
                } else if (call.has("uploadId")) {
                    run(call, "AbortMultipartUpload", multipart::abort);
                } else {
                    run(call, "DeleteObject", writes::deleteObject);
                }
            }
            case "POST" -> {
                if (call.has("uploads")) {
                    run(call, "CreateMultipartUpload", multipart::create);
                } else if (call.has("uploadId")) {
                    run(call, "CompleteMultipartUpload", multipart::complete);
                } else {
                    throw S3HttpService.unsupported(method, call.address());
                }
            }
            case "OPTIONS" -> run(call, "Preflight", config::preflight);
            default -> throw S3HttpService.unsupported(method, call.address());
        }
    }

    /** {@code x-amz-expected-bucket-owner}: a bucket owned by another account is AccessDenied, as in S3. */
    private void checkExpectedOwner(S3Call call) {
        String expected = call.header("x-amz-expected-bucket-owner");
        if (expected != null && call.bucket() != null) {
            objects.findBucket(call.bucket()).filter(b -> !b.account().equals(expected))
                    .ifPresent(b -> {
                        throw S3Errors.accessDenied("Access Denied");
                    });
        }
    }

    private interface Operation {
        void run(S3Call call);
    }

    private interface IoOperation {
        void run(S3Call call) throws Exception;
    }

    private static void run(S3Call call, String name, Operation op) {
        named(call, name);
        op.run(call);
    }

    private static void io(S3Call call, String name, IoOperation op) throws Exception {
        named(call, name);
        op.run(call);
    }

    private static void named(S3Call call, String name) {
        call.context().operation(name);
    }
}
