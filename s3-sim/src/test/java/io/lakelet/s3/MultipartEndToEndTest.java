package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/** Multipart uploads with the sync SDK client. */
class MultipartEndToEndTest {
    private static final int MIB = 1024 * 1024;

    private static TestServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start();
        s3 = S3TestSupport.pathStyle(server);
        bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void aTwentyMibUploadCompletesWithAnMd5OfMd5sEtagAndReadsBackByPart() throws Exception {
        // given
        byte[] data = S3TestSupport.randomBytes(20 * MIB + 123, 11);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        MessageDigest md5s = MessageDigest.getInstance("MD5");
        int partSize = 5 * MIB;
        int number = 1;
        for (int off = 0; off < data.length; off += partSize, number++) {
            byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + partSize));
            int n = number;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(n),
                    RequestBody.fromBytes(part)).eTag();
            assertThat(etag).isEqualTo("\"" + S3TestSupport.md5Hex(part) + "\"");
            md5s.update(HexFormat.of().parseHex(S3TestSupport.md5Hex(part)));
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        ListPartsResponse listed = s3.listParts(b -> b.bucket(bucket).key("big").uploadId(uploadId));
        assertThat(listed.parts()).hasSize(5);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).anyMatch(u -> u.uploadId().equals(uploadId));
        // when
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big")
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        // then
        String expectedEtag = "\"" + HexFormat.of().formatHex(md5s.digest()) + "-5\"";
        assertThat(done.eTag()).isEqualTo(expectedEtag);
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().eTag()).isEqualTo(expectedEtag);
        ResponseBytes<GetObjectResponse> part2 = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").partNumber(2));
        assertThat(part2.asByteArray()).isEqualTo(Arrays.copyOfRange(data, partSize, 2 * partSize));
        assertThat(part2.response().partsCount()).isEqualTo(5);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").range("bytes=5242870-5242889")).asByteArray())
                .isEqualTo(Arrays.copyOfRange(data, 5242870, 5242890));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).noneMatch(u -> u.uploadId().equals(uploadId));
    }

    @Test
    void partsSmallerThanFiveMibAreEntityTooSmallUnlessLast() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("small")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("small").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("tiny")).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("small").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("tiny too")).eTag();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("small").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(1, e1), part(2, e2)))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("EntityTooSmall"));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("small"))).isInstanceOf(S3Exception.class);
        CompleteMultipartUploadResponse one = s3.completeMultipartUpload(b -> b.bucket(bucket).key("small")
                .uploadId(uploadId).multipartUpload(m -> m.parts(part(2, e2))));
        assertThat(one.eTag()).endsWith("-1\"");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("small")).asUtf8String()).isEqualTo("tiny too");
    }

    @Test
    void unknownPartsAndWrongOrderAreRefused() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("order")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("order").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("a")).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("order").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("b")).eTag();
        assertCode(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("order").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(2, e2), part(1, e1)))), "InvalidPartOrder");
        assertCode(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("order").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(1, "\"0123\"")))), "InvalidPart");
        assertCode(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("order").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(3, e1)))), "InvalidPart");
    }

    @Test
    void badXmlInCompleteIsMalformedXml() throws Exception {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("xml")).uploadId();
        for (String body : new String[] {"<CompleteMultipartUpload><Part>", "not xml", "",
                "<CompleteMultipartUpload></CompleteMultipartUpload>"}) {
            HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint()
                    .resolve("/" + bucket + "/xml?uploadId=" + uploadId)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("<Code>MalformedXML</Code>");
        }
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("xml"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void anAbortedUploadIsGone() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("abort")).uploadId();
        s3.uploadPart(b -> b.bucket(bucket).key("abort").uploadId(uploadId).partNumber(1), RequestBody.fromString("x"));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("abort").uploadId(uploadId));
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(bucket).key("abort").uploadId(uploadId)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("abort").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("y"))).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void uploadPartCopyCopiesARangeOfAnotherObject() {
        byte[] source = S3TestSupport.randomBytes(6 * MIB, 21);
        s3.putObject(b -> b.bucket(bucket).key("copy-source"), RequestBody.fromBytes(source));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("copied")).uploadId();
        UploadPartCopyResponse p1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-source")
                .destinationBucket(bucket).destinationKey("copied").uploadId(uploadId).partNumber(1)
                .copySourceRange("bytes=0-5242879"));
        UploadPartCopyResponse p2 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-source")
                .destinationBucket(bucket).destinationKey("copied").uploadId(uploadId).partNumber(2)
                .copySourceRange("bytes=5242880-5242889"));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("copied").uploadId(uploadId).multipartUpload(m -> m.parts(
                part(1, p1.copyPartResult().eTag()), part(2, p2.copyPartResult().eTag()))));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copied")).asByteArray())
                .isEqualTo(Arrays.copyOf(source, 5242890));
        assertCode(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-source")
                .destinationBucket(bucket).destinationKey("copied2").uploadId(uploadId).partNumber(1)
                .copySourceRange("bytes=0-99999999")), "NoSuchUpload");
    }

    private static CompletedPart part(int n, String etag) {
        return CompletedPart.builder().partNumber(n).eTag(etag).build();
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    @Test
    void multipartUploadsAreListedPageByPageWithPrefixesAndMarkers() {
        String bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (String key : java.util.List.of("a/1", "a/2", "b", "c", "c")) {
            ids.add(s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
        }
        var first = s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.uploads()).extracting(u -> u.key()).containsExactly("a/1", "a/2");
        var second = s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(2).keyMarker(first.nextKeyMarker())
                .uploadIdMarker(first.nextUploadIdMarker()));
        assertThat(second.uploads()).extracting(u -> u.key()).containsExactly("b", "c");
        var third = s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(2).keyMarker(second.nextKeyMarker())
                .uploadIdMarker(second.nextUploadIdMarker()));
        assertThat(third.isTruncated()).isFalse();
        assertThat(third.uploads()).extracting(u -> u.key()).containsExactly("c");
        assertThat(java.util.stream.Stream.of(first, second, third).flatMap(p -> p.uploads().stream())
                .map(u -> u.uploadId()).toList()).containsExactlyInAnyOrderElementsOf(ids);

        var rolled = s3.listMultipartUploads(b -> b.bucket(bucket).delimiter("/"));
        assertThat(rolled.commonPrefixes()).extracting(c -> c.prefix()).containsExactly("a/");
        assertThat(rolled.uploads()).extracting(u -> u.key()).containsExactly("b", "c", "c");
    }
}
