package io.lakelet.s3.operations;

import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.wire.XmlWriter;
import java.util.Set;

/**
 * ACLs as tools that check them expect: every bucket and object is private to its owner
 * ({@code FULL_CONTROL}). Setting the {@code private} canned ACL is accepted; any other ACL is refused
 * with NotImplemented rather than stored and ignored.
 */
public final class AclOperations {
    private static final Set<String> ACCEPTED = Set.of("private", "bucket-owner-full-control");

    private final ObjectService objects;

    public AclOperations(ObjectService objects) {
        this.objects = objects;
    }

    public void getAcl(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        if (call.key() != null) {
            objects.require(b.name(), call.key(), call.query("versionId"));
        }
        String id = BucketOperations.canonicalId(b.account());
        XmlWriter xml = XmlWriter.document("AccessControlPolicy");
        BucketOperations.owner(xml, b.account());
        xml.start("AccessControlList").start("Grant");
        xml.start("Grantee", "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"");
        xml.element("DisplayName", "webfile").element("ID", id).end();
        xml.element("Permission", "FULL_CONTROL").end().end();
        call.xml(xml);
    }

    public void putAcl(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        if (call.key() != null) {
            objects.require(b.name(), call.key());
        }
        String canned = call.header("x-amz-acl");
        if (canned != null && !ACCEPTED.contains(canned)) {
            throw S3Errors.notImplemented("x-amz-acl");
        }
        if (canned == null && call.request().body().declaredLength() > 0) {
            throw S3Errors.notImplemented("AccessControlPolicy");
        }
        call.ok();
    }
}
