package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Object operations through the real Java SDK v2 client (path style, default checksums). */
class ObjectEndToEndTest {
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
    void objectsOfOneChunkAndJustOverReadWholeAndAcrossTheChunkBoundaryTimeAfterTime() {
        int chunk = 1024 * 1024;
        for (int size : new int[] {chunk, chunk + 1}) {
            // given: an object of exactly one chunk (sent as one full response) and one a byte longer
            byte[] data = S3TestSupport.randomBytes(size, size);
            String key = "chunk-edge-" + size;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
            for (int read = 0; read < 3; read++) {
                // when: read again and again (later reads meet remembered records and cached chunks)
                ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                ResponseBytes<GetObjectResponse> tail = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
                        .range("bytes=" + (chunk - 5) + "-"));
                // then
                assertThat(whole.asByteArray()).isEqualTo(data);
                assertThat(whole.response().contentLength()).isEqualTo(size);
                assertThat(tail.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, chunk - 5, size));
                assertThat(tail.response().contentRange()).isEqualTo("bytes " + (chunk - 5) + "-" + (size - 1) + "/" + size);
            }
        }
        // when: the one-chunk object is replaced; then: the next read has the new bytes and ETag
        byte[] other = S3TestSupport.randomBytes(chunk, 77);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("chunk-edge-" + chunk), RequestBody.fromBytes(other));
        ResponseBytes<GetObjectResponse> again = s3.getObjectAsBytes(b -> b.bucket(bucket).key("chunk-edge-" + chunk));
        assertThat(again.asByteArray()).isEqualTo(other);
        assertThat(again.response().eTag()).isEqualTo(put.eTag());
    }

    @Test
    void anObjectRoundTripsWithItsMetadataAndHeaders() {
        // given
        byte[] data = S3TestSupport.randomBytes(3 * 1024 * 1024 + 17, 1);
        // when
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("dir/file with spaces+plus.bin")
                .contentType("application/x-test").contentEncoding("identity").contentDisposition("attachment")
                .cacheControl("max-age=60").contentLanguage("en").expires(Instant.parse("2030-01-01T00:00:00Z"))
                .metadata(Map.of("color", "blue", "Mixed-Case", "Value")), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/file with spaces+plus.bin"));
        // then
        assertThat(put.eTag()).isEqualTo("\"" + S3TestSupport.md5Hex(data) + "\"");
        assertThat(got.asByteArray()).isEqualTo(data);
        GetObjectResponse r = got.response();
        assertThat(r.eTag()).isEqualTo(put.eTag());
        assertThat(r.contentLength()).isEqualTo(data.length);
        assertThat(r.contentType()).isEqualTo("application/x-test");
        assertThat(r.contentEncoding()).isEqualTo("identity");
        assertThat(r.contentDisposition()).isEqualTo("attachment");
        assertThat(r.cacheControl()).isEqualTo("max-age=60");
        assertThat(r.contentLanguage()).isEqualTo("en");
        assertThat(r.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(r.metadata()).containsEntry("color", "blue").containsEntry("mixed-case", "Value");
        assertThat(r.lastModified()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/file with spaces+plus.bin"));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.metadata()).containsEntry("color", "blue");
    }

    @Test
    void rangesReturnPartialContentAndUnsatisfiableRangesAre416() {
        // given
        s3.putObject(b -> b.bucket(bucket).key("range"), RequestBody.fromString("0123456789"));
        // when / then
        assertThat(range("bytes=2-5")).isEqualTo("2345");
        assertThat(range("bytes=-3")).isEqualTo("789");
        assertThat(range("bytes=7-")).isEqualTo("789");
        assertThat(range("bytes=8-100")).isEqualTo("89");
        GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bytes=2-5")).response();
        assertThat(r.contentRange()).isEqualTo("bytes 2-5/10");
        assertThat(r.contentLength()).isEqualTo(4);
        assertThatThrownBy(() -> range("bytes=10-12")).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(416);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
        });
    }

    @Test
    void aRangeWithAPartNumberIsInvalidRequest() {
        s3.putObject(b -> b.bucket(bucket).key("range-and-part"), RequestBody.fromString("0123456789"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("range-and-part").range("bytes=0-1").partNumber(1)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidRequest"));
    }

    private static String range(String range) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range(range)).asUtf8String();
    }

    @Test
    void conditionalGetsAnswer412And304AsS3Does() {
        // given
        String etag = s3.putObject(b -> b.bucket(bucket).key("cond"), RequestBody.fromString("v1")).eTag();
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
        Instant future = Instant.now().plus(1, ChronoUnit.HOURS);
        // when / then
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond").ifMatch(etag)).asUtf8String()).isEqualTo("v1");
        assertStatus(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond").ifMatch("\"nope\"")), 412);
        assertStatus(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond").ifNoneMatch(etag)), 304);
        assertStatus(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond").ifUnmodifiedSince(past)), 412);
        Instant lastModified = s3.headObject(b -> b.bucket(bucket).key("cond")).lastModified();
        assertStatus(() -> s3.headObject(b -> b.bucket(bucket).key("cond").ifModifiedSince(lastModified)), 304);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond").ifModifiedSince(past)).asUtf8String())
                .isEqualTo("v1");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond").ifUnmodifiedSince(future)).asUtf8String())
                .isEqualTo("v1");
    }

    @Test
    void conditionalWritesRefuseToOverwriteWhatChanged() {
        // given
        String etag = s3.putObject(b -> b.bucket(bucket).key("cas").ifNoneMatch("*"), RequestBody.fromString("v1")).eTag();
        // when / then
        assertStatus(() -> s3.putObject(b -> b.bucket(bucket).key("cas").ifNoneMatch("*"), RequestBody.fromString("v2")), 412);
        assertStatus(() -> s3.putObject(b -> b.bucket(bucket).key("cas").ifMatch("\"0000\""), RequestBody.fromString("v2")),
                412);
        String next = s3.putObject(b -> b.bucket(bucket).key("cas").ifMatch(etag), RequestBody.fromString("v3")).eTag();
        assertThat(next).isNotEqualTo(etag);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cas")).asUtf8String()).isEqualTo("v3");
        assertStatus(() -> s3.putObject(b -> b.bucket(bucket).key("cas-missing").ifMatch(etag), RequestBody.fromString("x")),
                404);
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(status));
    }

    @Test
    void responseOverridesReplaceStoredHeaders() {
        s3.putObject(b -> b.bucket(bucket).key("override").contentType("text/plain"), RequestBody.fromString("x"));
        GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("override")
                .responseContentType("application/json").responseContentDisposition("inline; filename=a.json")
                .responseCacheControl("no-cache").responseContentLanguage("de").responseContentEncoding("gzip2")).response();
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.contentDisposition()).isEqualTo("inline; filename=a.json");
        assertThat(r.cacheControl()).isEqualTo("no-cache");
        assertThat(r.contentLanguage()).isEqualTo("de");
        assertThat(r.contentEncoding()).isEqualTo("gzip2");
    }

    @Test
    void deletedObjectsAreGoneAndMissingKeysAreNoSuchKey() {
        s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket(bucket).key("gone"));
        s3.deleteObject(b -> b.bucket(bucket).key("never-existed"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("gone")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertStatus(() -> s3.headObject(b -> b.bucket(bucket).key("gone")), 404);
    }

    @Test
    void deleteObjectsDeletesInBatchesAndIsSilentWhenQuiet() {
        for (String k : new String[] {"batch/a", "batch/b", "batch/c"}) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
        DeleteObjectsResponse loud = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch/a").build(), ObjectIdentifier.builder().key("batch/missing").build())));
        assertThat(loud.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("batch/a", "batch/missing");
        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(
                ObjectIdentifier.builder().key("batch/b").build(), ObjectIdentifier.builder().key("batch/c").build())));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("batch/")).contents()).isEmpty();
    }

    @Test
    void copyKeepsOrReplacesMetadataByDirective() {
        // given
        s3.putObject(b -> b.bucket(bucket).key("src").contentType("text/x-src").metadata(Map.of("m", "1")),
                RequestBody.fromString("copy me"));
        // when
        CopyObjectResponse kept = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("copy-kept"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("copy-replaced").metadataDirective(MetadataDirective.REPLACE)
                .contentType("text/x-new").metadata(Map.of("n", "2")));
        // then
        assertThat(kept.copyObjectResult().eTag()).isEqualTo("\"" + S3TestSupport.md5Hex("copy me".getBytes(StandardCharsets.UTF_8)) + "\"");
        GetObjectResponse k = s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-kept")).response();
        assertThat(k.contentType()).isEqualTo("text/x-src");
        assertThat(k.metadata()).containsExactly(Map.entry("m", "1"));
        ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-replaced"));
        assertThat(r.asUtf8String()).isEqualTo("copy me");
        assertThat(r.response().contentType()).isEqualTo("text/x-new");
        assertThat(r.response().metadata()).containsExactly(Map.entry("n", "2"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("src"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
    }

    @Test
    void keysLongerThan1024BytesAreKeyTooLongAndNotStored() {
        String tooLong = "k".repeat(1025);
        String longest = "k".repeat(1024);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key(tooLong), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyTooLongError");
                });
        s3.putObject(b -> b.bucket(bucket).key(longest), RequestBody.fromString("x"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("kkkk")).contents())
                .extracting(o -> o.key()).containsExactly(longest);
    }

    @Test
    void aWrongContentMd5IsBadDigestAndKeepsThePreviousObject() {
        // given
        s3.putObject(b -> b.bucket(bucket).key("md5"), RequestBody.fromString("original"));
        String wrong = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        // when / then
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("md5").contentMD5(wrong),
                RequestBody.fromString("replacement"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("md5-new").contentMD5("not-base64!"),
                RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDigest"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("md5")).asUtf8String()).isEqualTo("original");
        assertStatus(() -> s3.headObject(b -> b.bucket(bucket).key("md5-new")), 404);
    }

    @Test
    void aRightContentMd5IsAccepted() {
        byte[] data = "checked".getBytes(StandardCharsets.UTF_8);
        String md5 = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(S3TestSupport.md5Hex(data)));
        s3.putObject(b -> b.bucket(bucket).key("md5-ok").contentMD5(md5), RequestBody.fromBytes(data));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("md5-ok")).asByteArray()).isEqualTo(data);
    }

    @Test
    void storageClassesAreEchoedAndCheckedAndOwnersExpected() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("ia").storageClass("STANDARD_IA"), RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("ia")).storageClassAsString()).isEqualTo("STANDARD_IA");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("ia")).contents().get(0).storageClassAsString())
                .isEqualTo("STANDARD_IA");
        java.net.http.HttpResponse<String> bad = S3TestSupport.http(java.net.http.HttpRequest.newBuilder(
                server.endpoint().resolve("/" + bucket + "/bad-class")).header("x-amz-storage-class", "SHINY")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(bad.body()).contains("<Code>InvalidStorageClass</Code>");
        assertStatus(() -> s3.headObject(b -> b.bucket(bucket).key("ia").expectedBucketOwner("123456789012")), 403);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("ia").expectedBucketOwner("000000000000")).contentLength())
                .isEqualTo(1);
    }

    @Test
    void anEmptyObjectRoundTrips() {
        s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty"));
        assertThat(r.asByteArray()).isEmpty();
        assertThat(r.response().eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    @Test
    void objectsInAMissingBucketAreNoSuchBucket() {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("missing-bucket-x").key("k"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("NoSuchBucket"));
    }
}
