package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.MutableClock;
import io.lakelet.core.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Tagging, versioning, policy, CORS, lifecycle, object attributes and presigned URLs. */
class BucketConfigurationEndToEndTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static TestServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start(Map.of(), CLOCK);
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
    void objectAndBucketTagsRoundTrip() {
        s3.putObject(b -> b.bucket(bucket).key("tagged").tagging("a=1&b=two"), RequestBody.fromString("x"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("b", "two"));
        s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(Tag.builder().key("c").value("3").build())));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet()).extracting(Tag::key).containsExactly("c");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tagged")).response().tagCount()).isEqualTo(1);
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("tagged"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet()).isEmpty();

        assertCode(() -> s3.getBucketTagging(b -> b.bucket(bucket)), "NoSuchTagSet");
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(Tag.builder().key("team").value("data").build())));
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).extracting(Tag::value).containsExactly("data");
        s3.deleteBucketTagging(b -> b.bucket(bucket));
        assertCode(() -> s3.getBucketTagging(b -> b.bucket(bucket)), "NoSuchTagSet");
    }

    @Test
    void policiesAreStoredReturnedAndDeleted() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        assertCode(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), "NoSuchBucketPolicy");
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo(policy);
        assertCode(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("not json")), "MalformedPolicy");
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertCode(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), "NoSuchBucketPolicy");
    }

    @Test
    void corsRulesAreStoredAndAnswerPreflights() throws Exception {
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        assertThat(preflight(name, "https://app.example.com", "PUT").statusCode()).isEqualTo(403);
        s3.putBucketCors(b -> b.bucket(name).corsConfiguration(c -> c.corsRules(r -> r
                .allowedOrigins("https://*.example.com").allowedMethods("GET", "PUT").allowedHeaders("*")
                .exposeHeaders("ETag").maxAgeSeconds(600))));
        assertThat(s3.getBucketCors(b -> b.bucket(name)).corsRules()).singleElement()
                .satisfies(r -> assertThat(r.allowedMethods()).containsExactly("GET", "PUT"));
        HttpResponse<String> ok = preflight(name, "https://app.example.com", "PUT");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, PUT");
        assertThat(ok.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(preflight(name, "https://evil.test", "PUT").statusCode()).isEqualTo(403);
        s3.putObject(b -> b.bucket(name).key("some/key"), RequestBody.fromString("x"));
        HttpResponse<String> get = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + name + "/some/key"))
                .header("Origin", "https://app.example.com").GET().build());
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(get.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");
        assertThat(preflight(name, "https://app.example.com", "DELETE").statusCode()).isEqualTo(403);
        s3.deleteBucketCors(b -> b.bucket(name));
        assertCode(() -> s3.getBucketCors(b -> b.bucket(name)), "NoSuchCORSConfiguration");
    }

    private static HttpResponse<String> preflight(String name, String origin, String method) throws Exception {
        return S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + name + "/some/key"))
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void lifecycleConfigurationIsStored() {
        assertCode(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), "NoSuchLifecycleConfiguration");
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(l -> l.rules(r -> r.id("expire-tmp")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/")).expiration(e -> e.days(7)))));
        assertThat(s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("expire-tmp");
            assertThat(r.expiration().days()).isEqualTo(7);
            assertThat(r.filter().prefix()).isEqualTo("tmp/");
        });
        s3.deleteBucketLifecycle(b -> b.bucket(bucket));
        assertCode(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), "NoSuchLifecycleConfiguration");
    }

    @Test
    void notificationsToDestinationsThatCannotExistAreRefusedAsS3RefusesThem() {
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(name)).queueConfigurations()).isEmpty();
        assertCode(() -> s3.putBucketNotificationConfiguration(b -> b.bucket(name).notificationConfiguration(n -> n
                .queueConfigurations(q -> q.id("to-queue").queueArn("arn:aws:sqs:us-east-1:000000000000:q")
                        .eventsWithStrings("s3:ObjectCreated:*")))), "InvalidArgument");
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(name)).queueConfigurations()).isEmpty();

        // Skipping the check stores the configuration, as S3 does.
        s3.putBucketNotificationConfiguration(b -> b.bucket(name).skipDestinationValidation(true)
                .notificationConfiguration(n -> n.queueConfigurations(q -> q.id("to-queue")
                        .queueArn("arn:aws:sqs:us-east-1:000000000000:q").eventsWithStrings("s3:ObjectCreated:*"))));
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(name)).queueConfigurations()).singleElement()
                .satisfies(q -> assertThat(q.queueArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q"));

        s3.putBucketNotificationConfiguration(b -> b.bucket(name).notificationConfiguration(n -> n
                .eventBridgeConfiguration(e -> { })));
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(name)).eventBridgeConfiguration()).isNotNull();
    }

    @Test
    void aBucketWithOnlyAnUnfinishedUploadCanBeDeleted() {
        String name = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(name));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(name).key("pending")).uploadId();
        s3.uploadPart(b -> b.bucket(name).key("pending").uploadId(uploadId).partNumber(1), RequestBody.fromString("p"));
        s3.deleteBucket(b -> b.bucket(name));
        assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(name));
    }

    @Test
    void objectAttributesDescribeTheObject() {
        s3.putObject(b -> b.bucket(bucket).key("attrs"), RequestBody.fromString("attributes"));
        GetObjectAttributesResponse r = s3.getObjectAttributes(b -> b.bucket(bucket).key("attrs")
                .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE, ObjectAttributes.STORAGE_CLASS,
                        ObjectAttributes.CHECKSUM));
        assertThat(r.eTag()).isEqualTo(S3TestSupport.md5Hex("attributes".getBytes()));
        assertThat(r.objectSize()).isEqualTo(10);
        assertThat(r.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(r.checksum()).isNotNull();
    }

    @Test
    void presignedUrlsWorkUntilTheyExpire() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("shared"), RequestBody.fromString("presigned"));
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("shared"))).url().toURI();
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(g -> g.bucket(bucket).key("uploaded"))).url().toURI();
            assertThat(S3TestSupport.http(HttpRequest.newBuilder(get).GET().build()).body()).isEqualTo("presigned");
            assertThat(S3TestSupport.http(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("up"))
                    .build()).statusCode()).isEqualTo(200);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploaded")).asUtf8String()).isEqualTo("up");
            // when the server's clock passes the expiry
            CLOCK.advance(Duration.ofMinutes(6));
            HttpResponse<String> expired = S3TestSupport.http(HttpRequest.newBuilder(get).GET().build());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("<Message>Request has expired</Message>");
        }
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }
}
