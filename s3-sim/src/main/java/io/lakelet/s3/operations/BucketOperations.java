package io.lakelet.s3.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.store.BucketMeta;
import io.lakelet.s3.wire.HttpDates;
import io.lakelet.s3.wire.XmlNode;
import io.lakelet.s3.wire.XmlWriter;
import java.util.List;

/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets and GetBucketLocation. */
public final class BucketOperations {
    private final ObjectService objects;

    public BucketOperations(ObjectService objects) {
        this.objects = objects;
    }

    public void createBucket(S3Call call) {
        String region = call.context().region();
        String constraint = null;
        if (call.request().body().declaredLength() != 0) {
            byte[] body = call.request().body().readAllBytes();
            if (body.length > 0) {
                XmlNode root = XmlNode.parse(body);
                if (!root.name().equals("CreateBucketConfiguration")) {
                    throw io.lakelet.s3.error.S3Errors.malformedXml();
                }
                constraint = root.childText("LocationConstraint");
            }
        }
        String location;
        if (constraint == null || constraint.isEmpty()) {
            if (!"us-east-1".equals(region)) {
                throw illegalLocation("unspecified");
            }
            location = "us-east-1";
        } else {
            if (constraint.equals("us-east-1")) {
                throw AwsException.client("InvalidLocationConstraint", "The specified location-constraint is not valid")
                        .withField("LocationConstraint", constraint);
            }
            if (!constraint.equals(region)) {
                throw illegalLocation(constraint);
            }
            location = constraint;
        }
        BucketMeta b = objects.createBucket(call.context().accountId(), location, call.bucket());
        call.respond(call.status(200).header("Location", "/" + b.name()).body(new byte[0]));
    }

    private static AwsException illegalLocation(String constraint) {
        return AwsException.client("IllegalLocationConstraintException", "The " + constraint
                + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }

    public void headBucket(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        call.respond(call.status(200).header("x-amz-bucket-region", b.region())
                .header("x-amz-access-point-alias", "false").body(new byte[0]));
    }

    public void deleteBucket(S3Call call) {
        objects.deleteBucket(call.bucket());
        call.noContent();
    }

    public void listBuckets(S3Call call) {
        String account = call.context().accountId();
        List<BucketMeta> buckets = objects.listBuckets(account);
        String prefix = call.query("prefix");
        XmlWriter xml = XmlWriter.document("ListAllMyBucketsResult");
        owner(xml, account);
        xml.start("Buckets");
        for (BucketMeta b : buckets) {
            if (prefix != null && !b.name().startsWith(prefix)) {
                continue;
            }
            xml.start("Bucket").element("Name", b.name()).element("CreationDate", HttpDates.xml(b.created()))
                    .element("BucketRegion", b.region()).end();
        }
        xml.end();
        call.xml(xml);
    }

    public void getBucketLocation(S3Call call) {
        BucketMeta b = objects.bucket(call.bucket());
        // The root element has the region as its text, and no text for us-east-1.
        call.xml(XmlWriter.textDocument("LocationConstraint", "us-east-1".equals(b.region()) ? null : b.region()));
    }

    static void owner(XmlWriter xml, String account) {
        xml.start("Owner").element("DisplayName", "webfile").element("ID", canonicalId(account)).end();
    }

    /** A stable 64-hex canonical user id derived from the account. */
    static String canonicalId(String account) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(account.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
