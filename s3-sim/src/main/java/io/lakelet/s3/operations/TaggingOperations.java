package io.lakelet.s3.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.store.ObjectMeta;
import java.util.Map;

/** Get, put and delete of object tags and bucket tags. */
public final class TaggingOperations {
    private final ObjectService objects;

    public TaggingOperations(ObjectService objects) {
        this.objects = objects;
    }

    public void getObjectTagging(S3Call call) {
        objects.bucket(call.bucket());
        ObjectMeta meta = objects.require(call.bucket(), call.key());
        call.xml(Tagging.toXml(meta.tags()));
    }

    public void putObjectTagging(S3Call call) {
        objects.bucket(call.bucket());
        Map<String, String> tags = Tagging.fromXml(call.xmlBody(), Tagging.MAX_OBJECT_TAGS,
                "Object tags cannot be greater than 10");
        objects.updateMeta(call.bucket(), call.key(), m -> m.withTags(tags));
        call.ok();
    }

    public void deleteObjectTagging(S3Call call) {
        objects.bucket(call.bucket());
        objects.updateMeta(call.bucket(), call.key(), m -> m.withTags(Map.of()));
        call.noContent();
    }

    public void getBucketTagging(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        if (b.tags().isEmpty()) {
            throw new AwsException("NoSuchTagSet", 404, "The TagSet does not exist").withField("BucketName", b.name());
        }
        call.xml(Tagging.toXml(b.tags()));
    }

    public void putBucketTagging(S3Call call) {
        objects.bucket(call.bucket());
        Map<String, String> tags = Tagging.fromXml(call.xmlBody(), Tagging.MAX_BUCKET_TAGS,
                "Bucket tag count cannot be greater than 50");
        objects.updateBucket(call.bucket(), b -> b.withTags(tags));
        call.noContent();
    }

    public void deleteBucketTagging(S3Call call) {
        objects.updateBucket(call.bucket(), b -> b.withTags(Map.of()));
        call.noContent();
    }
}
